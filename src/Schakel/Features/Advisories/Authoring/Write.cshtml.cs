using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schakel.Data;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Advisories.Authoring;

/// <summary>
/// <c>/advisories/new</c>: "Beveiligingsadvies schrijven" for analysts of organisations that may publish (others get
/// 404). Saves the first version under the next <c>{ORGKEY}-{YYYY}-{NNNN}</c> tracking id.
/// </summary>
[Authorize]
public sealed class WriteModel(SchakelDbContext context, AdvisoryAuthoring authoring, IStringLocalizer<AuthoringText> t, IStringLocalizer<SharedResource> s)
    : AdvisoryFormPage(context, t, s)
{
    public override string Lang => "nl";
    public override string FormAction => "/advisories/new";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (!AdvisoryAuthoring.MayAuthor(viewer)) return NotFound();
        await LoadChoicesAsync(viewer, ct);
        Form.RevisionSummary = T["FirstRevision"];
        Form.EnsureRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (!AdvisoryAuthoring.MayAuthor(viewer)) return NotFound();
        var org = await Db.Organisations.AsNoTracking().FirstAsync(o => o.Id == viewer.OrganisationId, ct);
        var baseUrl = authoring.BaseUrl(Request);
        return await HandlePostAsync(viewer,
            (advisory, summary) => authoring.PreviewNewAsync(org, advisory, summary, baseUrl, ct),
            (advisory, summary, label, audience) => authoring.CreateAsync(viewer, org, advisory, summary, label, audience, baseUrl, ct), ct);
    }
}
