using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Network;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>
/// A broken sharing rule: a stable <see cref="Code"/> (the web UI shows its Dutch or English text from the resource
/// files, with <see cref="Subject"/> filled in), and the English <see cref="Message"/> for the API and the command line.
/// </summary>
public sealed record SharingProblem(string Code, string Message, string? Subject = null)
{
    public override string ToString() => Message;
}

/// <summary>Thrown when a publish request breaks a sharing rule; <see cref="Problems"/> says which.</summary>
public sealed class SharingRuleException(IReadOnlyList<SharingProblem> problems) : Exception(string.Join(" ", problems.Select(p => p.Message)))
{
    public SharingRuleException(SharingProblem problem) : this([problem])
    {
    }

    public IReadOnlyList<SharingProblem> Problems { get; } = problems;
}

/// <summary>
/// Publishes items to audiences: checks the audience against the label and the publisher (DESIGN.md section 3),
/// resolves it to receiving organisations (or, for RED, persons) and stores one delivery per recipient. When the
/// coordinator publishes, the Wbni article 3 legal basis decides the route: organisations with a basis of their own get
/// a direct delivery, members without one are reached by relay through their linking organisations
/// (<see cref="RelayService"/>), and members no route can reach are recorded as unreachable.
/// </summary>
public sealed class PublishingService(SchakelDbContext db, RelayService relays, AuditLog audit, TimeProvider time)
{
    /// <summary>Whether the organisation type may publish at all: the coordinator and linking organisations.</summary>
    public static bool MayPublish(OrganisationType? type) =>
        type is OrganisationType.Coordinator or OrganisationType.LinkingOrganisation;

