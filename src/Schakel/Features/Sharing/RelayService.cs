using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Network;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>
/// Relays for the coordinator (DESIGN.md section 3, legal basis; the route of the Landelijk Dekkend Stelsel). A member
/// without a Wbni article 3 basis of its own is reached through each of its active linking organisations that has one:
/// the linking organisation gets a relay delivery (route kind <see cref="RouteKind.Relay"/>, no via) and a
/// <see cref="Relay"/> task; per label it relays automatically or waits for its analysts, who may add a note and a
/// stricter label. AMBER+STRICT cannot be relayed; such members, and members with no linking organisation that has a
/// basis, are recorded as <see cref="UnreachableMember"/> for the coordinator.
/// </summary>
public sealed class RelayService(SchakelDbContext db, AuditLog audit, TimeProvider time)
{
    /// <summary>Unreachable reasons (<see cref="UnreachableMember.Reason"/>).</summary>
    public const string NoBasisNoLinkingOrganisation = "NoBasisNoLinkingOrganisation", NoLinkingOrganisationWithBasis = "NoLinkingOrganisationWithBasis",
        LabelForbidsRelay = "LabelForbidsRelay";

    /// <summary>
    /// Routes the coordinator's item to members without a basis of their own: relay tasks and relay deliveries for their
    /// linking organisations (relayed at once where the policy says automatic), unreachable records for the rest.
    /// Returns the number of new deliveries. Runs inside the caller's transaction.
    /// </summary>
    internal async Task<int> RouteWithoutBasisAsync(Item item, IReadOnlyCollection<int> memberIds, DateTimeOffset now, CancellationToken ct)
    {
        if (memberIds.Count == 0) return 0;
        var links = await db.ConstituencyMemberships.AsNoTracking()
            .Where(m => EF.Parameter(memberIds).Contains(m.MemberId))
            .Select(m => new { m.MemberId, m.LinkingOrganisationId, m.LinkingOrganisation.WbniCategory, m.LinkingOrganisation.IsActive })
            .ToListAsync(ct);
        var byMember = links.ToLookup(l => l.MemberId);
        var targets = new Dictionary<int, (string Basis, List<int> Members)>();
        var unreachable = new List<(int Member, string Reason)>();
        foreach (var member in memberIds)
        {
            var usable = byMember[member].Where(l => l.IsActive && Vocabulary.HasDirectBasis(l.WbniCategory)).ToList();
            if (usable.Count == 0)
                unreachable.Add((member, byMember[member].Any() ? NoLinkingOrganisationWithBasis : NoBasisNoLinkingOrganisation));
            else if (!SharingRules.MayRelay(item.Tlp))
                unreachable.Add((member, LabelForbidsRelay));
            else
            {
                foreach (var l in usable)
                {
                    if (!targets.TryGetValue(l.LinkingOrganisationId, out var t)) targets[l.LinkingOrganisationId] = t = (l.WbniCategory, []);
                    t.Members.Add(member);
                }
            }
        }

        await AddUnreachableAsync(item.Id, unreachable, now, ct);
        if (targets.Count == 0) return 0;

        var added = await RouteWriter.AddAsync(db, item,
            targets.Select(t => new NewRoute(t.Key, RouteKind.Relay, item.Tlp, Basis: t.Value.Basis)).ToList(), now, ct);
        var existing = await db.Relays.Where(r => r.ItemId == item.Id).ToDictionaryAsync(r => r.LinkingOrganisationId, ct);
        var policies = await db.RelayPolicies.AsNoTracking().Where(p => targets.Keys.Contains(p.OrganisationId) && p.Tlp == item.Tlp)
            .ToDictionaryAsync(p => p.OrganisationId, p => p.Automatic, ct);
        foreach (var (linkingId, (basis, members)) in targets)
        {
            if (!existing.TryGetValue(linkingId, out var relay))
            {
                relay = new Relay { ItemId = item.Id, LinkingOrganisationId = linkingId, Status = RelayStatus.Pending, CreatedAt = now };
                db.Relays.Add(relay);
                await db.SaveChangesAsync(ct);
            }

            var known = (await db.RelayTargets.Where(t => t.RelayId == relay.Id).Select(t => t.MemberOrganisationId).ToListAsync(ct)).ToHashSet();
            var fresh = members.Where(known.Add).ToList();
            await BulkDeliveryWriter.InsertRelayTargetsAsync(db, relay.Id, fresh, ct);
            // A cancelled task (the label was AMBER+STRICT) opens again when its members are routed again, or they would be silently skipped.
            if ((fresh.Count > 0 || relay.Status == RelayStatus.Cancelled) && relay.Status != RelayStatus.Pending)
            {
                relay.Status = RelayStatus.Pending;
                relay.DoneAt = null;
                await db.SaveChangesAsync(ct);
            }

            if (relay.Status == RelayStatus.Pending && policies.GetValueOrDefault(linkingId, RelayPolicy.DefaultAutomatic(item.Tlp)))
                added += await ExecuteAsync(item, relay, basis, null, null, null, now, ct);
        }

        return added;
    }

