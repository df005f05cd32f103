using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Sharing;
using Schakel.Stix.Taxii;

namespace Schakel.Features.Federation;

using Tlp = Schakel.Features.Sharing.Tlp;

/// <summary>What a push did: the collection, and the status resource the server last gave (TAXII 2.1 section 4.3.1), or why it did not happen.</summary>
public sealed record PushResult(string? CollectionId, TaxiiStatus? Status, string? Problem)
{
    /// <summary>True when the server completed the request without failures.</summary>
    public bool Ok => Problem is null && Status is { Status: "complete", FailureCount: 0 };
}

/// <summary>
/// Pushes an item's objects to a remote collection (TAXII 2.1 section 5.5: POST an envelope) and follows the status
/// resource (section 4.3) until it is complete or the wait is over. What is sent is the current version of each object the
/// item holds, as stored (without Schakel's extension: the receiving server labels by the objects' markings). Drafts,
/// retracted items and RED items are never pushed.
/// </summary>
public sealed class TaxiiPush(SchakelDbContext db, TaxiiPuller puller, AuditLog audit)
{
    /// <summary>Pushes item <paramref name="itemId"/> to the collection <paramref name="collection"/> (id, alias or title) of the server at <paramref name="url"/>.</summary>
    public async Task<PushResult> PushAsync(Uri url, string collection, TaxiiCredentials? credentials, Guid itemId, TimeSpan wait, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null || item.Kind != ItemKind.ThreatIntel) return new PushResult(null, null, $"No threat-intelligence item {itemId}.");
        if (item.Status != ItemStatus.Published) return new PushResult(null, null, $"Item {itemId} is {item.Status.ToString().ToLowerInvariant()}; only published items are pushed.");
        if (item.Tlp == Tlp.Red) return new PushResult(null, null, "TLP:RED is for named people and is never pushed.");

        var rows = await db.ItemStixObjects.AsNoTracking().Where(l => l.ItemId == itemId)
            .Select(l => new { l.Sequence, l.Version.StixId, l.Version.VersionKey, l.Version.Content }).ToListAsync(ct);
        var objects = rows.GroupBy(r => r.StixId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(r => r.VersionKey, StringComparer.Ordinal).First())
            .OrderBy(r => r.Sequence).Select(r => r.Content).ToList();
        if (objects.Count == 0) return new PushResult(null, null, $"Item {itemId} holds no STIX objects.");

        var client = puller.Client(credentials);
        try
        {
            var apiRoot = await client.ResolveApiRootAsync(url, ct);
            var (found, problem) = await TaxiiSubscriptionService.FindCollectionAsync(client, apiRoot, collection, write: true, ct);
            if (found is null) return new PushResult(null, null, problem);
            var status = await client.AddObjectsAsync(apiRoot, found.Id, objects, ct);
            status = await client.WaitForStatusAsync(apiRoot, status, TimeSpan.FromSeconds(1), wait, ct);
            await audit.RecordAsync(new AuditActor(null, item.PublisherOrganisationId), new AuditEvent("item.push", itemId, apiRoot.AbsoluteUri + "collections/" + found.Id + "/",
                new { tlp = item.Tlp.ToLabel(), objects = objects.Count, status = status.Status, successes = status.SuccessCount, failures = status.FailureCount }), ct);
            return new PushResult(found.Id, status, null);
        }
        catch (TaxiiException e)
        {
            return new PushResult(null, null, e.Message);
        }
    }
}
