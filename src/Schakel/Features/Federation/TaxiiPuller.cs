using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Stix;
using Schakel.Stix.Extensions;
using Schakel.Stix.Markings;
using Schakel.Stix.Taxii;

namespace Schakel.Features.Federation;

using Tlp = Schakel.Features.Sharing.Tlp;

/// <summary>
/// Pulls a TAXII 2.1 collection incrementally (TAXII 2.1 sections 3.4 and 3.5: <c>added_after</c> = the cursor, every
/// version with <c>match[version]=all</c>, page by page) and imports each page before the cursor moves to the page's
/// <c>X-TAXII-Date-Added-Last</c>, exactly as the server wrote it. A crash or network error therefore repeats at most the
/// last page, which the importer recognises (no duplicates), and never skips one (no gaps).
/// <para>Objects carrying Schakel's extension are grouped by source item: each becomes one local item, found again by its
/// source key, labelled by the extension's label and the objects' markings (the strictest), published by the
/// subscription's node-local organisation to its audience, capped by how far the token's organisation may pass the label on
/// (<see cref="FederationAudience"/>); a later label relabels it, a retraction retracts it (DESIGN.md
/// section 3a). Objects are stored without the extension. Other objects become one item per pull, collection and label.
/// Items above the highest label accepted, and every RED item, are refused and counted.</para>
/// </summary>
public sealed class TaxiiPuller(IServiceScopeFactory scopes, IHttpClientFactory http, IOptions<FederationOptions> options, IOptions<ThreatIntelOptions> limits)
{
    /// <summary>A TAXII client with the node's HTTP settings (no automatic redirects, timeouts, size limit).</summary>
    public TaxiiClient Client(TaxiiCredentials? credentials) =>
        new(http.CreateClient(FederationExtensions.HttpClientName), credentials, new TaxiiClientOptions
        {
            RequestTimeout = TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds),
            MaxResponseBytes = limits.Value.MaxBundleBytes,
        });

    /// <summary>
    /// Pulls from <paramref name="cursor"/> (null: from the start). After each stored page <paramref name="saveCursor"/> (when
    /// given) receives the new cursor. TAXII and network errors end the run with <see cref="PullReport.Error"/> set.
    /// </summary>
    public async Task<PullReport> PullAsync(PullTarget target, string? cursor, Func<string, CancellationToken, Task>? saveCursor, CancellationToken ct)
    {
        var report = new PullReport { Cursor = cursor };
        var plainItems = new Dictionary<Tlp, Guid>();
        // Marking definitions of earlier pages, also those the validator refuses (a statement without milliseconds, say):
        // later pages refer to them without carrying them, and an unknown reference would count as AMBER+STRICT.
        var definitions = new Dictionary<string, StixObject>(StringComparer.Ordinal);
        var query = new TaxiiQuery { AddedAfter = cursor, Limit = options.Value.PageSize, MatchVersion = ["all"] };
        try
        {
            target = await WithHolderAsync(target, ct);
            await foreach (var page in Client(target.Credentials).GetAllObjectsAsync(target.ApiRoot, target.CollectionId, query, ct))
            {
                report.Pages++;
                report.Objects += page.Objects.Count;
                foreach (var f in page.Findings)
                {
                    report.Failed++;
                    report.Messages.Add("Not a STIX object: " + f.Message);
                }

                foreach (var d in page.Objects.Where(o => o.Type == "marking-definition")) definitions[d.Id] = d;
                await ImportPageAsync(target, page.Objects, report, plainItems, [.. definitions.Values], ct);
                if (page.DateAddedLast is { } last)
                {
                    report.Cursor = last;
                    if (saveCursor is not null) await saveCursor(last, ct);
                }
            }
        }
        catch (TaxiiException e)
        {
            report.Error = e.Message;
        }

        return report;
    }

    /// <summary>
    /// Finds the organisation the token belongs to on the source node: the collection list shows a caller its own
    /// <c>org:KEY</c> collection only (docs/taxii.md). What arrives may go no further than that organisation could pass it on.
    /// </summary>
    private async Task<PullTarget> WithHolderAsync(PullTarget target, CancellationToken ct)
    {
        var collections = await Client(target.Credentials).GetCollectionsAsync(target.ApiRoot, ct);
        var key = collections.Select(c => c.Alias).FirstOrDefault(a => a is not null && a.StartsWith("org:", StringComparison.Ordinal))?[4..];
        if (key is null) return target;
        await using var scope = scopes.CreateAsyncScope();
        var linking = await scope.ServiceProvider.GetRequiredService<SchakelDbContext>().Organisations
            .AnyAsync(o => o.Key == key && o.Type == Network.OrganisationType.LinkingOrganisation, ct);
        return target with { HolderKey = key, HolderIsLinking = linking };
    }

    private async Task ImportPageAsync(PullTarget target, IReadOnlyList<StixObject> objects, PullReport report, Dictionary<Tlp, Guid> plainItems,
        IReadOnlyList<StixObject> definitions, CancellationToken ct)
    {
        var groups = new Dictionary<Guid, (SchakelItemRef Ref, List<StixObject> Objects)>();
        var order = new List<Guid>();
        var plain = new List<StixObject>();
        // Per object version the source items that hold it, as the extension names them (its item and other_items).
        var holders = new Dictionary<(string Id, string Key), HashSet<Guid>>();
        foreach (var o in objects)
        {
            if (o.Id == SchakelExtension.Id) continue; // the receiving node's own server serves its own definition
            var refs = SchakelExtension.ReadAll(o);
            if (refs.Count == 0)
            {
                plain.Add(o);
                continue;
            }

            var bare = SchakelExtension.Without(o);
            holders[(bare.Id, StixVersionStore.VersionKeyOf(bare))] = refs.Select(r => r.ItemId).ToHashSet();
            // An item the token sees through another collection only is not rebuilt from this one (it would arrive in part);
            // it still counts as a holder, so its copy here, if any, keeps the version.
            foreach (var itemRef in refs.Where(r => !r.Elsewhere))
            {
                if (!groups.TryGetValue(itemRef.ItemId, out var group))
                {
                    group = (itemRef, []);
                    order.Add(itemRef.ItemId);
                }

                group.Objects.Add(bare);
                // The latest object's view of the item wins: the server writes the item's state as it is now on each object.
                groups[itemRef.ItemId] = (itemRef, group.Objects);
            }
        }

        foreach (var id in order) await ImportSourceItemAsync(target, groups[id].Ref, groups[id].Objects, report, definitions, ct);
        if (holders.Count > 0) await RemoveUnlistedAsync(target, holders, report, ct);
        if (plain.Count > 0) await ImportPlainAsync(target, plain, report, plainItems, definitions, ct);
    }

    /// <summary>
    /// Takes object versions out of this node's items from the source whose source item the extension no longer names as
    /// holding them (a TAXII DELETE from one of two items that shared the version; the source serves the version again when
    /// that happens). Like a reconcile (<see cref="ReconcileChanges"/>): an item that would lose every object is retracted.
    /// One query per page when nothing changed.
    /// </summary>
    private async Task RemoveUnlistedAsync(PullTarget target, Dictionary<(string Id, string Key), HashSet<Guid>> holders, PullReport report, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        var prefix = target.ApiRoot.AbsoluteUri + "#";
        var ids = holders.Keys.Select(k => k.Id).Distinct().ToList();
        var rows = await (from l in db.ItemStixObjects.AsNoTracking()
                          join p in db.ThreatIntelPayloads on l.ItemId equals p.ItemId
                          where EF.Parameter(ids).Contains(l.Version.StixId) && p.Item.PublisherOrganisationId == target.PublisherOrganisationId
                                && p.Item.Status != ItemStatus.Retracted && p.SourceKey != null && p.SourceKey.StartsWith(prefix)
                          select new { l.Sequence, l.ItemId, l.VersionId, l.Version.StixId, l.Version.VersionKey, l.Version.Modified, l.Version.Created, p.SourceKey })
            .ToListAsync(ct);
        var gone = rows.Where(r => holders.TryGetValue((r.StixId, r.VersionKey), out var set)
                && Guid.TryParse(r.SourceKey![prefix.Length..], out var sourceItem) && !set.Contains(sourceItem))
            .Select(r => new HeldObject(r.Sequence, r.ItemId, r.VersionId, r.StixId, r.Modified ?? r.Created)).ToList();
        if (gone.Count == 0) return;

        var items = gone.Select(g => g.ItemId).Distinct().ToList();
        var held = (await db.ItemStixObjects.AsNoTracking().Where(l => items.Contains(l.ItemId))
                .Select(l => new { l.Sequence, l.ItemId, l.VersionId, l.Version.StixId, l.Version.Modified, l.Version.Created }).ToListAsync(ct))
            .Select(r => new HeldObject(r.Sequence, r.ItemId, r.VersionId, r.StixId, r.Modified ?? r.Created)).ToList();
        var changes = new ReconcileReport();
        await scope.ServiceProvider.GetRequiredService<ReconcileChanges>().ApplyAsync(target.ApiRoot.AbsoluteUri, target.PublisherOrganisationId, held, gone, changes, ct);
        report.ObjectsRemoved += changes.ObjectsRemoved;
        report.Retracted += changes.ItemsRetracted;
        report.ItemsUpdated += changes.ItemsCorrected;
        report.Messages.AddRange(changes.Messages);
    }

    private async Task ImportSourceItemAsync(PullTarget target, SchakelItemRef source, List<StixObject> objects, PullReport report,
        IReadOnlyList<StixObject> definitions, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SchakelDbContext>();
        var changes = sp.GetRequiredService<FederatedItemChanges>();
        var sourceKey = target.SourceKeyOf(source.ItemId);
        var name = $"'{source.Title ?? source.ItemId.ToString()}' ({source.ItemId})";
        var existing = await db.ThreatIntelPayloads.AsNoTracking()
            .Where(p => p.SourceKey == sourceKey && p.Item.PublisherOrganisationId == target.PublisherOrganisationId)
            .Select(p => new { p.ItemId, p.Item.Tlp, p.Item.Status }).FirstOrDefaultAsync(ct);
        var known = await sp.GetRequiredService<StixVersionStore>().HeldMarkingDefinitionsAsync(objects, ct);
        // The source's label is the extension's; of the markings only those of each object's newest version count (a relabel
        // on the source rewrote them), not those of earlier versions or unversioned objects, which keep the label of before.
        var current = objects.Where(o => o.Version is not null).GroupBy(o => o.Id, StringComparer.Ordinal)
            .Select(g => g.MaxBy(o => o.Version!.SortKey, StringComparer.Ordinal)!).ToList();
        // A marking this node does not know (the source may have refused its definition, or sent it long ago) does not make
        // the item stricter here: the source resolved it when it labelled the item, and the extension carries that label.
        var resolver = new MarkingResolver(objects.Concat(definitions).Concat(known));
        var marked = current.Select(resolver.KnownLabelOf).Max();
        var label = (Tlp)Math.Max((int)source.Tlp, marked is { } m ? (int)m : 0);
        var retracted = source.Status == "retracted";

        if (label == Tlp.Red)
        {
            report.RefusedRed++;
            report.Messages.Add($"{name}: TLP:RED is for named people and is never pulled.");
            return;
        }

        if (existing is null && retracted)
        {
            report.SkippedRetracted++;
            return;
        }

        // What this node's own organisation published on the source (a push, or a pushed item's later versions) comes back
        // on a pull of the same collection; when that organisation's items here already hold every version it is an echo,
        // not a new item. (Held by other items, e.g. a copy of another source item sharing the versions, it is not.)
        if (existing is null && target.HolderKey is { } holder && source.Publisher == holder && await AllHeldAsync(db, objects, holder, ct))
        {
            report.SkippedOwn++;
            return;
        }

        if (label > target.MaxTlp)
        {
            // A stricter label for an item already held is applied even so: tightening never shows anything to more people.
            if (existing is not null && label > existing.Tlp && existing.Status != ItemStatus.Retracted)
            {
                await changes.RelabelAsync(existing.ItemId, label, target.ApiRoot.AbsoluteUri, target.HolderKey, target.HolderIsLinking, ct);
                report.Relabelled++;
            }

            report.RefusedAboveMax++;
            report.Messages.Add($"{name}: TLP:{label.ToLabel()} is stricter than this subscription accepts (TLP:{target.MaxTlp.ToLabel()}); not imported.");
            return;
        }

        var result = await sp.GetRequiredService<ThreatIntelImporter>().ImportAsync(new StixReadResult(StixContainer.Envelope, null, objects, []),
            new ThreatIntelImportRequest(target.PublisherOrganisationId, null, label, existing is null ? target.AudienceFor(label, name, report) : [])
            {
                Format = "taxii-pull", SourceKey = sourceKey, IntoItemId = existing?.ItemId, Title = existing is null ? source.Title : null,
                LabelDecided = true,
            }, ct);
        var ok = Count(result, name, report);
        // A retraction reaches a held copy even when its objects were refused (a revocation of objects others hold here).
        if ((result.ItemId ?? existing?.ItemId) is not { } itemId || (!ok && !retracted)) return;

        if (ok && existing is not null && label != existing.Tlp && existing.Status != ItemStatus.Retracted)
        {
            await changes.RelabelAsync(itemId, label, target.ApiRoot.AbsoluteUri, target.HolderKey, target.HolderIsLinking, ct);
            report.Relabelled++;
        }

        var reason = $"Ingetrokken op het bronknooppunt / retracted on the source node ({target.ApiRoot.AbsoluteUri})";
        // The source publisher's own reason follows, shortened at its end when the whole would be too long.
        if (source.Reason is { Length: > 0 } r)
            reason += ": " + (reason.Length + 2 + r.Length <= ItemChangeService.MaxReasonLength ? r : r[..Math.Max(0, ItemChangeService.MaxReasonLength - reason.Length - 3)] + "…");
        else reason += ".";
        if (retracted && await changes.RetractAsync(itemId, reason, target.ApiRoot.AbsoluteUri, ct))
            report.Retracted++;
    }

    private async Task ImportPlainAsync(PullTarget target, List<StixObject> plain, PullReport report, Dictionary<Tlp, Guid> plainItems,
        IReadOnlyList<StixObject> seen, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SchakelDbContext>();
        var sourceKey = target.CollectionUrl;

        // Versions an earlier pull of this collection already stored are left out: a repeated page adds no second item.
        var ids = plain.Select(o => o.Id).Distinct().ToList();
        var held = (await db.ItemStixObjects.AsNoTracking()
                .Where(l => db.ThreatIntelPayloads.Any(p => p.ItemId == l.ItemId && p.SourceKey == sourceKey && p.Item.PublisherOrganisationId == target.PublisherOrganisationId)
                    && ids.Contains(l.Version.StixId))
                .Select(l => new { l.Version.StixId, l.Version.VersionKey }).ToListAsync(ct))
            .Select(h => (h.StixId, h.VersionKey)).ToHashSet();
        var fresh = plain.Where(o => !held.Contains((o.Id, StixVersionStore.VersionKeyOf(o)))).ToList();

        // Standard TLP definitions every node knows are not content; other definitions go along with each item for its markings.
        var definitions = fresh.Where(o => o.Type == "marking-definition" && !TlpMarkings.TryGetLabel(o.Id, out _)).ToList();
        var resolver = new MarkingResolver(plain.Concat(seen).Concat(await scope.ServiceProvider.GetRequiredService<StixVersionStore>().HeldMarkingDefinitionsAsync(plain, ct)));
        var content = fresh.Where(o => o.Type != "marking-definition");
        foreach (var group in content.GroupBy(o => (Tlp)(int)(resolver.LabelOf(o) ?? StixTlp.Amber)).OrderBy(g => g.Key))
        {
            var label = group.Key;
            var name = $"{group.Count()} object(s) without Schakel's extension labelled TLP:{label.ToLabel()}";
            if (label == Tlp.Red)
            {
                report.RefusedRed += group.Count();
                report.Messages.Add($"{name}: TLP:RED is never pulled.");
                continue;
            }

            if (label > target.MaxTlp)
            {
                report.RefusedAboveMax += group.Count();
                report.Messages.Add($"{name}: stricter than this subscription accepts (TLP:{target.MaxTlp.ToLabel()}); not imported.");
                continue;
            }

            Guid? into = plainItems.TryGetValue(label, out var known) ? known : null;
            await using var importScope = scopes.CreateAsyncScope();
            var result = await importScope.ServiceProvider.GetRequiredService<ThreatIntelImporter>().ImportAsync(
                new StixReadResult(StixContainer.Envelope, null, [.. definitions, .. group], []),
                new ThreatIntelImportRequest(target.PublisherOrganisationId, null, into is null ? label : null, into is null ? target.AudienceFor(label, name, report) : [])
                {
                    Format = "taxii-pull", SourceKey = sourceKey, IntoItemId = into, KnownMarkingDefinitions = seen,
                }, ct);
            if (Count(result, name, report) && result.ItemId is { } itemId) plainItems[label] = itemId;
        }
    }

    /// <summary>Whether items published here by organisation <paramref name="holder"/> hold every one of <paramref name="objects"/> (same id and version).</summary>
    private static async Task<bool> AllHeldAsync(SchakelDbContext db, List<StixObject> objects, string holder, CancellationToken ct)
    {
        var wanted = objects.Select(o => (o.Id, Key: StixVersionStore.VersionKeyOf(o))).ToHashSet();
        var ids = wanted.Select(w => w.Id).Distinct().ToList();
        var held = new HashSet<(string, string)>();
        foreach (var chunk in ids.Chunk(500))
            held.UnionWith((await db.StixObjectVersions.AsNoTracking().Where(v => chunk.Contains(v.StixId) && v.Items.Any(l => l.Item.PublisherOrganisation.Key == holder))
                .Select(v => new { v.StixId, v.VersionKey }).ToListAsync(ct)).Select(v => (v.StixId, v.VersionKey)));
        return wanted.All(held.Contains);
    }

    /// <summary>Counts an import's outcome; false when it was rejected.</summary>
    private static bool Count(ThreatIntelImportResult result, string name, PullReport report)
    {
        if (result.Outcome == ImportOutcome.Rejected)
        {
            report.Failed++;
            report.Messages.Add($"{name}: refused: " + string.Join("; ", result.Errors.Select(e => e.Message)));
            return false;
        }

        if (result.Outcome == ImportOutcome.Imported) report.ItemsCreated++;
        else if (result.Outcome == ImportOutcome.Updated) report.ItemsUpdated++;
        else report.ItemsUnchanged++;
        foreach (var o in result.Objects.Where(o => o.Outcome is StixObjectOutcome.Conflict or StixObjectOutcome.Invalid))
        {
            report.Failed++;
            report.Messages.Add($"{name}: {o.Outcome} {o.Id}: {o.Message}");
        }

        return true;
    }
}