    /// <summary>
    /// Carries out a pending relay: a forward of kind <see cref="ForwardKind.Relay"/> by the linking organisation, with
    /// optional note and stricter label, and a relayed route (via the linking organisation, with its basis) for every target.
    /// </summary>
    private async Task<int> ExecuteAsync(Item item, Relay relay, string basis, string? personId, string? note, Tlp? tlp, DateTimeOffset now, CancellationToken ct)
    {
        var forward = new Forward
        {
            ItemId = item.Id, Kind = ForwardKind.Relay, OrganisationId = relay.LinkingOrganisationId, PersonId = personId, Note = note,
            Tlp = tlp is { } t && t > item.Tlp ? t : null, CreatedAt = now,
        };
        db.Forwards.Add(forward);
        var label = TlpLabels.Stricter(item.Tlp, forward.Tlp ?? item.Tlp);
        var members = await db.RelayTargets.Where(t => t.RelayId == relay.Id).Select(t => t.MemberOrganisationId).ToListAsync(ct);
        var routes = members.Select(m => new NewRoute(m, RouteKind.Relay, label, Via: relay.LinkingOrganisationId, Forward: forward, Basis: basis)).ToList();
        var added = await RouteWriter.AddAsync(db, item, routes, now, ct);
        relay.Status = RelayStatus.Done;
        relay.DoneAt = now;
        relay.Forward = forward;
        await db.SaveChangesAsync(ct);
        // Always inside a transaction (the publish's or RelayAsync's): queued, not awaited.
        audit.Record(new AuditActor(personId, relay.LinkingOrganisationId), new AuditEvent("item.relay", item.Id, null,
            new { tlp = label.ToLabel(), targets = members.Count, deliveries = added, automatic = personId is null }));
        return added;
    }

