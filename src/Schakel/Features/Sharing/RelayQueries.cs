using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Network;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>One relay of a linking organisation: the item, its label, status, when it was created and done (UTC), and how many members it is for.</summary>
/// <remarks>
/// <c>Tlp</c>: the item's label, <c>CLEAR|GREEN|AMBER</c>.<br/>
/// <c>Status</c>: <c>Pending|Done|Cancelled</c>.<br/>
/// <c>Members</c>: the members without a basis of their own that this relay is for.<br/>
/// </remarks>
public sealed record RelayRow(Guid ItemId, string Title, string Tlp, string Status, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, int Members);

/// <summary>
/// Per linking organisation: relays pending (count, the oldest one's creation time in UTC and its age in whole seconds
/// at the time of the query), done, and the members reached through its relays.
/// </summary>
public sealed record RelayOrganisationRow(string Organisation, string Name, int Pending, DateTimeOffset? OldestPending, long? OldestPendingAgeSeconds,
    int Done, int MembersReached);

/// <summary>
/// A member that no route could reach for an item. <c>Title</c> is null when the caller may not see the item;
/// <c>Reason</c> is <c>NoBasisNoLinkingOrganisation</c>, <c>NoLinkingOrganisationWithBasis</c> or <c>LabelForbidsRelay</c>.
/// </summary>
public sealed record UnreachableRow(Guid ItemId, string? Title, string Tlp, string Organisation, string Name, string Reason, DateTimeOffset Since);

/// <summary>The coordinator's view of the relays: per linking organisation, and the unreachable members per item.</summary>
public sealed record RelayOverview(IReadOnlyList<RelayOrganisationRow> Organisations, IReadOnlyList<UnreachableRow> Unreachable);

/// <summary>
/// Reads relays for the web pages and the API alike (<c>/relays</c>, <c>/relays/overview</c>, <c>GET /api/v1/relays</c>,
/// <c>GET /api/v1/relays/overview</c>). RED items are never counted or listed here (they are never relayed either).
/// Item titles come only through <see cref="ItemAccess.VisibleItems"/>: a relay whose item the caller can no longer
/// see (for example after a tightening relabel) is not listed to it.
/// </summary>
public sealed class RelayQueries(SchakelDbContext db, ItemAccess access, TimeProvider time)
{
    /// <summary>Most rows one list returns.</summary>
    public const int Limit = 500;

    /// <summary>Who sees the overview: people of the coordinator and of the director.</summary>
    public static bool MayViewOverview(Viewer viewer) =>
        viewer.IsAuthenticated && viewer.OrganisationType is OrganisationType.Coordinator or OrganisationType.Director;

    /// <summary>Who sets a relay policy: organisation administrators and analysts of a linking organisation.</summary>
    public static bool MaySetPolicy(Viewer viewer) =>
        viewer.OrganisationType == OrganisationType.LinkingOrganisation && (viewer.IsOrgAdmin || viewer.IsAnalyst);

