using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Advisories;

/// <summary>
/// <c>/publish</c>: upload one CSAF 2.0 document (at most <see cref="AdvisoryOptions.MaxDocumentBytes"/>), choose the
/// label (the document's own or a stricter one) and the audience, or keep it as a draft. Only analysts of the
/// coordinator or a linking organisation; others get 404. Rejections re-render with every finding; success
/// redirects to the item (Post/Redirect/Get).
/// </summary>
[Authorize, DocumentUpload]
public sealed class PublishModel(SchakelDbContext db, AdvisoryImporter importer, IOptions<AdvisoryOptions> options,
    IStringLocalizer<SharedResource> s) : PageModel
{
    /// <summary>Labels offered besides "the document's own"; RED goes to named people only (<c>Audience.Persons</c>).</summary>
    public static readonly Sharing.Tlp[] Labels = [Sharing.Tlp.Clear, Sharing.Tlp.Green, Sharing.Tlp.Amber, Sharing.Tlp.AmberStrict, Sharing.Tlp.Red];

    [BindProperty] public IFormFile? Document { get; set; }
    [BindProperty] public string? Label { get; set; }
    [BindProperty] public AudienceInput Audience { get; set; } = new();
    [BindProperty] public string? Action { get; set; }

    public FormErrors Errors { get; } = [];
    public AudienceChoices Choices { get; private set; } = new([], []);
    public long MaxBytes => options.Value.MaxDocumentBytes;
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(bool tooLarge, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (!LayoutInfo.MayPublish(viewer)) return NotFound();
        if (tooLarge) Errors.Add("document", s["DocumentTooLarge", MiB(MaxBytes)]);
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
            if (TlpLabels.TryParse(Label, out var t) && Labels.Contains(t)) label = t;
            else Errors.Add("label", s["InvalidTlp"]);
        }

        if (Document is null || Document.Length == 0) Errors.Add("document", s["DocumentRequired"]);
        else if (Document.Length > MaxBytes) Errors.Add("document", s["DocumentTooLarge", MiB(MaxBytes)]);
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

        var result = await importer.ImportAsync(bytes, new AdvisoryImportRequest(viewer.OrganisationId!.Value, viewer.PersonId, label, audience), ct);
        if (result.Outcome == ImportOutcome.Rejected)
        {
            if (result.RuleProblems.Count > 0)
            {
                // A sharing rule, not the document, refused it: say which in the page's language.
                foreach (var p in result.RuleProblems) Errors.Add(p.Code == "LabelLooser" ? "label" : "audience", s.Rule(p));
            }
            else
            {
                Errors.Add("document", s["DocumentRejected"]);
                foreach (var f in result.Errors) Errors.Add("document", f.ToString());
            }

            Warnings = result.Warnings;
            return Page();
        }

        TempData["Saved"] = s["Import." + result.Outcome].Value;
        return Redirect($"/items/{result.ItemId}");
    }

    /// <summary>Bytes as MiB for messages, e.g. 32.</summary>
    public static string MiB(long bytes) => (bytes / 1024d / 1024d).ToString("0.##", System.Globalization.CultureInfo.CurrentCulture);
}