    /// <summary>
    /// An analyst of a linking organisation carries out its pending relay of an item, optionally with a note (at most
    /// <see cref="ForwardingService.MaxNoteLength"/> characters) and a stricter label (not RED). Throws
    /// <see cref="SharingRuleException"/> when the viewer may not, or nothing is pending. Returns the number of new deliveries.
    /// </summary>
    public async Task<int> RelayAsync(Viewer viewer, Guid itemId, string? note, Tlp? tlp, CancellationToken ct = default)
    {
        if (!viewer.IsAuthenticated || !viewer.IsAnalyst)
            throw new SharingRuleException(new SharingProblem("AnalystsOnly", "Only analysts relay items."));
        // Only linking organisations ever hold relays: anyone else may not relay at all (403), not "nothing pending" (409).
        if (viewer.OrganisationType != OrganisationType.LinkingOrganisation)
            throw new SharingRuleException(new SharingProblem("RelayLinkingOnly", "Only linking organisations relay items."));
        var relay = await db.Relays.Include(r => r.Item)
            .FirstOrDefaultAsync(r => r.ItemId == itemId && r.LinkingOrganisationId == viewer.OrganisationId, ct);
        if (relay is null || relay.Status != RelayStatus.Pending)
            throw new SharingRuleException(new SharingProblem("NoPendingRelay", "Your organisation has no pending relay of this item."));
        if (relay.Item.Status != ItemStatus.Published) throw new SharingRuleException(new SharingProblem("Retracted", "The item was retracted."));
        if (tlp is { } t && (t < relay.Item.Tlp || t == Tlp.Red))
            throw new SharingRuleException(new SharingProblem("LabelLooser", $"A relay keeps the label TLP:{relay.Item.Tlp.ToLabel()} or makes it stricter (not RED).", relay.Item.Tlp.ToLabel()));
        ForwardingService.CheckNote(note);
        var basis = await db.Organisations.Where(o => o.Id == relay.LinkingOrganisationId).Select(o => o.WbniCategory).FirstAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var added = await ExecuteAsync(relay.Item, relay, basis, viewer.PersonId, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), tlp, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>
    /// After the originator relaxed the label from AMBER+STRICT: members that were unreachable only because of the label
    /// are routed again (relays, or unreachable for another reason). Runs inside the caller's transaction.
    /// </summary>
    internal async Task RerouteAfterRelaxAsync(Item item, DateTimeOffset now, CancellationToken ct)
    {
        if (!SharingRules.MayRelay(item.Tlp)) return;
        var blocked = await db.UnreachableMembers.Where(u => u.ItemId == item.Id && u.Reason == LabelForbidsRelay).ToListAsync(ct);
        if (blocked.Count == 0) return;
        db.UnreachableMembers.RemoveRange(blocked);
        await db.SaveChangesAsync(ct);
        await RouteWithoutBasisAsync(item, blocked.Select(b => b.OrganisationId).ToList(), now, ct);
    }

    /// <summary>Records members as unreachable for the item (once per member).</summary>
    internal async Task AddUnreachableAsync(Guid itemId, IReadOnlyCollection<(int Member, string Reason)> members, DateTimeOffset now, CancellationToken ct)
    {
        if (members.Count == 0) return;
        var ids = members.Select(m => m.Member).ToList();
        var known = (await db.UnreachableMembers.Where(u => u.ItemId == itemId && EF.Parameter(ids).Contains(u.OrganisationId)).Select(u => u.OrganisationId).ToListAsync(ct)).ToHashSet();
        db.UnreachableMembers.AddRange(members.Where(m => known.Add(m.Member))
            .Select(m => new UnreachableMember { ItemId = itemId, OrganisationId = m.Member, Reason = m.Reason, CreatedAt = now }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The organisation's choice per relayable label (CLEAR, GREEN, AMBER): true for automatic, false for review first.</summary>
    public async Task<IReadOnlyDictionary<Tlp, bool>> PoliciesAsync(int organisationId, CancellationToken ct = default)
    {
        var stored = await db.RelayPolicies.AsNoTracking().Where(p => p.OrganisationId == organisationId).ToDictionaryAsync(p => p.Tlp, p => p.Automatic, ct);
        return SharingRules.RelayableLabels.ToDictionary(t => t, t => stored.GetValueOrDefault(t, RelayPolicy.DefaultAutomatic(t)));
    }

    /// <summary>Sets the viewer's organisation's relay choice for a label; organisation administrators and analysts of linking organisations only.</summary>
    public async Task SetPolicyAsync(Viewer viewer, Tlp tlp, bool automatic, CancellationToken ct = default)
    {
        if (viewer.OrganisationType != OrganisationType.LinkingOrganisation || !(viewer.IsOrgAdmin || viewer.IsAnalyst))
            throw new SharingRuleException(new SharingProblem("LinkingOrganisationsOnly", "Only administrators and analysts of a linking organisation set its relay policy."));
        if (!SharingRules.MayRelay(tlp)) throw new SharingRuleException(new SharingProblem("NotRelayable", $"TLP:{tlp.ToLabel()} is never relayed.", tlp.ToLabel()));
        var orgId = viewer.OrganisationId!.Value;
        var policy = await db.RelayPolicies.FindAsync([orgId, tlp], ct);
        if (policy is null) db.RelayPolicies.Add(new RelayPolicy { OrganisationId = orgId, Tlp = tlp, Automatic = automatic });
        else policy.Automatic = automatic;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActor.From(viewer), new AuditEvent("relay.policy", null, tlp.ToLabel(), new { automatic }), ct);
    }
}
