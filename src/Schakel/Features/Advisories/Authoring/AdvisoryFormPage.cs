using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.Csaf.Authoring;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Advisories.Authoring;

/// <summary>What the <c>_AdvisoryForm</c> partial shows.</summary>
public sealed record AdvisoryFormView(AdvisoryForm Form, AudienceInput Audience, FormErrors Errors, AudienceChoices Choices, string Action,
    string Lang, bool ItemPublished, string? TrackingId, string? PreviewJson);

/// <summary>
/// The flow shared by the new, edit and translate pages: "add row" buttons post back and re-render (no JavaScript
/// needed), <c>preview</c> shows the CSAF JSON without saving, <c>draft</c> saves without an audience, <c>publish</c>
/// saves and publishes to the audience (Post/Redirect/Get to the item). Invalid input re-renders with an error per field.
/// </summary>
public abstract class AdvisoryFormPage(SchakelDbContext db, IStringLocalizer<AuthoringText> t, IStringLocalizer<SharedResource> s) : PageModel
{
    [BindProperty] public AdvisoryForm Form { get; set; } = new();
    [BindProperty] public AudienceInput Audience { get; set; } = new();
    [BindProperty] public string? Action { get; set; }

    public FormErrors Errors { get; } = [];
    public AudienceChoices Choices { get; private set; } = new([], []);
    public string? PreviewJson { get; private set; }

    /// <summary>The document language this page writes (<c>nl</c>, or <c>en</c> for a translation).</summary>
    public abstract string Lang { get; }

    /// <summary>True when the item exists and is published, so saving without a (new) audience keeps it published.</summary>
    public virtual bool ItemPublished => false;

    /// <summary>Tracking id shown above the form (null for a new advisory: it is given when saved).</summary>
    public virtual string? TrackingId => null;

    /// <summary>The URL the form posts to.</summary>
    public abstract string FormAction { get; }

    public AdvisoryFormView View => new(Form, Audience, Errors, Choices, FormAction, Lang, ItemPublished, TrackingId, PreviewJson);

    protected IStringLocalizer<AuthoringText> T => t;

    protected SchakelDbContext Db => db;

    protected Task LoadChoicesAsync(Viewer viewer, CancellationToken ct) => LoadAsync(viewer, ct);

    private async Task LoadAsync(Viewer viewer, CancellationToken ct) => Choices = await AudienceChoices.LoadAsync(db, viewer, ct);

    /// <summary>Handles a post: <paramref name="build"/> makes the document bytes (preview), <paramref name="save"/> stores them.</summary>
    protected async Task<IActionResult> HandlePostAsync(Viewer viewer, Func<AuthoredAdvisory, string, Task<byte[]>> build,
        Func<AuthoredAdvisory, string, Sharing.Tlp, IReadOnlyList<AudienceSpec>, Task<AuthoringResult>> save, CancellationToken ct)
    {
        await LoadAsync(viewer, ct);
        switch (Action)
        {
            case "add-cve": Form.Cves.Add(new()); return Rerender();
            case "add-product": Form.Products.Add(new()); return Rerender();
            case "add-remediation": Form.Remediations.Add(new()); return Rerender();
            case "add-reference": Form.References.Add(new()); return Rerender();
        }

        var advisory = Form.ToAdvisory(Lang, Errors, t);
        var publish = Action == "publish";
        var audience = publish ? Audience.ToSpecs() : [];
        if (publish && audience.Count == 0) Errors.Add("audience", s["AudienceRequired"]);
        if (advisory is null || Errors.Count > 0) return Rerender();

        if (Action == "preview")
        {
            PreviewJson = Encoding.UTF8.GetString(await build(advisory, Form.RevisionSummary!.Trim()));
            return Rerender();
        }

        var result = await save(advisory, Form.RevisionSummary!.Trim(), Form.ItemLabel()!.Value, audience);
        if (result.ItemId is not { } itemId)
        {
            if (result.RuleProblems.Count > 0)
                foreach (var p in result.RuleProblems) Errors.Add(p.Code == "LabelLooser" ? "label" : "audience", s.Rule(p));
            else
                foreach (var f in result.Errors) Errors.Add(null, t["Error.Document", string.IsNullOrEmpty(f.Path) ? f.Message : $"{f.Path}: {f.Message}"]);
            return Rerender();
        }

        TempData["Saved"] = t[publish ? "Saved.Published" : "Saved.Stored", result.TrackingId ?? ""].Value;
        return Redirect($"/items/{itemId}");
    }

    private PageResult Rerender()
    {
        Form.EnsureRows();
        return Page();
    }
}