    /// <summary>
    /// Checks that <paramref name="publisher"/> may address <paramref name="audience"/> under <paramref name="tlp"/>.
    /// Returns the reasons it may not, empty when it may. RED takes <c>person:EMAIL</c> audiences only (active people
    /// of active organisations); every other label takes organisation audiences only.
    /// </summary>
    public async Task<IReadOnlyList<SharingProblem>> CheckAudienceAsync(Organisation publisher, Tlp tlp, IReadOnlyCollection<AudienceSpec> audience, CancellationToken ct = default)
    {
        var (errors, orgs) = await CheckKeysAsync(audience, ct);
        if (!MayPublish(publisher.Type)) errors.Insert(0, new("MayNotPublish", $"Organisation '{publisher.Key}' ({publisher.Type}) may not publish; only the coordinator and linking organisations publish.", publisher.Key));
        var emails = audience.Where(a => a.Kind == AudienceKind.Person).Select(a => a.Value!.ToUpperInvariant()).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!) && u.IsActive && u.Organisation.IsActive)
            .Select(u => u.NormalizedEmail!).ToListAsync(ct);
        foreach (var a in audience)
        {
            if (tlp == Tlp.Red && a.Kind != AudienceKind.Person)
                errors.Add(new("RedPersonsOnly", $"'{a}': a TLP:RED item is addressed to named people only (person:EMAIL).", a.ToString()));
            else if (a.Kind == AudienceKind.Person && tlp != Tlp.Red)
                errors.Add(new("PersonOnlyRed", $"'{a}': person audiences are only for TLP:RED items.", a.ToString()));
            else if (a.Kind == AudienceKind.Person && !people.Contains(a.Value!.ToUpperInvariant()))
                errors.Add(new("NoSuchPerson", $"'{a}': no active person with that e-mail address.", a.ToString()));
            else if (a.Kind == AudienceKind.Constituency && orgs.TryGetValue(a.Value!, out var lo) && lo.Type == OrganisationType.LinkingOrganisation
                && publisher.Type != OrganisationType.Coordinator && lo.Id != publisher.Id)
                errors.Add(new("OwnConstituencyOnly", $"'{a}': a linking organisation addresses only its own constituency.", a.ToString()));
        }

        return errors;
    }

    /// <summary>
    /// What publishing and forwarding check alike about organisation audiences: that there is one, and that each sector,
    /// organisation and linking organisation key exists (and is active). Returns the problems and the organisations
    /// found, by key. Person audiences are left to the caller.
    /// </summary>
    internal async Task<(List<SharingProblem> Problems, Dictionary<string, Organisation> Organisations)> CheckKeysAsync(IReadOnlyCollection<AudienceSpec> audience, CancellationToken ct)
    {
        var errors = new List<SharingProblem>();
        if (audience.Count == 0) errors.Add(new("NoAudience", "No audience given."));
        var keys = audience.Where(a => a.Kind is AudienceKind.Organisation or AudienceKind.Constituency).Select(a => a.Value!).Distinct().ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => keys.Contains(o.Key)).ToDictionaryAsync(o => o.Key, ct);
        foreach (var a in audience)
        {
            switch (a.Kind)
            {
                case AudienceKind.Sector when !Vocabulary.IsSector(a.Value!):
                    errors.Add(new("UnknownSector", $"'{a}': unknown sector key.", a.ToString()));
                    break;
                case AudienceKind.Organisation when !orgs.TryGetValue(a.Value!, out var o) || !o.IsActive:
                    errors.Add(new("NoSuchOrganisation", $"'{a}': no active organisation with that key.", a.ToString()));
                    break;
                case AudienceKind.Constituency when !orgs.TryGetValue(a.Value!, out var lo) || lo.Type != OrganisationType.LinkingOrganisation:
                    errors.Add(new("NoSuchLinkingOrganisation", $"'{a}': no linking organisation with that key.", a.ToString()));
                    break;
                case AudienceKind.Organisation or AudienceKind.Constituency when orgs.TryGetValue(a.Value!, out var node) && node.RemoteNode is not null:
                    // It stands for another node: it has no people and is no member of this network, so nothing is delivered to it.
                    errors.Add(new("RemoteNode", $"'{a}': this organisation represents another Schakel node ({node.RemoteNode}); it receives nothing from this node.", a.ToString()));
                    break;
            }
        }

        return (errors, orgs);
    }

    /// <summary>
    /// Publishes a draft (or adds audience to a published item): stores the audience entries and one delivery per
    /// receiving organisation (RED: per addressed person) that has none yet; an organisation reached twice gets one more
    /// route, never a second delivery. Returns the number of new deliveries. Throws <see cref="SharingRuleException"/>
    /// when a rule forbids it. Everything is stored in one transaction; an <c>item.publish</c> audit record follows.
    /// </summary>
    public async Task<int> PublishAsync(Item item, Organisation publisher, string? personId, IReadOnlyCollection<AudienceSpec> audience, CancellationToken ct = default)
    {
        if (item.PublisherOrganisationId != publisher.Id) throw new SharingRuleException(new SharingProblem("NotPublisher", "Only the publishing organisation may publish this item."));
        if (item.Status == ItemStatus.Retracted) throw new SharingRuleException(new SharingProblem("Retracted", "A retracted item cannot be published."));
        if (item.Tlp == Tlp.Red && item.PublisherPersonId is null)
            throw new SharingRuleException(new SharingProblem("RedNeedsPerson", "A TLP:RED item needs a publishing person; it cannot be published from the command line without one."));
        var errors = await CheckAudienceAsync(publisher, item.Tlp, audience, ct);
        if (errors.Count > 0) throw new SharingRuleException(errors);

        var now = time.GetUtcNow();
        var entries = audience.Distinct().Select(a => new AudienceEntry
        {
            Item = item, Kind = a.Kind, Value = a.Value, AddedByOrganisationId = publisher.Id, AddedByPersonId = personId, CreatedAt = now,
        }).ToList();
        db.AudienceEntries.AddRange(entries);
        if (item.Status == ItemStatus.Draft)
        {
            item.Status = ItemStatus.Published;
            item.PublishedAt = now;
        }

        item.UpdatedAt = now;
        int added;
        await using (var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            added = item.Tlp == Tlp.Red ? await AddPersonDeliveriesAsync(item, entries, now, ct) : await AddOrganisationDeliveriesAsync(item, publisher, entries, now, ct);
            if (tx is not null) await tx.CommitAsync(ct);
        }

        var ev = new AuditEvent("item.publish", item.Id, string.Join(' ', audience), new { tlp = item.Tlp.ToLabel(), deliveries = added });
        if (db.Database.CurrentTransaction is null) await audit.RecordAsync(new AuditActor(personId, publisher.Id), ev, ct);
        else audit.Record(new AuditActor(personId, publisher.Id), ev);
        return added;
    }

    private async Task<int> AddOrganisationDeliveriesAsync(Item item, Organisation publisher, List<AudienceEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        var recipients = new Dictionary<int, AudienceEntry>();
        foreach (var entry in entries)
        {
            foreach (var orgId in await ResolveAsync(entry, publisher.Id, ct)) recipients.TryAdd(orgId, entry);
        }

        if (publisher.Type != OrganisationType.Coordinator)
        {
            return await RouteWriter.AddAsync(db, item, recipients.Select(r => new NewRoute(r.Key, RouteKind.Direct, item.Tlp, r.Value)).ToList(), now, ct);
        }

        // Wbni article 3: a direct delivery needs a basis of the recipient's own; the others go by relay.
        var recipientIds = recipients.Keys.ToList();
        // One JSON parameter, not one parameter per organisation (EF's default for lists, slow for thousands).
        var bases = await db.Organisations.AsNoTracking().Where(o => EF.Parameter(recipientIds).Contains(o.Id))
            .Select(o => new { o.Id, o.WbniCategory }).ToDictionaryAsync(o => o.Id, o => o.WbniCategory, ct);
        var direct = recipients.Where(r => Vocabulary.HasDirectBasis(bases[r.Key]))
            .Select(r => new NewRoute(r.Key, RouteKind.Direct, item.Tlp, r.Value, Basis: bases[r.Key])).ToList();
        var added = await RouteWriter.AddAsync(db, item, direct, now, ct);
        var withoutBasis = recipients.Keys.Where(id => !Vocabulary.HasDirectBasis(bases[id])).ToList();
        return added + await relays.RouteWithoutBasisAsync(item, withoutBasis, now, ct);
    }

    private async Task<int> AddPersonDeliveriesAsync(Item item, List<AudienceEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        var emails = entries.Select(e => e.Value!.ToUpperInvariant()).ToList();
        var people = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!) && u.IsActive && u.Id != item.PublisherPersonId)
            .Select(u => new { u.Id, u.OrganisationId, u.NormalizedEmail }).ToListAsync(ct);
        await db.SaveChangesAsync(ct);
        var existing = await db.Deliveries.Where(d => d.ItemId == item.Id && d.RecipientPersonId != null).Select(d => d.RecipientPersonId!).ToListAsync(ct);
        var added = 0;
        foreach (var p in people.Where(p => !existing.Contains(p.Id)))
        {
            var entry = entries.First(e => e.Value!.ToUpperInvariant() == p.NormalizedEmail);
            db.Deliveries.Add(new Delivery
            {
                ItemId = item.Id, RecipientOrganisationId = p.OrganisationId, RecipientPersonId = p.Id, EffectiveTlp = Tlp.Red, State = DeliveryState.Delivered,
                DeliveredAt = now, Routes = [new DeliveryRoute { Kind = RouteKind.Direct, Tlp = Tlp.Red, AudienceEntry = entry, CreatedAt = now }],
            });
            added++;
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>From this many new deliveries on, they are written in set-based SQL (<see cref="BulkDeliveryWriter"/>), not one by one.</summary>
    internal const int BulkThreshold = 200;

    /// <summary>
    /// Resolves an audience entry to the ids of active receiving organisations (the publisher excluded). Organisations that
    /// represent another node (<see cref="Organisation.RemoteNode"/>) never receive: they have no people and are no
    /// members of this network; they only publish what their node sends.
    /// </summary>
    internal async Task<List<int>> ResolveAsync(AudienceEntry entry, int publisherId, CancellationToken ct)
    {
        var active = db.Organisations.AsNoTracking().Where(o => o.IsActive && o.Id != publisherId && o.RemoteNode == null);
        var value = entry.Value;
        return entry.Kind switch
        {
            AudienceKind.Network => await active.Select(o => o.Id).ToListAsync(ct),
            AudienceKind.Sector => await active.Where(o => o.Sectors.Contains(value!)).Select(o => o.Id).ToListAsync(ct),
            AudienceKind.Organisation => await active.Where(o => o.Key == value).Select(o => o.Id).ToListAsync(ct),
            AudienceKind.Constituency => await active
                .Where(o => o.LinkingOrganisations.Any(m => m.LinkingOrganisation.Key == value)).Select(o => o.Id).ToListAsync(ct),
            _ => [],
        };
    }
}

/// <summary>Sharing problems raised in more than one place.</summary>
public static class Problems
{
    public static readonly SharingProblem RedNoRelabel = new("RedNoRelabel", "TLP:RED is for named people: an item cannot be relabelled to or from RED; publish a new item instead.");
}
