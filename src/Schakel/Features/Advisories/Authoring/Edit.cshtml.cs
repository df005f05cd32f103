using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Advisories.Authoring;

/// <summary>
/// <c>/advisories/{id}/edit</c> ("bewerken"): the form filled from the item's current CSAF document; saving writes a new
/// revision (version + 1, revision history entry). Only analysts of the publishing organisation, only advisories
/// written in Schakel, not retracted ones; anything else is 404.
/// </summary>
[Authorize]
public sealed class EditModel(SchakelDbContext context, AdvisoryAuthoring authoring, IStringLocalizer<AuthoringText> t, IStringLocalizer<SharedResource> s)
    : AdvisoryFormPage(context, t, s)
{
    private AuthoredItem _target = null!;

    public override string Lang => _target.Document.Advisory.Lang;
    public override bool ItemPublished => _target.Item.Status == ItemStatus.Published;
    public override string? TrackingId => _target.Document.Tracking.Id;
    public override string FormAction => $"/advisories/{_target.Item.Id}/edit";

    /// <summary>The version the saved revision will get.</summary>
    public int NextVersion => _target.Document.Tracking.Version + 1;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (await authoring.FindEditableAsync(viewer, id, ct) is not { } target) return NotFound();
        _target = target;
        await LoadChoicesAsync(viewer, ct);
        Form = AdvisoryForm.From(target.Document.Advisory);
        Form.Label = target.Item.Tlp.ToLabel(); // the item's label may be stricter than the document's own
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (await authoring.FindEditableAsync(viewer, id, ct) is not { } target) return NotFound();
        _target = target;
        return await HandlePostAsync(viewer,
            (advisory, summary) => Task.FromResult(authoring.Revision(target, advisory, summary, authoring.BaseUrl(Request))),
            (advisory, summary, label, audience) => authoring.SaveAsync(viewer, authoring.Revision(target, advisory, summary, authoring.BaseUrl(Request)), label, audience, requireNew: false, ct), ct);
    }
}
