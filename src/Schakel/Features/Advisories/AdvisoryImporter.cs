using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Csaf;
using Schakel.Csaf.Validation;
using Schakel.Data;
using Schakel.Features.Network;
using Schakel.Features.Sharing;

namespace Schakel.Features.Advisories;

/// <summary>Options of section <c>Advisories</c>.</summary>
public sealed class AdvisoryOptions
{
    /// <summary>Largest CSAF document accepted, in bytes (DESIGN.md section 3a: 32 MiB).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxDocumentBytes { get; set; } = 32L * 1024 * 1024;
}

/// <summary>What an import did with one document.</summary>
public enum ImportOutcome
{
    Imported,
    Updated,
    Unchanged,
    Rejected,
}

/// <summary>An import request: the publishing organisation, the person (null from the command line), a label and an audience (empty: draft).</summary>
public sealed record AdvisoryImportRequest(int PublisherOrganisationId, string? PersonId, Sharing.Tlp? RequestedTlp, IReadOnlyList<AudienceSpec> Audience)
{
    /// <summary>Authored by the node's own organisation (published as a CSAF provider) or imported (mirrored as an aggregator).</summary>
    public AdvisoryOrigin Origin { get; init; } = AdvisoryOrigin.Imported;

    /// <summary>The source's detached OpenPGP signature (ASCII armoured), kept with the bytes it signs.</summary>
    public string? SourceSignature { get; init; }

    /// <summary>Absolute URL the document was downloaded from.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>Refuse (rather than compare versions with) an advisory already stored under the same identity: a newly authored id was taken meanwhile.</summary>
    public bool RequireNew { get; init; }
}

/// <summary>
/// The result of importing one document. <see cref="Errors"/> is non-empty exactly when the outcome is Rejected; when a
/// sharing rule (label, audience, publisher) was the reason, <see cref="RuleProblems"/> holds it with its code too.
/// </summary>
public sealed record AdvisoryImportResult(ImportOutcome Outcome, Guid? ItemId, string? TrackingId, string? Version, IReadOnlyList<CsafFinding> Errors, IReadOnlyList<string> Warnings)
{
    public IReadOnlyList<SharingProblem> RuleProblems { get; init; } = [];

    public static AdvisoryImportResult Reject(string message, string path = "") => new(ImportOutcome.Rejected, null, null, null, [new CsafFinding(path, message)], []);

    public static AdvisoryImportResult Reject(IReadOnlyList<SharingProblem> problems, string path = "", string? trackingId = null, string? version = null, IReadOnlyList<string>? warnings = null) =>
        new(ImportOutcome.Rejected, null, trackingId, version, problems.Select(p => new CsafFinding(path, p.Message)).ToList(), warnings ?? []) { RuleProblems = problems };
}

