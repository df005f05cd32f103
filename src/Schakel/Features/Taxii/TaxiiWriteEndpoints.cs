using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.ThreatIntel;
using Schakel.Stix;
using Schakel.Stix.Taxii;
using TlpLabel = Schakel.Features.Sharing.Tlp;

namespace Schakel.Features.Taxii;

/// <summary>
/// The writing side of the API root: add objects (TAXII 2.1 section 5.5: an envelope becomes ONE new item of the caller's
/// organisation, published to the collection's audience under the sharing rules; answered 202 with a status), the status
/// (section 4.3, only for the posting organisation) and delete an object (section 5.7, in <see cref="TaxiiDelete"/>).
/// </summary>
public static class TaxiiWriteEndpoints
{
    internal static void Map(RouteGroupBuilder taxii)
    {
        taxii.MapPost("/api/collections/{id}/objects/", PostObjectsAsync);
        taxii.MapDelete("/api/collections/{id}/objects/{objectId}/", TaxiiDelete.DeleteAsync);
        taxii.MapGet("/api/status/{statusId}/", GetStatusAsync);
    }

    private static async Task<IResult> PostObjectsAsync(string id, HttpContext http, TaxiiCollectionCatalog catalog, ThreatIntelImporter importer, SchakelDbContext db,
        IOptions<ThreatIntelOptions> options, TimeProvider time, CancellationToken ct)
    {
        var viewer = TaxiiHttp.ViewerOf(http);
        if (!viewer.IsAuthenticated) return TaxiiHttp.Unauthorized(http);
        var (collection, error) = await TaxiiEndpoints.ResolveAsync(http, catalog, id, ct);
        if (collection is null) return error!;
        if (!collection.CanWrite)
            return TaxiiHttp.Error(StatusCodes.Status403Forbidden, "Not writable", "Only analysts of an organisation that may publish to this collection's audience may add objects.");
        if (!TaxiiHttp.IsTaxiiContent(http.Request.ContentType))
            return TaxiiHttp.Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send an envelope as {TaxiiMediaTypes.Taxii}.");

        var max = options.Value.MaxBundleBytes;
        var body = await ReadBodyAsync(http, max, ct);
        if (body is null) return TaxiiHttp.Error(StatusCodes.Status413RequestEntityTooLarge, "Too large", $"The envelope exceeds max_content_length ({max} bytes).");
        var read = StixBundleReader.Read(body, max);
        if (read.Container != StixContainer.Envelope || (read.Objects.Count == 0 && read.Findings.Count > 0))
            return TaxiiHttp.Error(StatusCodes.Status422UnprocessableEntity, "Not an envelope",
                read.Findings.FirstOrDefault()?.Message ?? "The body must be a TAXII 2.1 envelope: {\"objects\": [STIX objects]} (section 3.7).");

        var now = time.GetUtcNow();
        var request = new ThreatIntelImportRequest(viewer.OrganisationId!.Value, viewer.PersonId, collection.IsPublic ? TlpLabel.Clear : null, [collection.Audience!])
        {
            Format = "taxii-envelope", Original = body,
        };
        var result = await importer.ImportAsync(read, request, ct);
        var status = await StatusAsync(db, read, result, Guid.NewGuid(), StixTimestamp.FromMicroseconds(now).Text, ct);
        db.TaxiiStatusRecords.Add(new TaxiiStatusRecord
        {
            Id = Guid.Parse(status.Id), OrganisationId = viewer.OrganisationId.Value, PersonId = viewer.PersonId, CollectionKey = collection.Key, ItemId = result.ItemId,
            CreatedAt = now, RequestTimestamp = status.RequestTimestamp!, TotalCount = status.TotalCount, SuccessCount = status.SuccessCount,
            FailureCount = status.FailureCount, Details = JsonSerializer.Serialize(new StatusDetails(status.Successes, status.Failures), TaxiiMediaTypes.Json),
        });
        await db.SaveChangesAsync(ct);
        return TaxiiHttp.Resource(status, StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetStatusAsync(string statusId, HttpContext http, SchakelDbContext db, CancellationToken ct)
    {
        var viewer = TaxiiHttp.ViewerOf(http);
        if (!viewer.IsAuthenticated) return TaxiiHttp.Unauthorized(http);
        var record = Guid.TryParse(statusId, out var sid)
            ? await db.TaxiiStatusRecords.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid && s.OrganisationId == viewer.OrganisationId, ct)
            : null;
        if (record is null) return TaxiiHttp.Error(StatusCodes.Status404NotFound, "Status not found", $"No status '{statusId}' for this organisation.");
        var details = JsonSerializer.Deserialize<StatusDetails>(record.Details, TaxiiMediaTypes.Json)!;
        return TaxiiHttp.Resource(new TaxiiStatus(record.Id.ToString(), "complete", record.RequestTimestamp, record.TotalCount, record.SuccessCount, details.Successes,
            record.FailureCount, details.Failures, 0, null));
    }

    /// <summary>The body, or null when it is larger than <paramref name="max"/> bytes (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, long max, CancellationToken ct)
    {
        if (http.Request.ContentLength > max) return null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > max) return null;
            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The status of an import (section 4.3.1): successes are objects added, a new or earlier version, or unchanged (an exact
    /// duplicate is no error, section 5.5); failures are conflicts and invalid objects, or every object when the import was
    /// refused (with the reason). An unversioned object's version is its date_added in the item, as the collection lists it.
    /// </summary>
    private static async Task<TaxiiStatus> StatusAsync(SchakelDbContext db, StixReadResult read, ThreatIntelImportResult result, Guid id, string requestTimestamp, CancellationToken ct)
    {
        var added = new Dictionary<string, long>(StringComparer.Ordinal);
        if (result.ItemId is { } itemId)
        {
            var unversioned = result.Objects.Where(o => o.Version is null).Select(o => o.Id).Distinct().ToList();
            if (unversioned.Count > 0)
                foreach (var row in await db.ItemStixObjects.AsNoTracking().Where(l => l.ItemId == itemId && unversioned.Contains(l.Version.StixId) && l.Version.VersionKey == "")
                             .Select(l => new { l.Version.StixId, l.AddedAtMicros }).ToListAsync(ct))
                    added[row.StixId] = row.AddedAtMicros;
        }

        string VersionOf(string objectId, string? version) =>
            version ?? (added.TryGetValue(objectId, out var micros) ? StixVersionStore.DateAddedText(micros) : requestTimestamp);

        var successes = new List<TaxiiStatusDetails>();
        var failures = new List<TaxiiStatusDetails>();
        foreach (var o in result.Objects)
        {
            var detail = new TaxiiStatusDetails(o.Id, VersionOf(o.Id, o.Version), o.Message ?? o.Outcome.ToString());
            if (o.Outcome is StixObjectOutcome.Conflict or StixObjectOutcome.Invalid) failures.Add(detail);
            else successes.Add(detail);
        }

        if (result.Outcome == Advisories.ImportOutcome.Rejected)
        {
            // Refused as a whole: nothing was stored, so every object failed, with its own problem (if any) and the reason.
            var reason = string.Join(" ", result.Errors.Select(e => e.Message));
            var own = failures.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);
            var ids = read.Objects.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            failures =
            [
                .. read.Objects.Select(o => new TaxiiStatusDetails(o.Id, o.Version?.Text ?? requestTimestamp, own.TryGetValue(o.Id, out var m) ? $"{m} {reason}" : reason)),
                .. failures.Where(f => !ids.Contains(f.Id)),
            ];
            successes.Clear();
        }

        var total = Math.Max(read.Objects.Count + read.Findings.Count, successes.Count + failures.Count);
        return new TaxiiStatus(id.ToString(), "complete", requestTimestamp, total, successes.Count, successes.Count == 0 ? null : successes,
            failures.Count, failures.Count == 0 ? null : failures, 0, null);
    }

    private sealed record StatusDetails(IReadOnlyList<TaxiiStatusDetails>? Successes, IReadOnlyList<TaxiiStatusDetails>? Failures);
}
