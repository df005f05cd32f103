using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.Features.Advisories;
using Schakel.Features.Network;

namespace Schakel.Features.CsafSources;

/// <summary>
/// <c>/admin/csaf-sources</c>, platform administrators only (403 for others): the node's CSAF sources with their last
/// result, cursor and per-document failures; a form to add one; enable/disable.
/// </summary>
[Authorize, PlatformAdminOnly]
public sealed class CsafSourcesModel(CsafSourceService sources) : PageModel
{
    public IReadOnlyList<CsafSource> Sources { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty(Name = "Url")] public string SourceUrl { get; set; } = "";
    [BindProperty] public string Organisation { get; set; } = "";
    [BindProperty] public string Audience { get; set; } = "";
    [BindProperty] public Sharing.Tlp MaxTlp { get; set; } = Sharing.Tlp.Clear;
    [BindProperty] public int IntervalMinutes { get; set; } = 60;
    [BindProperty] public string? Token { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Sources = await sources.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var audience = Audience.Split([' ', ',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var (id, problems) = await sources.AddAsync(new CsafSourceInput(SourceUrl, Organisation, audience, MaxTlp, IntervalMinutes, Token), ct);
        if (id is not null) return Redirect("/admin/csaf-sources");
        Problems = problems;
        Sources = await sources.ListAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostToggleAsync(int id, bool enable, CancellationToken ct)
    {
        await sources.SetEnabledAsync(id, enable, ct);
        return Redirect("/admin/csaf-sources");
    }
}
