using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Tlp;

namespace Schakel.Features.ThreatIntel;

/// <summary>One object version without its content: database id, STIX id and type, version key and text, revoked.</summary>
public sealed record StixVersionRow(long Id, string StixId, string Type, string VersionKey, string? Modified, string? Created, bool Revoked);

/// <summary>
/// Reads the objects of a threat-intelligence item as a viewer may see them (DESIGN.md section 3a): the objects are those
/// the item holds; their versions are every version of those objects that the viewer may see through any item
/// (<see cref="ItemAccess.VisibleItems"/>), so a version held only by items the viewer may not see never shows. The
/// current version is the newest visible one.
/// </summary>
public sealed class ItemStixObjects(SchakelDbContext db, ItemAccess access)
{
    /// <summary>Every visible version of the objects <paramref name="itemId"/> holds, as a query (no content loaded until selected).</summary>
    public IQueryable<StixObjectVersion> VisibleVersions(Viewer viewer, Guid itemId)
    {
        var visibleItems = access.VisibleItems(viewer).Select(i => i.Id);
        var held = db.ItemStixObjects.Where(l => l.ItemId == itemId).Select(l => l.Version.StixId);
        return db.StixObjectVersions.AsNoTracking().Where(v => held.Contains(v.StixId) && v.Items.Any(l => visibleItems.Contains(l.ItemId)));
    }

    /// <summary>The distinct objects (STIX id and type) the item holds, ordered by type then id, one page of them; and how many there are.</summary>
    public async Task<(List<(string StixId, string Type)> Page, int Total)> ObjectsAsync(Guid itemId, int skip, int take, CancellationToken ct)
    {
        var objects = db.ItemStixObjects.AsNoTracking().Where(l => l.ItemId == itemId).Select(l => new { l.Version.StixId, l.Version.Type }).Distinct();
        var total = await objects.CountAsync(ct);
        var page = await objects.OrderBy(o => o.Type).ThenBy(o => o.StixId).Skip(skip).Take(take).ToListAsync(ct);
        return ([.. page.Select(o => (o.StixId, o.Type))], total);
    }

    /// <summary>The visible versions (without content) of the given objects of the item, newest first per object.</summary>
    public async Task<ILookup<string, StixVersionRow>> HistoryAsync(Viewer viewer, Guid itemId, IReadOnlyCollection<string> stixIds, CancellationToken ct)
    {
        var rows = await VisibleVersions(viewer, itemId).Where(v => stixIds.Contains(v.StixId))
            .Select(v => new StixVersionRow(v.Id, v.StixId, v.Type, v.VersionKey, v.Modified, v.Created, v.Revoked)).ToListAsync(ct);
        return rows.OrderByDescending(r => r.VersionKey, StringComparer.Ordinal).ToLookup(r => r.StixId, StringComparer.Ordinal);
    }

    /// <summary>
    /// The compact JSON of the versions to put in the item's bundle: the current version of each object, or with
    /// <paramref name="all"/> every visible version (oldest first per object); objects ordered by type and id.
    /// </summary>
    public async Task<List<string>> ContentsAsync(Viewer viewer, Guid itemId, bool all, CancellationToken ct)
    {
        var rows = await VisibleVersions(viewer, itemId).Select(v => new { v.Id, v.StixId, v.Type, v.VersionKey }).ToListAsync(ct);
        var chosen = rows.GroupBy(r => r.StixId, StringComparer.Ordinal)
            .OrderBy(g => g.First().Type, StringComparer.Ordinal).ThenBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => all ? g.OrderBy(r => r.VersionKey, StringComparer.Ordinal) : g.OrderByDescending(r => r.VersionKey, StringComparer.Ordinal).Take(1))
            .Select(r => r.Id).ToList();
        var contents = new Dictionary<long, string>(chosen.Count);
        foreach (var chunk in chosen.Chunk(500))
        {
            foreach (var v in await db.StixObjectVersions.AsNoTracking().Where(v => chunk.Contains(v.Id)).Select(v => new { v.Id, v.Content }).ToListAsync(ct))
                contents[v.Id] = v.Content;
        }

        return [.. chosen.Select(id => contents[id])];
    }
}
