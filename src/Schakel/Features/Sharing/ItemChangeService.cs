using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Network;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>
/// What only the originator may do to a published item (DESIGN.md section 3): change its label and retract it. Both
/// reach every delivery, forwarded and relayed ones included (their <c>updated</c> flag is set).
/// </summary>
public sealed class ItemChangeService(SchakelDbContext db, ItemAccess access, RelayService relays, AuditLog audit, TimeProvider time,
    Federation.ThreatIntelReissue reissue)
{
    /// <summary>Longest retraction reason, in characters.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>
    /// Relabels the item (analysts of the publishing organisation only; not to or from RED). Tightening withdraws the
    /// routes the new label forbids (<see cref="ApplyLabelAsync"/>); relaxing leaves forwards that chose a stricter label
    /// at that label and lets members that AMBER+STRICT made unreachable be relayed. Returns the number of withdrawn
    /// deliveries. Throws <see cref="KeyNotFoundException"/> when the viewer may not see the item and
    /// <see cref="SharingRuleException"/> when the change is not allowed.
    /// </summary>
    public async Task<int> RelabelAsync(Viewer viewer, Guid itemId, Tlp tlp, CancellationToken ct = default)
    {
        var item = await OwnItemAsync(viewer, itemId, ct);
        if (item.Tlp == Tlp.Red || tlp == Tlp.Red) throw new SharingRuleException(Problems.RedNoRelabel);
        if (item.Tlp == tlp) throw new SharingRuleException(new SharingProblem("SameLabel", $"The item is already TLP:{tlp.ToLabel()}.", tlp.ToLabel()));
        var from = item.Tlp;
        item.Tlp = tlp;
        item.UpdatedAt = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // Threat intelligence: the new label travels to other nodes as new object versions (DESIGN.md section 3a).
        await reissue.ReissueAsync(item, revoke: false, ct);
        var withdrawn = item.Status == ItemStatus.Draft ? 0 : await ApplyLabelAsync(item, ct);
        if (tlp < from) await relays.RerouteAfterRelaxAsync(item, item.UpdatedAt, ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync(AuditActor.From(viewer), new AuditEvent("item.relabel", itemId, null, new { from = from.ToLabel(), to = tlp.ToLabel(), withdrawn }), ct);
        return withdrawn;
    }

    /// <summary>
    /// Retracts the item with a reason (1 to <see cref="MaxReasonLength"/> characters): it stays visible to those who
    /// hold it, as retracted with the reason, without its content; pending relays are cancelled. A draft cannot be retracted.
    /// </summary>
    public async Task RetractAsync(Viewer viewer, Guid itemId, string? reason, CancellationToken ct = default)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw new SharingRuleException(new SharingProblem("ReasonRequired", "Give a reason for the retraction."));
        if (reason.Length > MaxReasonLength) throw new SharingRuleException(new SharingProblem("ReasonTooLong", $"The reason is longer than {MaxReasonLength} characters."));
        var item = await OwnItemAsync(viewer, itemId, ct);
        // A draft was never shared; retracting it would show it (as retracted) to its whole organisation, or to everyone when CLEAR.
        if (item.Status == ItemStatus.Draft) throw new SharingRuleException(new SharingProblem("Draft", "A draft was never published, so it cannot be retracted."));
        var now = time.GetUtcNow();
        item.Status = ItemStatus.Retracted;
        item.RetractedAt = now;
        item.RetractionReason = reason;
        item.UpdatedAt = now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // Threat intelligence: the retraction travels to other nodes as revoked object versions (DESIGN.md section 3a).
        await reissue.ReissueAsync(item, revoke: true, ct);
        await db.Deliveries.Where(d => d.ItemId == itemId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Updated, true), ct);
        await db.Relays.Where(r => r.ItemId == itemId && r.Status == RelayStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RelayStatus.Cancelled), ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync(AuditActor.From(viewer), new AuditEvent("item.retract", itemId, null, new { reason_length = reason.Length }), ct);
    }

    private async Task<Item> OwnItemAsync(Viewer viewer, Guid itemId, CancellationToken ct)
    {
        if (!await access.CanSeeAsync(viewer, itemId, ct)) throw new KeyNotFoundException($"No item {itemId}.");
        var item = await db.Items.FirstAsync(i => i.Id == itemId, ct);
        var originator = viewer.IsAnalyst && item.PublisherOrganisationId == viewer.OrganisationId
            && (item.Tlp != Tlp.Red || item.PublisherPersonId == viewer.PersonId);
        if (!originator) throw new SharingRuleException(new SharingProblem("OriginatorOnly", "Only the originator (an analyst of the publishing organisation) may change the label or retract the item."));
        if (item.Status == ItemStatus.Retracted) throw new SharingRuleException(new SharingProblem("Retracted", "The item was already retracted."));
        return item;
    }

    /// <summary>
    /// Brings the routes of a published item in line with its (saved) label. A route's label is the stricter of the
    /// item's and its forward's; a delivery holds the least strict of its routes. Forwards and relays stay only while
    /// they are grounded and allowed: starting from the publisher's own routes, a forward counts when its organisation
    /// holds the item through routes that count, and <see cref="SharingRules.ForwardProblem"/> allows its recipients under
    /// the label it holds the item by (a least fixpoint, so forwards cannot keep each other alive). Relay deliveries go
    /// when the label cannot be relayed, and their members are recorded as unreachable. Routes that do not count are
    /// deleted, deliveries left without routes are withdrawn, and every remaining delivery is flagged updated.
    /// Returns the number of withdrawn deliveries. Runs in the caller's transaction.
    /// </summary>
    internal async Task<int> ApplyLabelAsync(Item item, CancellationToken ct)
    {
        var routes = await db.DeliveryRoutes.AsNoTracking().Where(r => r.Delivery.ItemId == item.Id && r.Delivery.RecipientPersonId == null)
            .Select(r => new RouteRow(r.Id, r.Delivery.RecipientOrganisationId, r.Kind, r.ViaOrganisationId, r.ForwardId)).ToListAsync(ct);
        var forwards = await db.Forwards.AsNoTracking().Where(f => f.ItemId == item.Id)
            .Select(f => new { f.Id, f.OrganisationId, f.Tlp, f.Kind, f.Organisation.Type }).ToDictionaryAsync(f => f.Id, ct);
        var forwarders = forwards.Values.Select(f => f.OrganisationId).Distinct().ToList();
        var constituencies = (await db.ConstituencyMemberships.AsNoTracking().Where(m => forwarders.Contains(m.LinkingOrganisationId))
            .Select(m => new { m.LinkingOrganisationId, m.MemberId }).ToListAsync(ct))
            .GroupBy(m => m.LinkingOrganisationId).ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(m => m.MemberId).ToHashSet());

        Tlp Label(RouteRow r) => r.ForwardId is { } f && forwards[f].Tlp is { } own ? TlpLabels.Stricter(item.Tlp, own) : item.Tlp;
        var relayable = SharingRules.MayRelay(item.Tlp);
        var counted = routes.Where(r => r.ForwardId is null && (r.Kind != RouteKind.Relay || relayable)).ToList();
        var byForward = routes.Where(r => r.ForwardId is not null).ToLookup(r => r.ForwardId!.Value);
        var accepted = new HashSet<int>();
        for (var changed = true; changed;)
        {
            changed = false;
            var held = counted.GroupBy(r => r.OrganisationId).ToDictionary(g => g.Key, g => g.Min(Label));
            foreach (var f in forwards.Values.Where(f => !accepted.Contains(f.Id)))
            {
                if (!held.TryGetValue(f.OrganisationId, out var baseLabel)) continue;
                var recipients = byForward[f.Id].Select(r => r.OrganisationId).ToList();
                if (SharingRules.ForwardProblem(f.Type, baseLabel, recipients, constituencies.GetValueOrDefault(f.OrganisationId) ?? new HashSet<int>()) is not null) continue;
                accepted.Add(f.Id);
                counted.AddRange(byForward[f.Id]);
                changed = true;
            }
        }

        var keep = counted.Select(r => r.Id).ToHashSet();
        var dropped = routes.Where(r => !keep.Contains(r.Id)).Select(r => r.Id).ToList();
        foreach (var chunk in dropped.Chunk(1000))
            await db.DeliveryRoutes.Where(r => chunk.Contains(r.Id)).ExecuteDeleteAsync(ct);
        var withdrawn = await db.Deliveries.Where(d => d.ItemId == item.Id && d.RecipientPersonId == null && !d.Routes.Any()).ExecuteDeleteAsync(ct);

        await db.DeliveryRoutes.Where(r => r.Delivery.ItemId == item.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Tlp, item.Tlp), ct);
        foreach (var f in forwards.Values.Where(f => accepted.Contains(f.Id) && f.Tlp > item.Tlp))
            await db.DeliveryRoutes.Where(r => r.ForwardId == f.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Tlp, f.Tlp!.Value), ct);
        await db.Deliveries.Where(d => d.ItemId == item.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.EffectiveTlp, d => d.Routes.Min(r => r.Tlp)).SetProperty(d => d.Updated, true), ct);

        if (!relayable)
        {
            var relayTargets = await db.RelayTargets.AsNoTracking().Where(t => t.Relay.ItemId == item.Id && t.Relay.Status != RelayStatus.Cancelled)
                .Select(t => t.MemberOrganisationId).Distinct().ToListAsync(ct);
            await db.Relays.Where(r => r.ItemId == item.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RelayStatus.Cancelled), ct);
            var stillHeld = (await db.Deliveries.Where(d => d.ItemId == item.Id && EF.Parameter(relayTargets).Contains(d.RecipientOrganisationId))
                .Select(d => d.RecipientOrganisationId).ToListAsync(ct)).ToHashSet();
            await relays.AddUnreachableAsync(item.Id, relayTargets.Where(t => !stillHeld.Contains(t)).Select(t => (t, RelayService.LabelForbidsRelay)).ToList(), time.GetUtcNow(), ct);
        }

        return withdrawn;
    }

    private sealed record RouteRow(long Id, int OrganisationId, RouteKind Kind, int? Via, int? ForwardId);
}
