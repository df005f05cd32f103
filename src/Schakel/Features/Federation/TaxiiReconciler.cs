using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Stix;
using Schakel.Stix.Taxii;

namespace Schakel.Features.Federation;

/// <summary>
/// Brings deletions on a source node to this node. TAXII 2.1 has no deletion feed and an incremental pull
/// (<c>added_after</c>, section 3.4) only sees additions, so the reconciler compares what this node holds from a source with
/// what the source still offers:
/// <list type="number">
/// <item>walks the manifest (TAXII 2.1 section 5.3, <c>match[version]=all</c>, paged per section 3.5) of every collection of
/// the group: the subscriptions with the same API root and publishing organisation (e.g. <c>network</c> and
/// <c>sector:health</c> of one source), each with its own credentials; an object version counts as offered if any of them
/// offers it;</item>
/// <item>takes the links (<see cref="ItemStixObject"/>) of this node's items from that source (payload source key = a walked
/// collection URL, or <c>API-ROOT#…</c>), published by the group's organisation and not retracted; a version is compared by its
/// <c>modified</c> (else <c>created</c>) text, exactly as the manifest's <c>version</c>; an object without either by id only;</item>
/// <item>verifies every missing object with a direct request for its versions (TAXII 2.1 section 5.8) in each collection: 404
/// everywhere = gone; else only the versions none of them lists are gone. A manifest that changed during the walk therefore
/// never removes a link by mistake;</item>
/// <item>defers an object whose newest version listed by the source is newer than every version held here and revoked
/// (fetched with TAXII 2.1 section 5.6 <c>match[version]</c>): that is a retraction on the source the next pull brings, with
/// the source's reason; nothing of that object is removed now (<see cref="ReconcileReport.Deferred"/>);</item>
/// <item>hands the gone versions to <see cref="ReconcileChanges"/>: removed from items that keep other objects, or the item
/// retracted when it would lose them all.</item>
/// </list>
/// Any TAXII or network error during the walk or the checks ends the reconcile with <see cref="ReconcileReport.Error"/> set
/// and NOTHING removed. Cost: one manifest walk per collection plus one request per missing object and collection, and one
/// more per missing object of which the source lists a newer version.
/// </summary>
public sealed class TaxiiReconciler(SchakelDbContext db, TaxiiPuller puller, TaxiiSubscriptionService subscriptions, ReconcileChanges changes,
    IOptions<FederationOptions> options, TimeProvider time)
{
    /// <summary>
    /// Reconciles subscription <paramref name="subscriptionId"/> together with the enabled subscriptions of the same API root and
    /// organisation, and on success records <see cref="TaxiiSubscription.LastReconciledAt"/> on all of them. Null when the
    /// subscription does not exist.
    /// </summary>
    public async Task<ReconcileReport?> ReconcileAsync(int subscriptionId, CancellationToken ct)
    {
        var subscription = await db.Set<TaxiiSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is null) return null;
        var group = await GroupAsync(subscription.ApiRoot, subscription.SourceOrganisationId, ct);
        var targets = new List<PullTarget>();
        try
        {
            targets.Add(subscriptions.TargetOf(subscription));
            targets.AddRange(group.Where(s => s.Id != subscriptionId).Select(subscriptions.TargetOf));
        }
        catch (TaxiiException e)
        {
            return new ReconcileReport { Error = e.Message };
        }

        return await RunAsync(targets, [subscriptionId, .. group.Select(s => s.Id)], ct);
    }

    /// <summary>
    /// Reconciles after <c>schakel taxii pull --reconcile</c>: <paramref name="target"/>'s collection together with the enabled
    /// subscriptions of the same API root and organisation (their <see cref="TaxiiSubscription.LastReconciledAt"/> is set on success).
    /// </summary>
    public async Task<ReconcileReport> ReconcileAsync(PullTarget target, CancellationToken ct)
    {
        var group = (await GroupAsync(target.ApiRoot.AbsoluteUri, target.PublisherOrganisationId, ct)).Where(s => s.CollectionId != target.CollectionId).ToList();
        return await RunAsync([target, .. group.Select(subscriptions.TargetOf)], group.Select(s => s.Id).ToList(), ct);
    }

    private Task<List<TaxiiSubscription>> GroupAsync(string apiRoot, int organisationId, CancellationToken ct) =>
        db.Set<TaxiiSubscription>().AsNoTracking()
            .Where(s => s.ApiRoot == apiRoot && s.SourceOrganisationId == organisationId && s.Enabled).OrderBy(s => s.Id).ToListAsync(ct);

    private async Task<ReconcileReport> RunAsync(IReadOnlyList<PullTarget> targets, IReadOnlyList<int> subscriptionIds, CancellationToken ct)
    {
        var report = await ReconcileTargetsAsync(targets, ct);
        if (report.Ok && subscriptionIds.Count > 0)
        {
            var now = time.GetUtcNow();
            await db.Set<TaxiiSubscription>().Where(s => subscriptionIds.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastReconciledAt, now), ct);
        }

        return report;
    }

    /// <summary>The reconcile itself over <paramref name="targets"/> (same API root and publishing organisation; the first one's count).</summary>
    public async Task<ReconcileReport> ReconcileTargetsAsync(IReadOnlyList<PullTarget> targets, CancellationToken ct)
    {
        var report = new ReconcileReport();
        var apiRoot = targets[0].ApiRoot;
        var organisationId = targets[0].PublisherOrganisationId;
        var offered = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        try
        {
            foreach (var target in targets)
            {
                report.Collections++;
                var query = new TaxiiQuery { Limit = options.Value.PageSize, MatchVersion = ["all"] };
                await foreach (var page in puller.Client(target.Credentials).GetAllManifestAsync(apiRoot, target.CollectionId, query, ct))
                {
                    report.ManifestPages++;
                    foreach (var record in page.Manifest.Objects ?? [])
                    {
                        report.Offered++;
                        if (!offered.TryGetValue(record.Id, out var versions)) offered[record.Id] = versions = new HashSet<string>(StringComparer.Ordinal);
                        versions.Add(record.Version);
                    }
                }
            }
        }
        catch (TaxiiException e)
        {
            report.Error = e.Message;
            return report;
        }

        var held = await HeldAsync(targets, ct);
        report.Held = held.Count;
        var missing = held.Where(h => !(offered.TryGetValue(h.StixId, out var versions) && (h.Version is null || versions.Contains(h.Version)))).ToList();
        report.Missing = missing.Count;
        if (missing.Count == 0) return report;

        var gone = new List<HeldObject>();
        var heldById = held.ToLookup(h => h.StixId, StringComparer.Ordinal);
        try
        {
            foreach (var byId in missing.GroupBy(h => h.StixId, StringComparer.Ordinal))
            {
                var (found, versions) = await VersionsOnSourceAsync(targets, byId.Key, report, ct);
                var notListed = new List<HeldObject>();
                foreach (var h in byId)
                {
                    if (found && (h.Version is null || versions.ContainsKey(h.Version))) report.Kept++;
                    else notListed.Add(h);
                }

                if (notListed.Count > 0 && found && await NewerRevokedAsync(byId.Key, heldById[byId.Key], versions, report, ct) is { } revoked)
                {
                    report.Deferred++;
                    report.Messages.Add($"Object {byId.Key}: newer revoked version {revoked} on the source not pulled yet; the next pull brings it. Nothing removed.");
                    continue;
                }

                gone.AddRange(notListed);
            }
        }
        catch (TaxiiException e)
        {
            report.Error = e.Message;
            return report;
        }

        await changes.ApplyAsync(apiRoot.AbsoluteUri, organisationId, held, gone, report, ct);
        return report;
    }

    /// <summary>
    /// Whether any collection still has the object (TAXII 2.1 section 5.8: 404 = not there), and the versions they list, each
    /// with the first collection that lists it.
    /// </summary>
    private async Task<(bool Found, Dictionary<string, PullTarget> Versions)> VersionsOnSourceAsync(IReadOnlyList<PullTarget> targets, string stixId, ReconcileReport report, CancellationToken ct)
    {
        var found = false;
        var versions = new Dictionary<string, PullTarget>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            report.Checks++;
            try
            {
                foreach (var v in await puller.Client(target.Credentials).GetAllVersionsAsync(target.ApiRoot, target.CollectionId, stixId, ct)) versions.TryAdd(v, target);
                found = true;
            }
            catch (TaxiiException e) when (e.Status == HttpStatusCode.NotFound)
            {
                // Not (any more) in this collection for these credentials; another collection of the group may still have it.
            }
        }

        return (found, versions);
    }

    /// <summary>
    /// The version text when the source lists a version of <paramref name="stixId"/> newer (STIX timestamps, full precision) than
    /// every version this node holds of it from the source, and that version, fetched from a collection that lists it (TAXII
    /// 2.1 section 5.6 with <c>match[version]</c>, section 3.4.1), is revoked; else null. A retraction on a Schakel source
    /// serves only the revoked new versions of the item (STIX 2.1 section 3.6), so the held ones are no longer listed: the
    /// pull that brings the revoked version retracts the copy here with the source's reason, and removing it now would
    /// pre-empt that with "no longer offered". Versions that are not timestamps are left out of the comparison. A TAXII
    /// error propagates (nothing is removed then).
    /// </summary>
    private async Task<string?> NewerRevokedAsync(string stixId, IEnumerable<HeldObject> heldOfObject, Dictionary<string, PullTarget> versions, ReconcileReport report, CancellationToken ct)
    {
        StixTimestamp? newestHeld = null;
        foreach (var h in heldOfObject)
            if (StixTimestamp.TryParse(h.Version, out var t) && (newestHeld is null || t > newestHeld)) newestHeld = t;
        if (newestHeld is null) return null;
        StixTimestamp? newest = null;
        foreach (var v in versions.Keys)
            if (StixTimestamp.TryParse(v, out var t) && (newest is null || t > newest)) newest = t;
        if (newest is null || newest <= newestHeld) return null;

        var target = versions[newest.Text];
        report.Checks++;
        var latest = await puller.Client(target.Credentials).GetObjectVersionAsync(target.ApiRoot, target.CollectionId, stixId, newest.Text, ct);
        return latest is { Revoked: true } ? newest.Text : null;
    }

    /// <summary>
    /// The object versions this node's items hold from the source: items published by the group's organisation, not retracted,
    /// whose payload's source key is one of the walked collections (plain objects) or starts with <c>API-ROOT#</c>.
    /// </summary>
    private async Task<List<HeldObject>> HeldAsync(IReadOnlyList<PullTarget> targets, CancellationToken ct)
    {
        var organisationId = targets[0].PublisherOrganisationId;
        var prefix = targets[0].ApiRoot.AbsoluteUri + "#";
        var collectionUrls = targets.Select(t => t.CollectionUrl).Distinct().ToList();
        var items = db.ThreatIntelPayloads
            .Where(p => p.Item.PublisherOrganisationId == organisationId && p.Item.Status != ItemStatus.Retracted && p.SourceKey != null
                && (collectionUrls.Contains(p.SourceKey) || p.SourceKey.StartsWith(prefix)))
            .Select(p => p.ItemId);
        var rows = await db.ItemStixObjects.AsNoTracking().Where(l => items.Contains(l.ItemId))
            .Select(l => new { l.Sequence, l.ItemId, l.VersionId, l.Version.StixId, l.Version.Modified, l.Version.Created }).ToListAsync(ct);
        return rows.Select(r => new HeldObject(r.Sequence, r.ItemId, r.VersionId, r.StixId, r.Modified ?? r.Created)).ToList();
    }
}

/// <summary>One link of a local item to an object version from the source; <see cref="Version"/> is <c>modified</c>, else <c>created</c>, else null.</summary>
public sealed record HeldObject(long Sequence, Guid ItemId, long VersionId, string StixId, string? Version);
