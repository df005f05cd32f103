using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Stix;
using Schakel.Stix.Extensions;

namespace Schakel.Features.Taxii;

/// <summary>
/// One object version as a collection lists it: the representative link row (sequence = collection order, date_added in
/// Unix microseconds, the item that holds it) and the version's id, type, version key and texts, and (for objects, not
/// for manifests) its stored JSON. <see cref="ItemId"/> is empty and <see cref="VersionId"/> 0 for Schakel's extension definition.
/// </summary>
public sealed record TaxiiRow(long Sequence, long AddedAtMicros, Guid ItemId, long VersionId, string StixId, string VersionKey, string? Modified, string? Created,
    string? SpecVersion, string? Content)
{
    /// <summary>TAXII <c>date_added</c> with microsecond precision.</summary>
    public string DateAdded => StixVersionStore.DateAddedText(AddedAtMicros);

    /// <summary>The TAXII version (sections 3.4.1, 5.3.1): <c>modified</c>, else <c>created</c>, else date_added (the server's consistent value).</summary>
    public string Version => Modified ?? Created ?? DateAdded;
}

/// <summary>
/// The rows of a collection for a caller (TAXII 2.1 sections 3.3 to 3.5, DESIGN.md section 3a): the link rows of the items
/// the collection holds for the caller, one per object version (its representative is the visible link with the highest
/// sequence), filtered and paged by sequence with keyset queries. A version is listed only through a link of an item
/// the caller may see, so <c>match[version]</c> and the versions endpoint never reveal a version it may not see, and
/// <c>last</c> is the newest version the caller may see. Of a retracted item only the revoked versions are listed.
/// </summary>
public sealed class TaxiiStore(SchakelDbContext db)
{
    private static readonly StixObject Definition = StixObject.Parse(SchakelExtension.DefinitionJson);

    /// <summary>date_added of Schakel's extension definition: its creation, before anything a node serves.</summary>
    public static readonly long DefinitionAddedMicros = TaxiiFilter.MicrosOf(Definition.Created!);

    /// <summary>
    /// One page: at most <see cref="TaxiiFilter.Limit"/> rows after <see cref="TaxiiFilter.After"/>, in collection order,
    /// and whether more rows follow. The extension definition comes first on the first page when the filters match it.
    /// </summary>
    public async Task<(List<TaxiiRow> Rows, bool More)> PageAsync(IQueryable<Guid> itemIds, TaxiiFilter f, bool withContent, CancellationToken ct)
    {
        var rows = new List<TaxiiRow>(Math.Min(f.Limit + 1, 1024));
        if (f.After is null && DefinitionMatches(f))
            rows.Add(new TaxiiRow(0, DefinitionAddedMicros, Guid.Empty, 0, Definition.Id, Definition.Version!.SortKey, Definition.Modified!.Text,
                Definition.Created!.Text, "2.1", withContent ? SchakelExtension.DefinitionJson : null));

        var want = f.Limit + 1 - rows.Count;
        var q = Query(itemIds, f);
        if (withContent)
        {
            rows.AddRange(await q.Take(want).Select(l => new TaxiiRow(l.Sequence, l.AddedAtMicros, l.ItemId, l.VersionId, l.Version.StixId, l.Version.VersionKey,
                l.Version.Modified, l.Version.Created, l.Version.SpecVersion, l.Version.Content)).ToListAsync(ct));
        }
        else
        {
            rows.AddRange(await q.Take(want).Select(l => new TaxiiRow(l.Sequence, l.AddedAtMicros, l.ItemId, l.VersionId, l.Version.StixId, l.Version.VersionKey,
                l.Version.Modified, l.Version.Created, l.Version.SpecVersion, null)).ToListAsync(ct));
        }

        var more = rows.Count > f.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return (rows, more);
    }

    /// <summary>
    /// For each version of <paramref name="rows"/> the other items that hold it and that the caller may see in any collection
    /// (<paramref name="readable"/>, <see cref="TaxiiCollectionCatalog.AllItemIds"/>), retracted ones included (a retraction
    /// that revoked nothing, because live items share every object, travels this way, with its reason), each with whether it
    /// is in the collection served
    /// (<paramref name="collection"/>). Only versions held by more than one such item are in the result.
    /// </summary>
    public async Task<Dictionary<long, List<(Guid ItemId, bool InCollection)>>> OtherHoldersAsync(IReadOnlyList<TaxiiRow> rows, IQueryable<Guid> collection,
        IQueryable<Guid> readable, CancellationToken ct)
    {
        var result = new Dictionary<long, List<(Guid, bool)>>();
        var versionIds = rows.Where(r => r.VersionId != 0).Select(r => r.VersionId).Distinct().ToList();
        if (versionIds.Count == 0) return result;
        var served = rows.Where(r => r.VersionId != 0).GroupBy(r => r.VersionId).ToDictionary(g => g.Key, g => g.First().ItemId);
        var holders = await db.ItemStixObjects.AsNoTracking()
            .Where(l => EF.Parameter(versionIds).Contains(l.VersionId) && readable.Contains(l.ItemId))
            .Select(l => new { l.VersionId, l.ItemId, InCollection = collection.Contains(l.ItemId) }).Distinct().ToListAsync(ct);
        foreach (var h in holders.Where(h => h.ItemId != served[h.VersionId]))
        {
            if (!result.TryGetValue(h.VersionId, out var list)) result[h.VersionId] = list = [];
            list.Add((h.ItemId, h.InCollection));
        }

        foreach (var list in result.Values) list.Sort();
        return result;
    }

