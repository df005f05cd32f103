using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Stix;
using Schakel.Stix.Markings;
using Schakel.Stix.Validation;

namespace Schakel.Features.ThreatIntel;

using Tlp = Schakel.Features.Sharing.Tlp;

/// <summary>
/// Imports STIX 2.1 content (a bundle, a TAXII envelope, one object, or objects converted from MISP) as one
/// threat-intelligence item (DESIGN.md section 3a): the label follows the markings (section 3: the strictest object or
/// granular marking; unknown markings held as AMBER+STRICT; stricter on request, never looser), objects are stored one by
/// one with their versions (<see cref="StixVersionStore"/>), the original bytes are kept, and the item is published to the
/// requested audience. One import is one transaction: a rejected import stores nothing. Invalid and conflicting objects are
/// not stored and are reported per object; the rest is imported.
/// </summary>
public sealed class ThreatIntelImporter(SchakelDbContext db, PublishingService publishing, StixVersionStore versions, Audit.AuditLog audit,
    StixValidator validator, IOptions<ThreatIntelOptions> options, TimeProvider time)
{
    private const int MaxReportedWarnings = 50;
    private const int WarningsPerRule = 3;

    /// <summary>Reads <paramref name="content"/> (size limit, structure) and imports it. Never throws for bad input.</summary>
    public Task<ThreatIntelImportResult> ImportAsync(byte[] content, ThreatIntelImportRequest request, CancellationToken ct = default)
    {
        var read = StixBundleReader.Read(content, options.Value.MaxBundleBytes);
        var format = request.Format ?? read.Container switch
        {
            StixContainer.Envelope => "taxii-envelope",
            StixContainer.Object => "stix-object",
            StixContainer.Array => "stix-array",
            _ => "stix-bundle",
        };
        return ImportAsync(read, request with { Original = request.Original ?? content, Format = format }, ct);
    }

    /// <summary>Imports objects already read. Objects whose read failed are listed as invalid.</summary>
    public async Task<ThreatIntelImportResult> ImportAsync(StixReadResult read, ThreatIntelImportRequest request, CancellationToken ct = default, bool isRetry = false)
    {
        if (read.Objects.Count == 0 && read.Findings.Count > 0)
            return new ThreatIntelImportResult(ImportOutcome.Rejected, null, null, [], read.Findings, []);
        var publisher = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.PublisherOrganisationId, ct);
        if (publisher is null || !publisher.IsActive) return ThreatIntelImportResult.Reject("The publishing organisation does not exist or is deactivated.");
        if (!PublishingService.MayPublish(publisher.Type))
            return ThreatIntelImportResult.Reject([new SharingProblem("MayNotPublish", $"Organisation '{publisher.Key}' may not publish threat intelligence.", publisher.Key)]);

        var warnings = new List<string>(request.ExtraWarnings);
        if (read.Container == StixContainer.Array) warnings.Add("The content is a bare JSON array, not a STIX bundle (STIX 2.1 section 8); its objects were imported as one bundle.");
        var (valid, invalid) = Validate(read, warnings);

        // Every object read counts for the label, the invalid ones too: a marking must never be lost by skipping its object.
        IReadOnlyList<StixObject> knownDefinitions = [.. request.KnownMarkingDefinitions, .. await versions.HeldMarkingDefinitionsAsync(read.Objects, ct)];
        var label = DecideLabel(request.LabelDecided ? [] : read.Objects, knownDefinitions, request.RequestedTlp, warnings, out var labelError);
        if (labelError is not null) return ThreatIntelImportResult.Reject([labelError], invalid);
        if (valid.Count == 0) return new ThreatIntelImportResult(ImportOutcome.Rejected, null, label, invalid, [new StixFinding(StixSeverity.Error, null, "", "No object could be imported.", "")], warnings);

        var original = request.Original ?? [];
        var sha = Convert.ToHexStringLower(SHA256.HashData(original));
        var now = time.GetUtcNow();
        try
        {
            return await StoreAsync(valid, invalid, label, publisher, request, original, sha, warnings, now, ct);
        }
        catch (SharingRuleException e)
        {
            db.ChangeTracker.Clear();
            return ThreatIntelImportResult.Reject(e.Problems, invalid);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException && !isRetry)
        {
            // Most likely a concurrent import stored one of the same versions first: once more, now comparing with it.
            db.ChangeTracker.Clear();
            return await ImportAsync(read, request, ct, isRetry: true);
        }
    }

    private async Task<ThreatIntelImportResult> StoreAsync(List<StixObject> valid, List<StixObjectResult> invalid, Tlp label, Organisation publisher,
        ThreatIntelImportRequest request, byte[] original, string sha, List<string> warnings, DateTimeOffset now, CancellationToken ct)
    {
        if (request.IntoItemId is null && original.Length > 0)
        {
            // The same content imported again by the same organisation is the same item: nothing changes.
            var same = await db.ThreatIntelPayloads.AsNoTracking()
                .Where(p => p.Sha256 == sha && p.Item.PublisherOrganisationId == publisher.Id && p.Item.Status != ItemStatus.Retracted)
                .Select(p => p.ItemId).FirstOrDefaultAsync(ct);
            if (same != Guid.Empty)
            {
                var unchanged = valid.Select(o => new StixObjectResult(o.Id, o.Version?.Text, StixObjectOutcome.Unchanged)).Concat(invalid).ToList();
                if (request.Audience.Count > 0) return await PublishHeldAsync(same, label, publisher, request, unchanged, warnings, now, ct);
                return new ThreatIntelImportResult(ImportOutcome.Unchanged, same, label, unchanged, [],
                    [.. warnings, "The same content was imported before as this item; nothing changed (the item keeps its label and audience)."]);
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Item item;
        ThreatIntelPayload payload;
        if (request.IntoItemId is { } intoId)
        {
            item = await db.Items.FirstOrDefaultAsync(i => i.Id == intoId, ct) ?? throw new InvalidOperationException($"Item {intoId} does not exist.");
            if (item.PublisherOrganisationId != publisher.Id || item.Kind != ItemKind.ThreatIntel)
                return ThreatIntelImportResult.Reject("Objects can only be added to a threat-intelligence item of the same publisher.");
            payload = await db.ThreatIntelPayloads.FirstAsync(p => p.ItemId == intoId, ct);
            item.UpdatedAt = now;
        }
        else
        {
            item = new Item
            {
                Id = Guid.CreateVersion7(now), Kind = ItemKind.ThreatIntel, Title = request.Title ?? TitleOf(valid), Summary = SummaryOf(valid), Tlp = label,
                PublisherOrganisationId = publisher.Id, PublisherPersonId = request.PersonId, Status = ItemStatus.Draft, CreatedAt = now, UpdatedAt = now,
            };
            payload = new ThreatIntelPayload { Item = item, Format = request.Format ?? "stix-bundle", Original = original, Sha256 = sha, SourceKey = request.SourceKey };
            db.Items.Add(item);
            db.ThreatIntelPayloads.Add(payload);
        }

        await db.SaveChangesAsync(ct);
        var (results, held) = await versions.StoreAsync(valid, now, ct, publisher.Id);
        if (request.IntoItemId is null && held.Count == 0)
        {
            // Every object was a conflict: an item holding nothing would be published empty. Nothing is stored (the
            // transaction is not committed).
            db.ChangeTracker.Clear();
            return new ThreatIntelImportResult(ImportOutcome.Rejected, null, label, [.. results, .. invalid],
                [new StixFinding(StixSeverity.Error, null, "", "No object could be stored: each one is a conflict with a version held here, or invalid.", "")], warnings);
        }

        var linked = await versions.LinkAsync(item.Id, held, now, ct);
        payload.ObjectCount += linked;
        var report = results.Where(r => r.Outcome == StixObjectOutcome.Conflict).Concat(invalid).Select(r => $"{r.Outcome}: {r.Message}").Concat(warnings).ToList();
        if (report.Count > 0) payload.Report = JsonSerializer.Serialize(MergeReport(payload.Report, report));
        var isNew = request.IntoItemId is null;
        if (isNew && request.Audience.Count > 0) await publishing.PublishAsync(item, publisher, request.PersonId, request.Audience, ct);
        else await db.SaveChangesAsync(ct);
        if (!isNew && linked > 0) await db.Deliveries.Where(d => d.ItemId == item.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Updated, true), ct);
        await tx.CommitAsync(ct);

        var action = isNew ? (item.Status == ItemStatus.Published ? "item.publish" : "item.import") : "item.correct";
        await audit.RecordAsync(new Audit.AuditActor(request.PersonId, publisher.Id), new Audit.AuditEvent(action, item.Id, request.Format ?? "stix",
            new { tlp = item.Tlp.ToLabel(), objects = results.Count, linked, audience = string.Join(' ', request.Audience) }), ct);
        var outcome = isNew ? ImportOutcome.Imported : linked > 0 ? ImportOutcome.Updated : ImportOutcome.Unchanged;
        return new ThreatIntelImportResult(outcome, item.Id, item.Tlp, [.. results, .. invalid], [], warnings);
    }

    /// <summary>
    /// The same content again, now with an audience: a held draft takes this import's label and is published; a published
    /// item is published to the audience entries it does not have yet (<see cref="PublishingService.PublishAsync"/>: an
    /// organisation it already reaches gets no second delivery). A published item's label is never changed here (that is a
    /// relabel, on the item page or the API). Sharing-rule refusals throw <see cref="SharingRuleException"/>.
    /// </summary>
    private async Task<ThreatIntelImportResult> PublishHeldAsync(Guid itemId, Tlp label, Organisation publisher, ThreatIntelImportRequest request,
        List<StixObjectResult> unchanged, List<string> warnings, DateTimeOffset now, CancellationToken ct)
    {
        var item = await db.Items.Include(i => i.Audience).FirstAsync(i => i.Id == itemId, ct);
        var held = item.Audience.Select(a => new AudienceSpec(a.Kind, a.Value)).ToHashSet();
        var more = request.Audience.Where(a => !held.Contains(a)).Distinct().ToList();
        var draft = item.Status == ItemStatus.Draft;
        if (!draft && (more.Count == 0 || item.Status != ItemStatus.Published))
        {
            var why = item.Tlp != label ? $" It stays TLP:{item.Tlp.ToLabel()}: relabel it on the item page or with the API." : "";
            return new ThreatIntelImportResult(ImportOutcome.Unchanged, itemId, item.Tlp, unchanged, [],
                [.. warnings, $"The same content was imported before as this item, already published to this audience; nothing changed.{why}"]);
        }

        if (draft) item.Tlp = label;
        item.UpdatedAt = now;
        var deliveries = await publishing.PublishAsync(item, publisher, request.PersonId, more, ct);
        var what = draft ? $"was a draft; it is now published as TLP:{label.ToLabel()}" : $"is now also published to {string.Join(' ', more)}";
        var keep = !draft && item.Tlp != label ? $" It stays TLP:{item.Tlp.ToLabel()}: relabel it on the item page or with the API." : "";
        return new ThreatIntelImportResult(ImportOutcome.Updated, itemId, item.Tlp, unchanged, [],
            [.. warnings, $"The same content was imported before as this item, which {what} ({deliveries} new deliveries).{keep}"]);
    }

    /// <summary>
    /// Splits what was read into objects that may be stored and objects that broke a rule of STIX 2.1 (schema and the rules
    /// of <see cref="StixValidator"/>), each with its reasons. Findings about the container itself (the bundle id) and
    /// warnings do not stop an object; they are reported, per rule three of them one by one and a count of the rest.
    /// </summary>
    private (List<StixObject> Valid, List<StixObjectResult> Invalid) Validate(StixReadResult read, List<string> warnings)
    {
        var report = validator.Validate(read);
        // An object's own errors stop that object (that version) only; errors across objects (section 3.6, per id) stop every
        // version of the id.
        var own = report.PerObject.SelectMany(f => f).ToHashSet();
        var sharedById = report.Errors.Where(f => f.ObjectId is not null && !own.Contains(f)).ToLookup(f => f.ObjectId!, StringComparer.Ordinal);
        static string Text(IEnumerable<StixFinding> errors) => string.Join(" ", errors.Select(f => $"[{f.Rule}] {f.Path}: {f.Message}"));
        var invalid = read.Findings.Select(f => new StixObjectResult(f.ObjectId ?? f.Path, null, StixObjectOutcome.Invalid, f.Message)).ToList();
        var valid = new List<StixObject>(read.Objects.Count);
        for (var i = 0; i < read.Objects.Count; i++)
        {
            var o = read.Objects[i];
            var errors = report.PerObject[i].Where(f => f.Severity == StixSeverity.Error).Concat(sharedById[o.Id]).ToList();
            if (errors.Count > 0) invalid.Add(new StixObjectResult(o.Id, o.Version?.Text, StixObjectOutcome.Invalid, Text(errors)));
            else valid.Add(o);
        }

        var readFindings = read.Findings.ToHashSet();
        var notes = report.Findings.Where(f => !readFindings.Contains(f) && (f.Severity == StixSeverity.Warning || f.ObjectId is null)).ToList();
        // Per rule a few examples and a count: one rule repeated over many objects must not bury the other findings.
        foreach (var rule in notes.GroupBy(f => f.Rule).Take(MaxReportedWarnings))
        {
            warnings.AddRange(rule.Take(WarningsPerRule).Select(f => f.ToString()));
            var more = rule.Count() - WarningsPerRule;
            if (more > 0) warnings.Add($"… and {more} more warnings {rule.Key} like these.");
        }
        return (valid, invalid);
    }

    /// <summary>
    /// The item's label (DESIGN.md section 3): the strictest TLP marking on any object (object-level or granular), unknown
    /// markings counting as AMBER+STRICT; a requested label may be stricter, never looser; AMBER when there is neither.
    /// </summary>
    public static Tlp DecideLabel(IReadOnlyList<StixObject> objects, IReadOnlyList<StixObject> knownDefinitions, Tlp? requested, List<string> warnings, out SharingProblem? error)
    {
        error = null;
        var outcome = new MarkingResolver(objects.Concat(knownDefinitions)).Resolve(objects);
        foreach (var u in outcome.Unknown.GroupBy(u => u.MarkingRef))
            warnings.Add($"Unknown marking {u.Key} on {u.Count()} object(s) ({u.First().Reason}): held as TLP:AMBER+STRICT.");
        Tlp? source = outcome.Label is { } l ? (Tlp)(int)l : null;
        if (source is { } s && requested is { } r && r < s)
        {
            error = new SharingProblem("LabelLooser", $"The content is marked TLP:{s.ToLabel()}; a label may be made stricter, never looser (asked: {r.ToLabel()}).", s.ToLabel());
            return s;
        }

        if (source is null && requested is null) warnings.Add("The content has no TLP marking: stored as TLP:AMBER.");
        return requested ?? source ?? Tlp.Amber;
    }

    private static List<string> MergeReport(string? existing, List<string> added) =>
        [.. existing is null ? [] : JsonSerializer.Deserialize<List<string>>(existing) ?? [], .. added];

    private static string TitleOf(IReadOnlyList<StixObject> objects)
    {
        foreach (var type in new[] { "report", "grouping" })
        {
            var named = objects.FirstOrDefault(o => o.Type == type);
            if (named is null) continue;
            using var doc = named.ToDocument();
            if (doc.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } name)
                return name.Length > 1000 ? name[..999] + "…" : name;
        }

        // Objects, not versions: three versions of one indicator are one object.
        var distinct = objects.DistinctBy(o => o.Id, StringComparer.Ordinal).ToList();
        var types = distinct.GroupBy(o => o.Type).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Count()} {g.Key}");
        return $"STIX: {distinct.Count} {(distinct.Count == 1 ? "object" : "objects")} ({string.Join(", ", types)})";
    }

    private static string? SummaryOf(IReadOnlyList<StixObject> objects)
    {
        var report = objects.FirstOrDefault(o => o.Type is "report" or "grouping");
        if (report is null) return null;
        using var doc = report.ToDocument();
        return doc.RootElement.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String && d.GetString() is { } text
            ? (text.Length > 4000 ? text[..3999] + "…" : text) : null;
    }
}
