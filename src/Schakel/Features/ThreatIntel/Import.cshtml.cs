using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// Marks the STIX upload page: its body may be as large as <see cref="ThreatIntelOptions.MaxBundleBytes"/> (plus the form's
/// other fields); larger uploads are refused by <see cref="DocumentUploadLimit"/> before the form is read.
/// </summary>
public sealed class BundleUploadAttribute : DocumentUploadAttribute
{
    public override long MaxBytes(IServiceProvider services) => services.GetRequiredService<IOptions<ThreatIntelOptions>>().Value.MaxBundleBytes;
}

/// <summary>What the result page shows of the import that just happened (kept in TempData across the redirect).</summary>
public sealed record ImportedSummary(string Outcome, ThreatIntelImportCounts Counts, IReadOnlyList<string> Warnings);

/// <summary>
/// <c>/threat-intel/import</c> ("Dreigingsinformatie importeren"): upload a STIX 2.1 bundle, TAXII envelope or object (at
/// most <see cref="ThreatIntelOptions.MaxBundleBytes"/>), choose the label (the markings' own or a stricter one) and the
/// audience, or keep it as a draft. Analysts of the coordinator or a linking organisation; others get 404. A rejection
/// re-renders with every reason; success redirects to the result page (Post/Redirect/Get).
/// </summary>
[Authorize, BundleUpload]
public sealed class ImportModel(SchakelDbContext db, ThreatIntelImporter importer, IOptions<ThreatIntelOptions> options,
    IStringLocalizer<SharedResource> s, IStringLocalizer<ThreatIntelText> t) : PageModel
{
    /// <summary>TempData key of the <see cref="ImportedSummary"/> (JSON).</summary>
    public const string SummaryKey = "ThreatIntelImport";

    [BindProperty] public IFormFile? Document { get; set; }
    [BindProperty] public string? Label { get; set; }
    [BindProperty] public AudienceInput Audience { get; set; } = new();
    [BindProperty] public string? Action { get; set; }

    public FormErrors Errors { get; } = [];
    public AudienceChoices Choices { get; private set; } = new([], []);
    public long MaxBytes => options.Value.MaxBundleBytes;
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>Objects that were refused in a rejected import (invalid), to list under the errors.</summary>
    public IReadOnlyList<StixObjectResult> RefusedObjects { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(bool tooLarge, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (!LayoutInfo.MayPublish(viewer)) return NotFound();
        if (tooLarge) Errors.Add("document", s["DocumentTooLarge", PublishModel.MiB(MaxBytes)]);
        Choices = await AudienceChoices.LoadAsync(db, viewer, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (!LayoutInfo.MayPublish(viewer)) return NotFound();
        Choices = await AudienceChoices.LoadAsync(db, viewer, ct);

        Sharing.Tlp? label = null;
        if (!string.IsNullOrEmpty(Label))
        {
            if (TlpLabels.TryParse(Label, out var tlp) && PublishModel.Labels.Contains(tlp)) label = tlp;
            else Errors.Add("label", s["InvalidTlp"]);
        }

        if (Document is null || Document.Length == 0) Errors.Add("document", s["DocumentRequired"]);
        else if (Document.Length > MaxBytes) Errors.Add("document", s["DocumentTooLarge", PublishModel.MiB(MaxBytes)]);
        var draft = Action == "draft";
        var audience = draft ? [] : Audience.ToSpecs();
        if (!draft && audience.Count == 0) Errors.Add("audience", s["AudienceRequired"]);
        if (Errors.Count > 0) return Page();

        byte[] bytes;
        await using (var stream = Document!.OpenReadStream())
        {
            using var buffer = new MemoryStream((int)Document.Length);
            await stream.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }

        var result = await importer.ImportAsync(bytes, new ThreatIntelImportRequest(viewer.OrganisationId!.Value, viewer.PersonId, label, audience), ct);
        if (result.Outcome == ImportOutcome.Rejected)
        {
            if (result.RuleProblems.Count > 0)
            {
                // A sharing rule, not the content, refused it: say which in the page's language.
                foreach (var p in result.RuleProblems) Errors.Add(p.Code == "LabelLooser" ? "label" : "audience", s.Rule(p));
            }
            else
            {
                Errors.Add("document", t["Rejected"]);
                foreach (var f in result.Errors) Errors.Add("document", f.Message);
            }

            Warnings = result.Warnings;
            RefusedObjects = [.. result.Objects.Where(o => o.Outcome is StixObjectOutcome.Invalid or StixObjectOutcome.Conflict)];
            return Page();
        }

        // The counts and the few warnings fit in the TempData cookie; conflicts and invalid objects are read from the item's report.
        TempData[SummaryKey] = JsonSerializer.Serialize(new ImportedSummary(result.Outcome.ToString(), ThreatIntelImportCounts.Of(result), [.. result.Warnings.Take(20)]));
        return Redirect($"/threat-intel/import/{result.ItemId}");
    }
}