    /// <summary>The viewer's organisation's relays: pending first (oldest first), then the others, newest first; at most <see cref="Limit"/>.</summary>
    public async Task<IReadOnlyList<RelayRow>> ForViewerAsync(Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.IsAuthenticated) return [];
        var orgId = viewer.OrganisationId!.Value;
        var visible = access.VisibleItems(viewer).Where(i => i.Tlp != Tlp.Red);
        var rows = await db.Relays.AsNoTracking()
            .Where(r => r.LinkingOrganisationId == orgId)
            .Join(visible, r => r.ItemId, i => i.Id, (r, i) => new { r.ItemId, i.Title, i.Tlp, r.Status, r.CreatedAt, r.DoneAt, Members = r.Targets.Count })
            .ToListAsync(ct);
        return rows
            .OrderBy(r => r.Status == RelayStatus.Pending ? 0 : 1)
            .ThenBy(r => r.Status == RelayStatus.Pending ? r.CreatedAt.UtcTicks : -r.CreatedAt.UtcTicks)
            .Take(Limit)
            .Select(r => new RelayRow(r.ItemId, r.Title, r.Tlp.ToLabel(), r.Status.ToString(), r.CreatedAt, r.DoneAt, r.Members))
            .ToList();
    }

    /// <summary>The number of the viewer's organisation's pending relays (for the menu).</summary>
    public Task<int> PendingCountAsync(Viewer viewer, CancellationToken ct = default) =>
        viewer.IsAuthenticated
            ? db.Relays.AsNoTracking().CountAsync(r => r.LinkingOrganisationId == viewer.OrganisationId && r.Status == RelayStatus.Pending && r.Item.Tlp != Tlp.Red, ct)
            : Task.FromResult(0);

    /// <summary>
    /// The overview for the coordinator and the director: every linking organisation with its relays, and every unreachable
    /// member per item (newest first, at most <see cref="Limit"/>). Callers check <see cref="MayViewOverview"/> first.
    /// </summary>
    public async Task<RelayOverview> OverviewAsync(Viewer viewer, CancellationToken ct = default)
    {
        var relays = await db.Relays.AsNoTracking().Where(r => r.Item.Tlp != Tlp.Red)
            .GroupBy(r => new { r.LinkingOrganisationId, r.Status })
            .Select(g => new { g.Key.LinkingOrganisationId, g.Key.Status, Count = g.Count(), Oldest = g.Min(r => r.CreatedAt) })
            .ToListAsync(ct);
        // Members reached: organisations holding a delivery through a relayed route via the linking organisation.
        var reached = await db.DeliveryRoutes.AsNoTracking()
            .Where(r => r.Kind == RouteKind.Relay && r.ViaOrganisationId != null && r.Delivery.Item.Tlp != Tlp.Red)
            .GroupBy(r => r.ViaOrganisationId!.Value)
            .Select(g => new { Via = g.Key, Members = g.Select(r => r.Delivery.RecipientOrganisationId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Via, g => g.Members, ct);
        var linking = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.LinkingOrganisation)
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Key, o.Name }).ToListAsync(ct);
        var now = time.GetUtcNow();
        var organisations = linking.Select(o =>
        {
            var pending = relays.Where(r => r.LinkingOrganisationId == o.Id && r.Status == RelayStatus.Pending).ToList();
            DateTimeOffset? oldest = pending.Count == 0 ? null : pending.Min(p => p.Oldest);
            return new RelayOrganisationRow(o.Key, o.Name, pending.Sum(p => p.Count), oldest, oldest is { } at ? (long)(now - at).TotalSeconds : null,
                relays.Where(r => r.LinkingOrganisationId == o.Id && r.Status == RelayStatus.Done).Sum(r => r.Count), reached.GetValueOrDefault(o.Id));
        }).ToList();

        var unreachable = await db.UnreachableMembers.AsNoTracking()
            .Join(db.Items.Where(i => i.Tlp != Tlp.Red), u => u.ItemId, i => i.Id, (u, i) => new { u, i.Tlp })
            .OrderByDescending(x => x.u.CreatedAt).ThenBy(x => x.u.Organisation.Name)
            .Take(Limit)
            .Select(x => new { x.u.ItemId, x.Tlp, x.u.Organisation.Key, x.u.Organisation.Name, x.u.Reason, x.u.CreatedAt })
            .ToListAsync(ct);
        var ids = unreachable.Select(u => u.ItemId).Distinct().ToList();
        // The director sees an item's title only when it may see the item (it is in the audience).
        var titles = await access.VisibleItems(viewer).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, ct);
        return new RelayOverview(organisations, unreachable
            .Select(u => new UnreachableRow(u.ItemId, titles.GetValueOrDefault(u.ItemId), u.Tlp.ToLabel(), u.Key, u.Name, u.Reason, u.CreatedAt)).ToList());
    }
}