    /// <summary>Whether any version of the object is in the collection for the caller (404 otherwise).</summary>
    public Task<bool> ExistsAsync(IQueryable<Guid> itemIds, string stixId, CancellationToken ct) =>
        stixId == SchakelExtension.Id ? Task.FromResult(true)
            : db.ItemStixObjects.AnyAsync(l => itemIds.Contains(l.ItemId) && l.Version.StixId == stixId && (l.Item.Status != ItemStatus.Retracted || l.Version.Revoked), ct);

    private IQueryable<ItemStixObject> Query(IQueryable<Guid> itemIds, TaxiiFilter f)
    {
        // A retracted item still shows its revoked versions (the retraction travels as STIX revocation, section 3.6 of
        // STIX 2.1), not the content it held before.
        var links = db.ItemStixObjects.AsNoTracking().Where(l => itemIds.Contains(l.ItemId) && (l.Item.Status != ItemStatus.Retracted || l.Version.Revoked));
        // One row per version: the visible link with the highest sequence represents it.
        var q = links.Where(l => !links.Any(o => o.VersionId == l.VersionId && o.Sequence > l.Sequence));
        // Always a range on the sequence, also on the first page (sequences start at 1): without it SQLite 3.5x drives the
        // query from the item-id index and sorts every visible link before taking a page (27 s for a 1,000,000-object
        // first page instead of 12 ms).
        var after = f.After ?? 0;
        q = q.Where(l => l.Sequence > after);
        if (f.AddedAfterMicros is { } x) q = q.Where(l => l.AddedAtMicros > x);
        if (f.Ids.Count > 0)
        {
            var ids = f.Ids.ToList();
            q = q.Where(l => ids.Contains(l.Version.StixId));
        }

        if (f.Types.Count > 0)
        {
            // `+ ""` keeps the type index out of the plan: driven by it, SQLite reads every object of a common type (a
            // quarter of a collection for relationships) and sorts them before taking a page (3 s at 200,000 objects);
            // driven by the sequence range, a page stops after its last row.
            var types = f.Types.ToList();
            q = q.Where(l => types.Contains(l.Version.Type + ""));
        }

        if (f.SpecVersions.Count > 0)
        {
            // STIX 2.1 SCOs may leave spec_version out; inside 2.1 content that means 2.1.
            var specs = f.SpecVersions.ToList();
            q = q.Where(l => specs.Contains(l.Version.SpecVersion ?? "2.1"));
        }

        if (!f.All)
        {
            var visible = db.StixObjectVersions.Where(v => v.Items.Any(o => itemIds.Contains(o.ItemId) && (o.Item.Status != ItemStatus.Retracted || v.Revoked)));
            if (f.OnlyLast)
            {
                q = q.Where(l => !visible.Any(v => v.StixId == l.Version.StixId && string.Compare(v.VersionKey, l.Version.VersionKey) > 0));
            }
            else
            {
                bool last = f.Last, first = f.First;
                var keys = f.VersionKeys.ToList();
                var micros = f.VersionMicros.ToList();
                q = q.Where(l =>
                    (last && !visible.Any(v => v.StixId == l.Version.StixId && string.Compare(v.VersionKey, l.Version.VersionKey) > 0))
                    || (first && !visible.Any(v => v.StixId == l.Version.StixId && string.Compare(v.VersionKey, l.Version.VersionKey) < 0))
                    || (l.Version.VersionKey != "" && keys.Contains(l.Version.VersionKey))
                    || (l.Version.VersionKey == "" && micros.Contains(l.AddedAtMicros)));
            }
        }

        return q.OrderBy(l => l.Sequence);
    }

    private static bool DefinitionMatches(TaxiiFilter f) =>
        (f.AddedAfterMicros is null || f.AddedAfterMicros < DefinitionAddedMicros)
        && (f.Ids.Count == 0 || f.Ids.Contains(Definition.Id))
        && (f.Types.Count == 0 || f.Types.Contains(Definition.Type))
        && (f.SpecVersions.Count == 0 || f.SpecVersions.Contains("2.1"))
        && (f.All || f.Last || f.First || f.VersionKeys.Contains(Definition.Version!.SortKey));
}
