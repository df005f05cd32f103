using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Stix.Taxii;

namespace Schakel.Features.Taxii;

/// <summary>
/// Delete an object (TAXII 2.1 section 5.7). Only the publishing organisation's analysts delete: the object's link rows are
/// removed from the caller's organisation's items in the collection (<c>match[version]</c> picks the versions; all of them
/// by default), so those items no longer hold it; a version no item holds any more is removed from the node, the others
/// stay for the items of other organisations and are moved to the end of the collection order
/// (<see cref="StixVersionStore.RelinkVersionsAsync"/>), so that nodes which pulled them learn that the caller's item no
/// longer holds them. Each changed item is audited (<c>item.correct</c>) and its deliveries are flagged updated; an item
/// left without any object is retracted (<see cref="EmptiedReason"/>), which its copies on other nodes follow. Answers: 401 without credentials, 404 when the caller cannot see the collection or the object, 403 when
/// it can see it but the collection is not writable for it or none of the matching versions is in its own items, else 200.
/// </summary>
public static class TaxiiDelete
{
    private static readonly HashSet<string> DeleteMatch = ["version", "spec_version"];

    /// <summary>The retraction reason of an item whose last objects were deleted, Dutch first as everywhere in the UI.</summary>
    public const string EmptiedReason = "Alle objecten verwijderd via TAXII / all objects deleted over TAXII";

    internal static async Task<IResult> DeleteAsync(string id, string objectId, HttpContext http, TaxiiCollectionCatalog catalog, TaxiiStore store, SchakelDbContext db,
        AuditLog audit, StixVersionStore versions, ItemChangeService changes, TimeProvider time, IOptions<TaxiiOptions> options, CancellationToken ct)
    {
        var viewer = TaxiiHttp.ViewerOf(http);
        if (!viewer.IsAuthenticated) return TaxiiHttp.Unauthorized(http);
        var (collection, error) = await TaxiiEndpoints.ResolveAsync(http, catalog, id, ct);
        if (collection is null) return error!;
        var filter = TaxiiFilter.Parse(http.Request.Query, $"delete|{collection.Id}|{objectId}", DeleteMatch, "all", int.MaxValue - 1, int.MaxValue - 1, out var problem);
        if (filter is null) return TaxiiEndpoints.BadFilter(problem);
        var itemIds = catalog.ItemIds(viewer, collection);
        if (!await store.ExistsAsync(itemIds, objectId, ct)) return TaxiiEndpoints.ObjectNotFound(objectId);
        if (!collection.CanWrite)
            return TaxiiHttp.Error(StatusCodes.Status403Forbidden, "Not writable", "Only analysts of the publishing organisation delete objects, in a collection they may write to.");

        var orgId = viewer.OrganisationId!.Value;
        var ownItems = db.Items.Where(i => i.PublisherOrganisationId == orgId && itemIds.Contains(i.Id)).Select(i => i.Id);
        var (rows, _) = await store.PageAsync(ownItems, filter with { Ids = [objectId], After = 0 }, withContent: false, ct);
        var keys = rows.Select(r => r.VersionKey).Distinct().ToList();
        var versionIds = await db.StixObjectVersions.Where(v => v.StixId == objectId && keys.Contains(v.VersionKey)).Select(v => v.Id).ToListAsync(ct);
        var links = db.ItemStixObjects.Where(l => ownItems.Contains(l.ItemId) && versionIds.Contains(l.VersionId));
        var perItem = await links.GroupBy(l => l.ItemId).Select(g => new { ItemId = g.Key, Count = g.Count() }).ToListAsync(ct);
        if (perItem.Count == 0)
            return TaxiiHttp.Error(StatusCodes.Status403Forbidden, "Not yours", "The matching versions are held only by items of other organisations; only their publishers may delete them.");

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await links.ExecuteDeleteAsync(ct);
            await db.StixObjectVersions.Where(v => versionIds.Contains(v.Id) && !v.Items.Any()).ExecuteDeleteAsync(ct);
            var shared = await db.StixObjectVersions.Where(v => versionIds.Contains(v.Id)).Select(v => v.Id).ToListAsync(ct);
            if (shared.Count > 0) await versions.RelinkVersionsAsync(shared, time.GetUtcNow(), ct);
            foreach (var item in perItem)
            {
                await db.ThreatIntelPayloads.Where(p => p.ItemId == item.ItemId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ObjectCount, p => p.ObjectCount - item.Count), ct);
                await db.Deliveries.Where(d => d.ItemId == item.ItemId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Updated, true), ct);
            }

            await tx.CommitAsync(ct);
        }

        foreach (var item in perItem)
            await audit.RecordAsync(new AuditActor(viewer.PersonId, orgId), new AuditEvent("item.correct", item.ItemId, "taxii-delete",
                new { @object = objectId, versions = rows.Select(r => r.Version).Distinct().ToList(), removed = item.Count, collection = collection.Key }), ct);

        var touched = perItem.Select(i => i.ItemId).ToList();
        var emptied = await db.Items.Where(i => touched.Contains(i.Id) && i.Status == ItemStatus.Published && !db.ItemStixObjects.Any(l => l.ItemId == i.Id))
            .Select(i => i.Id).ToListAsync(ct);
        foreach (var itemId in emptied)
        {
            try
            {
                await changes.RetractAsync(viewer, itemId, EmptiedReason, ct);
            }
            catch (SharingRuleException)
            {
                // Only the originator retracts (a RED item: the person who published it); the item then stays, empty, as it is.
            }
        }
        return Results.Text("", TaxiiMediaTypes.Taxii, statusCode: StatusCodes.Status200OK);
    }
}
