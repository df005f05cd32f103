using Microsoft.EntityFrameworkCore;
using Schakel.Data;

namespace Schakel.Features.Sharing;

/// <summary>
/// A route to add for one receiving organisation: how it is reached (<paramref name="Kind"/>, through
/// <paramref name="Via"/>), under which label, by which audience entry or forward, on which legal basis.
/// </summary>
internal sealed record NewRoute(int OrganisationId, RouteKind Kind, Tlp Tlp, AudienceEntry? Entry = null, int? Via = null, Forward? Forward = null, string? Basis = null);

/// <summary>
/// Adds organisation routes to an item's deliveries (DESIGN.md section 3a): an organisation that already holds a
/// delivery gets one more route and holds the item under the least strict of its routes' labels; any other organisation
/// gets a new delivery. One delivery per organisation and item, whatever the number of routes.
/// </summary>
internal static class RouteWriter
{
    /// <summary>
    /// Saves pending changes (so that the item, audience entries and forward have ids), then adds the routes, in the
    /// caller's transaction or its own. A route is skipped when the delivery already has an equivalent one: a direct
    /// route, a relay delivery to the same linking organisation, or a relayed route via the same linking organisation.
    /// Returns the number of new deliveries.
    /// </summary>
    public static async Task<int> AddAsync(SchakelDbContext db, Item item, IReadOnlyList<NewRoute> routes, DateTimeOffset now, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (own)
        {
            await db.SaveChangesAsync(ct);
            // Only the deliveries these routes may extend: loading (and tracking) every delivery of a large item would cost
            // more than writing the new ones.
            var orgIds = routes.Select(r => r.OrganisationId).Distinct().ToList();
            var existing = await db.Deliveries.Where(d => d.ItemId == item.Id && d.RecipientPersonId == null && EF.Parameter(orgIds).Contains(d.RecipientOrganisationId))
                .Include(d => d.Routes).ToDictionaryAsync(d => d.RecipientOrganisationId, ct);
            var fresh = new Dictionary<int, NewRoute>();
            foreach (var r in routes)
            {
                if (existing.TryGetValue(r.OrganisationId, out var delivery))
                {
                    if (delivery.Routes.Any(x => Equivalent(x, r))) continue;
                    delivery.Routes.Add(ToEntity(r, now));
                    delivery.EffectiveTlp = delivery.Routes.Min(x => x.Tlp);
                }
                else
                {
                    fresh.TryAdd(r.OrganisationId, r);
                }
            }

            if (fresh.Count < PublishingService.BulkThreshold)
            {
                foreach (var r in fresh.Values)
                {
                    db.Deliveries.Add(new Delivery
                    {
                        ItemId = item.Id, RecipientOrganisationId = r.OrganisationId, EffectiveTlp = r.Tlp, State = DeliveryState.Delivered,
                        DeliveredAt = now, Routes = [ToEntity(r, now)],
                    });
                }

                await db.SaveChangesAsync(ct);
            }
            else
            {
                await db.SaveChangesAsync(ct);
                var rows = fresh.Values.Select(r => new BulkRow(r.OrganisationId,
                    new BulkRoute(r.Kind, r.Tlp, r.Entry?.Id, r.Via, r.Forward?.Id, r.Basis))).ToList();
                await BulkDeliveryWriter.InsertAsync(db, item.Id, rows, now, ct);
            }

            // Readers who could not see a published threat-intelligence item before: its objects are new in their TAXII
            // collections (a first publication links them afresh anyway).
            if (item.Kind == ItemKind.ThreatIntel && item.Status == ItemStatus.Published && item.PublishedAt < now && fresh.Count > 0)
                await new ThreatIntel.StixVersionStore(db).RelinkAsync(item.Id, now, ct);
            if (own is not null) await own.CommitAsync(ct);
            return fresh.Count;
        }
    }

    private static bool Equivalent(DeliveryRoute x, NewRoute r) => r.Kind switch
    {
        RouteKind.Direct => x.Kind == RouteKind.Direct,
        RouteKind.Relay => x.Kind == RouteKind.Relay && x.ViaOrganisationId == r.Via,
        _ => r.Forward is not null && x.ForwardId == r.Forward.Id && x.ForwardId != 0,
    };

    private static DeliveryRoute ToEntity(NewRoute r, DateTimeOffset now) => new()
    {
        Kind = r.Kind, Tlp = r.Tlp, AudienceEntry = r.Entry, ViaOrganisationId = r.Via, Forward = r.Forward, Basis = r.Basis, CreatedAt = now,
    };
}
