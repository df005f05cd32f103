using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.Data;
using Schakel.Features.Tlp;

namespace Schakel.Features.Network;

/// <summary><c>GET /organisations</c>: the directory of organisations, filtered and paged; every signed-in person sees it.</summary>
[Authorize]
public sealed class OrganisationsModel(SchakelDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "sector")] public string? Sector { get; set; }
    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    // Not bound: "page" is the route value Razor Pages uses for the page's own path.
    public int PageNumber { get; private set; } = 1;

    public List<DirectoryRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + OrganisationDirectory.PageSize - 1) / OrganisationDirectory.PageSize);
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Viewer = Viewer.From(User);
        // Unknown filter values are ignored rather than answered with an error: the form only offers known ones.
        OrganisationType? type = Enum.TryParse<OrganisationType>(Type, out var t) && Enum.IsDefined(t) ? t : null;
        if (type is null) Type = null;
        if (Sector is not null && !Vocabulary.IsSector(Sector)) Sector = null;
        if (Region is not null && !Vocabulary.IsRegion(Region)) Region = null;
        PageNumber = int.TryParse(Request.Query["page"], out var p) && p > 0 ? p : 1;
        (Rows, Total) = await OrganisationDirectory.PageAsync(db, Viewer, type, Sector, Region, Query, PageNumber, ct);
    }

    /// <summary>The query string of another page with the same filters.</summary>
    public string PageLink(int page)
    {
        var q = new Dictionary<string, string?> { ["type"] = Type, ["sector"] = Sector, ["region"] = Region, ["q"] = Query, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/organisations", q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
