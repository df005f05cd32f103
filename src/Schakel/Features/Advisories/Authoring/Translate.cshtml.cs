using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schakel.Csaf.Authoring;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Advisories.Authoring;

/// <summary>
/// <c>/advisories/{id}/translate</c>: the English translation of an authored Dutch advisory as its own document
/// (<c>lang</c> en, <c>source_lang</c> nl, publisher category translator, tracking id + <c>-EN</c>, a reference to the
/// original). The form starts with the original's content for the analyst to translate. When the translation exists
/// already, this redirects to its edit page. Same access as editing the original.
/// </summary>
[Authorize]
public sealed class TranslateModel(SchakelDbContext context, AdvisoryAuthoring authoring, IStringLocalizer<AuthoringText> t, IStringLocalizer<SharedResource> s)
    : AdvisoryFormPage(context, t, s)
{
    private AuthoredItem _original = null!;

    public override string Lang => "en";
    public override string? TrackingId => AuthoredTrackingId.Translation(_original.Document.Tracking.Id, "en");
    public override string FormAction => $"/advisories/{_original.Item.Id}/translate";

    /// <summary>The original's title, shown above the form.</summary>
    public string OriginalTitle => _original.Item.Title;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (await FindAsync(viewer, id, ct) is { } found) return found;
        if (await authoring.TranslationItemAsync(_original.Advisory, "en", ct) is { } existing) return Redirect($"/advisories/{existing}/edit");
        await LoadChoicesAsync(viewer, ct);
        Form = AdvisoryForm.From(_original.Document.Advisory);
        Form.Label = _original.Item.Tlp.ToLabel();
        Form.RevisionSummary = T["TranslationRevision", _original.Document.Tracking.Id];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (await FindAsync(viewer, id, ct) is { } found) return found;
        if (await authoring.TranslationItemAsync(_original.Advisory, "en", ct) is { } existing) return Redirect($"/advisories/{existing}/edit");
        var org = await Db.Organisations.AsNoTracking().FirstAsync(o => o.Id == viewer.OrganisationId, ct);
        var baseUrl = authoring.BaseUrl(Request);
        return await HandlePostAsync(viewer,
            (advisory, summary) => Task.FromResult(authoring.Translation(_original, org, advisory, summary, baseUrl)),
            (advisory, summary, label, audience) => authoring.SaveAsync(viewer, authoring.Translation(_original, org, advisory, summary, baseUrl), label, audience, requireNew: true, ct), ct);
    }

    /// <summary>404 unless the viewer may edit the original and the original is not itself a translation.</summary>
    private async Task<IActionResult?> FindAsync(Viewer viewer, Guid id, CancellationToken ct)
    {
        var target = await authoring.FindEditableAsync(viewer, id, ct);
        if (target is null || target.Document.TranslationOf is not null) return NotFound();
        _original = target;
        return null;
    }
}
