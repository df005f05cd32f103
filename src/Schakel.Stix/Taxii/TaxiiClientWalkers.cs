using System.Runtime.CompilerServices;

namespace Schakel.Stix.Taxii;

/// <summary>
/// Walkers over the manifest and an object's versions, and the request for one exact object version, for callers that decide
/// from the whole answer (reconcile).
/// </summary>
public sealed partial class TaxiiClient
{
    /// <summary>
    /// Walks the whole manifest (TAXII 2.1 section 5.3) page by page, as <see cref="GetAllObjectsAsync"/> walks objects
    /// (section 3.5): after a page with <c>more</c>, the next request repeats the filters with the page's <c>next</c> when the
    /// server sent one, else with <c>added_after</c> = its <c>X-TAXII-Date-Added-Last</c> exactly as sent. A page with
    /// <c>more</c> that gives no way on throws <see cref="TaxiiException"/>: a caller deciding from the whole manifest
    /// (deletions) must never act on part of it.
    /// </summary>
    public async IAsyncEnumerable<TaxiiManifestPage> GetAllManifestAsync(Uri apiRoot, string collectionId, TaxiiQuery? query = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var q = query ?? new TaxiiQuery();
        while (true)
        {
            var page = await GetManifestAsync(apiRoot, collectionId, q, ct);
            yield return page;
            if (page.Manifest.More != true) yield break;
            if (page.Manifest.Next is { Length: > 0 } next) q = q with { Next = next };
            else if (page.DateAddedLast is { } last && last != q.AddedAfter) q = q with { AddedAfter = last, Next = null };
            else throw new TaxiiException($"Manifest of collection {collectionId}: 'more' is true but neither 'next' nor X-TAXII-Date-Added-Last lets the walk go on (section 3.5).", apiRoot);
        }
    }

    /// <summary>
    /// All versions of one object (TAXII 2.1 section 5.8), every page (section 3.5: <c>added_after</c> = the page's
    /// <c>X-TAXII-Date-Added-Last</c> while <c>more</c>), in the server's order. A 404 (no such object for this caller)
    /// throws <see cref="TaxiiException"/> with <see cref="TaxiiException.Status"/> 404, like every other error.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetAllVersionsAsync(Uri apiRoot, string collectionId, string objectId, CancellationToken ct = default)
    {
        var all = new List<string>();
        var q = new TaxiiQuery();
        while (true)
        {
            var page = await GetVersionsAsync(apiRoot, collectionId, objectId, q, ct);
            all.AddRange(page.Versions.Versions ?? []);
            if (page.Versions.More != true) return all;
            if (page.DateAddedLast is not { } last || last == q.AddedAfter)
                throw new TaxiiException($"Versions of {objectId}: 'more' is true but X-TAXII-Date-Added-Last does not let the walk go on (section 3.5).", apiRoot);
            q = q with { AddedAfter = last };
        }
    }

    /// <summary>
    /// One exact version of an object (TAXII 2.1 section 5.6, <c>GET .../objects/ID/?match[version]=VERSION</c>, the filter of
    /// section 3.4.1): the object in the answer whose id is <paramref name="objectId"/> and whose version (<c>modified</c>, else
    /// <c>created</c>) is the same instant as <paramref name="version"/> (compared as STIX timestamps, full precision; an object
    /// with neither was matched by the server on its <c>date_added</c> and is taken as it is); null when the answer holds no
    /// such object (the version went meanwhile). <paramref name="version"/> is sent exactly as given,
    /// so pass the text the server listed. A 404 and every other error throw <see cref="TaxiiException"/>.
    /// </summary>
    public async Task<StixObject?> GetObjectVersionAsync(Uri apiRoot, string collectionId, string objectId, string version, CancellationToken ct = default)
    {
        var page = await GetObjectAsync(apiRoot, collectionId, objectId, new TaxiiQuery { MatchVersion = [version] }, ct);
        var wanted = StixTimestamp.TryParse(version, out var t) ? t : null;
        return page.Objects.FirstOrDefault(o => o.Id == objectId && (o.Version is null || wanted is null || o.Version.Equals(wanted)));
    }
}
