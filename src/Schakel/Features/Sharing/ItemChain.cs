using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>
/// One route by which the viewer's delivery arrived: its kind, the publisher, the linking organisation it went through
/// (null for a direct route and for the relay task a linking organisation itself received), when (UTC), the Wbni basis
/// recorded for it, and its label.
/// </summary>
public sealed record ChainRoute(RouteKind Kind, string Publisher, string? Via, DateTimeOffset At, string? Basis, Tlp Tlp);

/// <summary>A linking organisation's note that came with a forward or relay, plain text; <see cref="Tlp"/> is the label of that forward.</summary>
public sealed record ChainNote(string Organisation, ForwardKind Kind, string Note, Tlp Tlp, DateTimeOffset At);

/// <summary>What the item page shows about the chain an item came through, and what the viewer may do in it.</summary>
public sealed record ItemChain(IReadOnlyList<ChainRoute> Routes, IReadOnlyList<ChainNote> Notes, bool MayForward, bool PendingRelay, bool IsOriginator)
{
    public static readonly ItemChain None = new([], [], false, false, false);

    /// <summary>
    /// Reads the routes and notes of the viewer's own delivery of <paramref name="item"/> (already authorised through
    /// <see cref="ItemAccess"/>) and decides the actions: forward (analysts of a linking organisation or the coordinator
    /// holding a delivery of a published non-RED item they did not publish, under a label that may be passed on), relay
    /// (analysts whose organisation has a pending relay), relabel and retract (the originator).
    /// </summary>
    public static async Task<ItemChain> LoadAsync(SchakelDbContext db, ItemAccess access, Viewer viewer, Item item, CancellationToken ct)
    {
        if (!viewer.IsAuthenticated) return None;
        var orgId = viewer.OrganisationId!.Value;
        var delivery = await access.Inbox(viewer).Where(d => d.ItemId == item.Id)
            .Select(d => new { d.Id, d.EffectiveTlp, d.RecipientPersonId }).FirstOrDefaultAsync(ct);
        var routes = new List<ChainRoute>();
        var notes = new List<ChainNote>();
        if (delivery is not null)
        {
            var rows = await db.DeliveryRoutes.AsNoTracking().Where(r => r.DeliveryId == delivery.Id).OrderBy(r => r.CreatedAt)
                .Select(r => new
                {
                    r.Kind, r.CreatedAt, r.Basis, r.Tlp,
                    Via = r.Forward != null ? r.Forward.Organisation.Name : null,
                    Note = r.Forward != null ? r.Forward.Note : null,
                    ForwardKind = r.Forward != null ? r.Forward.Kind : ForwardKind.Forward,
                    ForwardAt = r.Forward != null ? r.Forward.CreatedAt : r.CreatedAt,
                })
                .ToListAsync(ct);
            var publisher = await db.Organisations.AsNoTracking().Where(o => o.Id == item.PublisherOrganisationId).Select(o => o.Name).FirstAsync(ct);
            routes.AddRange(rows.Select(r => new ChainRoute(r.Kind, publisher, r.Via, r.CreatedAt, r.Basis, r.Tlp)));
            notes.AddRange(rows.Where(r => !string.IsNullOrWhiteSpace(r.Note) && r.Via is not null)
                .DistinctBy(r => (r.Via, r.Note)).Select(r => new ChainNote(r.Via!, r.ForwardKind, r.Note!, r.Tlp, r.ForwardAt)));
        }

        var published = item.Status == ItemStatus.Published;
        var mayForward = published && viewer.IsAnalyst && item.Tlp != Tlp.Red && item.PublisherOrganisationId != orgId
            && delivery is { RecipientPersonId: null }
            && SharingRules.ForwardProblem(viewer.OrganisationType ?? Network.OrganisationType.Member, delivery.EffectiveTlp, [], new HashSet<int>()) is null;
        var pendingRelay = published && viewer.IsAnalyst
            && await db.Relays.AsNoTracking().AnyAsync(r => r.ItemId == item.Id && r.LinkingOrganisationId == orgId && r.Status == RelayStatus.Pending, ct);
        var originator = item.Status != ItemStatus.Retracted && viewer.IsAnalyst && item.PublisherOrganisationId == orgId
            && (item.Tlp != Tlp.Red || item.PublisherPersonId == viewer.PersonId);
        return new ItemChain(routes, notes, mayForward, pendingRelay, originator);
    }
}

/// <summary>Model of <c>_ItemRoutes.cshtml</c>: the routes and the names of Wbni categories in the page's language.</summary>
public sealed record ItemRoutesModel(IReadOnlyList<ChainRoute> Routes, Network.NetworkNames Names);
