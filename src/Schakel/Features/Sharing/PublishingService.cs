using Microsoft.EntityFrameworkCore;
using Schakel.Data;
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
/// resolves it to receiving organisations and stores one delivery per organisation, each with a direct route.
/// </summary>
public sealed class PublishingService(SchakelDbContext db, TimeProvider time)
{
    /// <summary>Whether the organisation type may publish at all: the coordinator and linking organisations.</summary>
    public static bool MayPublish(OrganisationType? type) =>
        type is OrganisationType.Coordinator or OrganisationType.LinkingOrganisation;

    /// <summary>
    /// Checks that <paramref name="publisher"/> may address <paramref name="audience"/> under <paramref name="tlp"/>.
    /// Returns the reasons it may not, empty when it may. RED is refused until the sharing-chain work adds person audiences.
    /// </summary>
    public async Task<IReadOnlyList<SharingProblem>> CheckAudienceAsync(Organisation publisher, Tlp tlp, IReadOnlyCollection<AudienceSpec> audience, CancellationToken ct = default)
    {
        var errors = new List<SharingProblem>();
        if (!MayPublish(publisher.Type)) errors.Add(new("MayNotPublish", $"Organisation '{publisher.Key}' ({publisher.Type}) may not publish; only the coordinator and linking organisations publish.", publisher.Key));
        if (tlp == Tlp.Red) errors.Add(Problems.RedRefused);
        if (audience.Count == 0) errors.Add(new("NoAudience", "No audience given."));
        var orgKeys = audience.Where(a => a.Kind is AudienceKind.Organisation or AudienceKind.Constituency).Select(a => a.Value!).Distinct().ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgKeys.Contains(o.Key))
            .ToDictionaryAsync(o => o.Key, ct);
        foreach (var a in audience)
        {
            switch (a.Kind)
            {
                case AudienceKind.Person:
                    errors.Add(new("PersonOnlyRed", $"'{a}': person audiences are only for TLP:RED items.", a.ToString()));
                    break;
                case AudienceKind.Sector when !Vocabulary.IsSector(a.Value!):
                    errors.Add(new("UnknownSector", $"'{a}': unknown sector key.", a.ToString()));
                    break;
                case AudienceKind.Organisation when !orgs.TryGetValue(a.Value!, out var o) || !o.IsActive:
                    errors.Add(new("NoSuchOrganisation", $"'{a}': no active organisation with that key.", a.ToString()));
                    break;
                case AudienceKind.Constituency:
                    if (!orgs.TryGetValue(a.Value!, out var lo) || lo.Type != OrganisationType.LinkingOrganisation)
                        errors.Add(new("NoSuchLinkingOrganisation", $"'{a}': no linking organisation with that key.", a.ToString()));
                    else if (publisher.Type != OrganisationType.Coordinator && lo.Id != publisher.Id)
                        errors.Add(new("OwnConstituencyOnly", $"'{a}': a linking organisation addresses only its own constituency.", a.ToString()));
                    break;
            }
        }

        return errors;
    }

    /// <summary>
    /// Publishes a draft (or adds audience to a published item): stores the audience entries and one delivery per
    /// receiving organisation that has none yet; an organisation reached twice gets one more route, never a second delivery.
    /// Returns the number of new deliveries. Throws <see cref="SharingRuleException"/> when a rule forbids it.
    /// The caller saves nothing itself: this method calls SaveChanges once.
    /// </summary>
    public async Task<int> PublishAsync(Item item, Organisation publisher, string? personId, IReadOnlyCollection<AudienceSpec> audience, CancellationToken ct = default)
    {
        if (item.PublisherOrganisationId != publisher.Id) throw new SharingRuleException(new SharingProblem("NotPublisher", "Only the publishing organisation may publish this item."));
        if (item.Status == ItemStatus.Retracted) throw new SharingRuleException(new SharingProblem("Retracted", "A retracted item cannot be published."));
        var errors = await CheckAudienceAsync(publisher, item.Tlp, audience, ct);
        if (errors.Count > 0) throw new SharingRuleException(errors);

        var now = time.GetUtcNow();
        var entries = audience.Distinct().Select(a => new AudienceEntry
        {
            Item = item, Kind = a.Kind, Value = a.Value, AddedByOrganisationId = publisher.Id, AddedByPersonId = personId, CreatedAt = now,
        }).ToList();
        db.AudienceEntries.AddRange(entries);

        var recipients = new Dictionary<int, AudienceEntry>();
        foreach (var entry in entries)
        {
            foreach (var orgId in await ResolveAsync(entry, publisher.Id, ct)) recipients.TryAdd(orgId, entry);
        }

        var existing = item.Id == Guid.Empty ? [] : await db.Deliveries.Where(d => d.ItemId == item.Id && d.RecipientPersonId == null)
            .Include(d => d.Routes).ToDictionaryAsync(d => d.RecipientOrganisationId, ct);
        var fresh = new List<(int OrgId, AudienceEntry Entry)>();
        foreach (var (orgId, entry) in recipients)
        {
            if (!existing.TryGetValue(orgId, out var delivery)) fresh.Add((orgId, entry));
            else if (delivery.Routes.All(r => r.Kind != RouteKind.Direct))
                delivery.Routes.Add(new DeliveryRoute { Kind = RouteKind.Direct, Tlp = item.Tlp, AudienceEntry = entry, CreatedAt = now });
        }

        var bulk = fresh.Count >= BulkThreshold;
        if (!bulk)
        {
            foreach (var (orgId, entry) in fresh)
            {
                db.Deliveries.Add(new Delivery
                {
                    Item = item, RecipientOrganisationId = orgId, EffectiveTlp = item.Tlp, State = DeliveryState.Delivered, DeliveredAt = now,
                    Routes = [new DeliveryRoute { Kind = RouteKind.Direct, Tlp = item.Tlp, AudienceEntry = entry, CreatedAt = now }],
                });
            }
        }

        if (item.Status == ItemStatus.Draft)
        {
            item.Status = ItemStatus.Published;
            item.PublishedAt = now;
        }

        item.UpdatedAt = now;
        if (!bulk)
        {
            await db.SaveChangesAsync(ct);
            return fresh.Count;
        }

        // Large audiences: the audience entries and the item first (for their ids), then the rows in set-based SQL, in one
        // transaction (the caller's, when it has one) so that a failure leaves no partial delivery list.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            await db.SaveChangesAsync(ct);
            await BulkDeliveryWriter.InsertAsync(db, item.Id, item.Tlp, fresh.Select(f => (f.OrgId, f.Entry.Id)).ToList(), now, ct);
            if (own is not null) await own.CommitAsync(ct);
        }

        return fresh.Count;
    }

    /// <summary>From this many new deliveries on, they are written in set-based SQL (<see cref="BulkDeliveryWriter"/>), not one by one.</summary>
    internal const int BulkThreshold = 200;

    /// <summary>Resolves an audience entry to the ids of active receiving organisations (the publisher excluded).</summary>
    private async Task<List<int>> ResolveAsync(AudienceEntry entry, int publisherId, CancellationToken ct)
    {
        var active = db.Organisations.AsNoTracking().Where(o => o.IsActive && o.Id != publisherId);
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
    public static readonly SharingProblem RedRefused = new("RedRefused", "TLP:RED items are addressed to named people; that is not supported yet, so RED is refused.");
}