/// <summary>
/// Imports CSAF 2.0 documents as advisory items: validates against the CSAF 2.0 schema before anything is stored,
/// keeps the original bytes, applies the label rules of DESIGN.md section 3 and the identity and version rules of
/// section 3a, and publishes to the requested audience. One document is one transaction: a rejected document leaves nothing.
/// </summary>
public sealed class AdvisoryImporter(SchakelDbContext db, PublishingService publishing, ItemChangeService changes, Audit.AuditLog audit,
    CsafValidator validator, IOptions<AdvisoryOptions> options, TimeProvider time)
{
    /// <summary>Imports one document. Never throws for bad input: every problem comes back as a finding.</summary>
    public Task<AdvisoryImportResult> ImportAsync(byte[] content, AdvisoryImportRequest request, CancellationToken ct = default) =>
        ImportAsync(content, request, ct, isRetry: false);

    private async Task<AdvisoryImportResult> ImportAsync(byte[] content, AdvisoryImportRequest request, CancellationToken ct, bool isRetry)
    {
        // The schema and every mandatory test of CSAF 2.0 section 6.1 decide; optional and informative findings are warnings.
        var read = CsafReader.Read(content, validator, options.Value.MaxDocumentBytes);
        var validation = read.Report?.Warnings ?? [];
        if (read.Document is not { } info)
            return new AdvisoryImportResult(ImportOutcome.Rejected, null, null, null, read.Findings, validation.Select(w => w.ToString()).ToList());
        var publisher = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.PublisherOrganisationId, ct);
        if (publisher is null || !publisher.IsActive) return AdvisoryImportResult.Reject("The publishing organisation does not exist or is deactivated.");
        if (!PublishingService.MayPublish(publisher.Type)) return AdvisoryImportResult.Reject([new SharingProblem("MayNotPublish", $"Organisation '{publisher.Key}' may not publish advisories.", publisher.Key)]);

        var warnings = validation.Select(w => w.ToString()).ToList();
        var label = DecideLabel(info, request.RequestedTlp, warnings, out var labelError);
        if (labelError is not null) return AdvisoryImportResult.Reject([labelError], "/document/distribution/tlp/label", info.TrackingId, info.Version);
        if (request.Audience.Count > 0)
        {
            var problems = await publishing.CheckAudienceAsync(publisher, label, request.Audience, ct);
            if (problems.Count > 0) return AdvisoryImportResult.Reject(problems, "", info.TrackingId, info.Version, warnings);
        }

        var ns = CsafReader.NormaliseNamespace(info.PublisherNamespace);
        var existing = await db.Advisories.Include(a => a.Items).Include(a => a.Vulnerabilities).Include(a => a.Products).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.OwnerOrganisationId == publisher.Id && a.PublisherNamespace == ns && a.TrackingId == info.TrackingId, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var now = time.GetUtcNow();
        if (existing is not null && request.RequireNew) return AdvisoryImportResult.Reject($"{info.TrackingId} already exists.", "/document/tracking/id");
        try
        {
            if (existing is null) return await CreateAsync(content, sha, info, ns, label, publisher, request, warnings, validation, now, ct);
            return await UpdateAsync(existing, content, sha, info, label, publisher, request, warnings, validation, now, ct);
        }
        catch (DbUpdateException) when (!isRetry)
        {
            // Most likely another import of the same advisory won the race for the unique (organisation, namespace,
            // tracking id): once more, and this document is compared with what that import stored.
            db.ChangeTracker.Clear();
            return await ImportAsync(content, request, ct, isRetry: true);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return AdvisoryImportResult.Reject("The document could not be stored because another change to the same advisory happened at the same time; nothing was stored. Try again.");
        }
        catch (SharingRuleException e)
        {
            db.ChangeTracker.Clear();
            return AdvisoryImportResult.Reject(e.Problems);
        }
    }

    /// <summary>
    /// The item's label: the document's own (WHITE read as CLEAR), made stricter when asked, never looser; AMBER when
    /// the document has none and none is asked. RED items are published to person audiences only (PublishingService).
    /// </summary>
    internal static Sharing.Tlp DecideLabel(CsafDocumentInfo info, Sharing.Tlp? requested, List<string> warnings, out SharingProblem? error)
    {
        error = null;
        Sharing.Tlp? source = null;
        if (info.TlpLabel is { } raw)
        {
            if (TlpLabels.TryParse(raw, out var parsed)) source = parsed;
            else
            {
                source = Sharing.Tlp.AmberStrict;
                warnings.Add($"Unknown TLP label '{raw}': held as AMBER+STRICT.");
            }
        }

        if (source is { } s && requested is { } r && r < s)
        {
            error = new SharingProblem("LabelLooser", $"The document is TLP:{s.ToLabel()}; a label may be made stricter, never looser (asked: {r.ToLabel()}).", s.ToLabel());
            return s;
        }

        var label = requested ?? source ?? Sharing.Tlp.Amber;
        if (source is null && requested is null) warnings.Add("The document has no TLP label: stored as TLP:AMBER.");
        return label;
    }

    private async Task<AdvisoryImportResult> CreateAsync(byte[] content, string sha, CsafDocumentInfo info, string ns, Sharing.Tlp label,
        Organisation publisher, AdvisoryImportRequest request, List<string> warnings, IReadOnlyList<CsafTestFinding> validation, DateTimeOffset now, CancellationToken ct)
    {
        var advisory = new Advisory
        {
            OwnerOrganisationId = publisher.Id, PublisherNamespace = ns, TrackingId = info.TrackingId, Version = info.Version,
            TrackingStatus = info.Status, Title = info.Title, PublisherName = info.PublisherName, PublisherCategory = info.PublisherCategory,
            Category = info.Category, Content = content, Sha256 = sha, ImportedAt = now, Origin = request.Origin,
        };
        Apply(advisory, info, content, sha, now, request, validation);
        advisory.Revisions.Add(Revision(info, content, sha, now, request));
        var item = new Item
        {
            Id = Guid.CreateVersion7(now), Kind = ItemKind.Advisory, Title = info.Title, Summary = Summary(info), Tlp = label,
            PublisherOrganisationId = publisher.Id, PublisherPersonId = request.PersonId, Status = ItemStatus.Draft,
            Version = info.Version, CreatedAt = now, UpdatedAt = now, Advisory = advisory,
        };
        db.Advisories.Add(advisory);
        db.Items.Add(item);
        await SaveOrPublishAsync(item, publisher, request, ct);
        return new AdvisoryImportResult(ImportOutcome.Imported, item.Id, info.TrackingId, info.Version, [], warnings);
    }

    private async Task<AdvisoryImportResult> UpdateAsync(Advisory existing, byte[] content, string sha, CsafDocumentInfo info, Sharing.Tlp label,
        Organisation publisher, AdvisoryImportRequest request, List<string> warnings, IReadOnlyList<CsafTestFinding> validation, DateTimeOffset now, CancellationToken ct)
    {
        int order;
        try
        {
            order = CsafVersion.Compare(info.Version, existing.Version);
        }
        catch (FormatException e)
        {
            return AdvisoryImportResult.Reject($"Version {info.Version} cannot be compared with the stored version {existing.Version}: {e.Message}", "/document/tracking/version");
        }

        var item = existing.Items.OrderBy(i => i.CreatedAt).First();
        if (order < 0)
        {
            return AdvisoryImportResult.Reject($"{info.TrackingId} version {info.Version} is older than the stored version {existing.Version}; refused.", "/document/tracking/version");
        }

        if (order == 0)
        {
            if (existing.Sha256 != sha) warnings.Add($"Version {info.Version} is already stored with different content; the stored document is kept.");
            if (label != item.Tlp) warnings.Add($"The item keeps its label TLP:{item.Tlp.ToLabel()}; an unchanged version does not relabel it.");
            if (request.Audience.Count > 0) await SaveOrPublishAsync(item, publisher, request, ct);
            return new AdvisoryImportResult(ImportOutcome.Unchanged, item.Id, info.TrackingId, info.Version, [], warnings);
        }

        Apply(existing, info, content, sha, now, request, validation);
        existing.Version = info.Version;
        existing.Revisions.Add(Revision(info, content, sha, now, request));
        if (existing.Items.Any(i => i.Status == ItemStatus.Retracted))
        {
            return AdvisoryImportResult.Reject($"{info.TrackingId} was retracted; a retracted item takes no new versions. Import it as a new advisory under a new tracking id.", "/document/tracking/id");
        }

        var tightened = new List<Item>();
        foreach (var i in existing.Items)
        {
            i.Title = info.Title;
            i.Summary = Summary(info);
            i.Version = info.Version;
            i.UpdatedAt = now;
            if (label > i.Tlp && (label == Sharing.Tlp.Red || i.Tlp == Sharing.Tlp.Red))
                warnings.Add($"The new version is labelled {label.ToLabel()}; an item cannot move to or from RED, so it keeps TLP:{i.Tlp.ToLabel()}.");
            else if (label > i.Tlp)
            {
                i.Tlp = label;
                tightened.Add(i);
            }
            else if (label < i.Tlp) warnings.Add($"The new version is labelled {label.ToLabel()}; the item keeps its stricter TLP:{i.Tlp.ToLabel()}.");
        }

        var itemIds = existing.Items.Select(i => i.Id).ToList();
        // The bulk flag and the new version land together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Deliveries.Where(d => itemIds.Contains(d.ItemId)).ExecuteUpdateAsync(s => s.SetProperty(d => d.Updated, true), ct);
        await db.SaveChangesAsync(ct);
        // A stricter label in the new version withdraws what the new label forbids, as a relabel by the originator would.
        foreach (var i in tightened.Where(i => i.Status == ItemStatus.Published)) await changes.ApplyLabelAsync(i, ct);
        await SaveOrPublishAsync(item, publisher, request, ct);
        await tx.CommitAsync(ct);
        // A newer version is a correction that reaches every delivery of the items that share the document.
        foreach (var i in existing.Items)
        {
            await audit.RecordAsync(new Audit.AuditActor(request.PersonId, publisher.Id), new Audit.AuditEvent("item.correct", i.Id, info.TrackingId,
                new { version = info.Version, tlp = i.Tlp.ToLabel() }), ct);
        }

        return new AdvisoryImportResult(ImportOutcome.Updated, item.Id, info.TrackingId, info.Version, [], warnings);
    }

    private async Task SaveOrPublishAsync(Item item, Organisation publisher, AdvisoryImportRequest request, CancellationToken ct)
    {
        if (request.Audience.Count > 0) await publishing.PublishAsync(item, publisher, request.PersonId, request.Audience, ct);
        else await db.SaveChangesAsync(ct);
    }

    private static void Apply(Advisory a, CsafDocumentInfo info, byte[] content, string sha, DateTimeOffset now, AdvisoryImportRequest request,
        IReadOnlyList<CsafTestFinding> validation)
    {
        a.SourceSignature = request.SourceSignature;
        a.SourceUrl = request.SourceUrl;
        a.ValidationWarnings = ValidationWarnings.Serialize(validation);
        a.TrackingStatus = info.Status;
        a.InitialReleaseDate = info.InitialReleaseDate;
        a.CurrentReleaseDate = info.CurrentReleaseDate;
        a.Title = info.Title;
        a.PublisherName = info.PublisherName;
        a.PublisherCategory = info.PublisherCategory;
        a.Category = info.Category;
        a.Lang = info.Lang;
        a.SourceTlp = info.TlpLabel is { } raw && TlpLabels.TryParse(raw, out var t) ? t : null;
        a.AggregateSeverity = info.AggregateSeverity;
        a.MaxBaseScore = info.MaxBaseScore;
        a.MaxSeverity = info.MaxSeverity;
        a.Content = content;
        a.Sha256 = sha;
        a.UpdatedAt = now;
        a.Vulnerabilities.Clear();
        a.Vulnerabilities.AddRange(info.Vulnerabilities.Select(v => new AdvisoryVulnerability
        {
            Cve = v.Cve, Title = Truncate(v.Title, 1024), BaseScore = v.BaseScore, Severity = v.Severity, Vector = v.Vector,
        }));
        a.Products.Clear();
        a.Products.AddRange(info.Products.Select(p => new AdvisoryProduct { Vendor = p.Vendor, Product = p.Product, Version = p.Version, FullName = p.FullName }));
    }

    private static AdvisoryRevision Revision(CsafDocumentInfo info, byte[] content, string sha, DateTimeOffset now, AdvisoryImportRequest request) => new()
    {
        Version = info.Version, Content = content, Sha256 = sha, CurrentReleaseDate = info.CurrentReleaseDate, ImportedAt = now,
        SourceSignature = request.SourceSignature,
    };

    /// <summary>
    /// The document's summary note (CSAF note category <c>summary</c>), else its first description, else — for documents
    /// without document notes, such as BSI's — the first vulnerability's summary or description; cut to 4000 characters.
    /// </summary>
    private static string? Summary(CsafDocumentInfo info)
    {
        static CsafNote? Pick(IEnumerable<CsafNote> notes) =>
            notes.FirstOrDefault(n => n.Category == "summary") ?? notes.FirstOrDefault(n => n.Category == "description");
        return Truncate((Pick(info.Notes) ?? Pick(info.Vulnerabilities.SelectMany(v => v.Notes)))?.Text, 4000);
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..(max - 1)] + "…";
}
