using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Tlp;

namespace Schakel.Features.Accounts;

/// <summary>One row of the people list.</summary>
public sealed record PersonRow(string Id, string Email, string DisplayName, string OrganisationKey, string OrganisationName, bool IsActive, List<string> Roles);

/// <summary>
/// <c>GET /people</c>: a platform administrator sees everyone (optionally of one organisation, <c>?org=KEY</c>), an
/// organisation administrator the people of their own organisation; anyone else gets 403.
/// </summary>
[Authorize]
public sealed class PeopleModel(SchakelDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "org")] public string? Org { get; set; }

    public List<PersonRow> Rows { get; private set; } = [];
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Viewer = Viewer.From(User);
        if (!PeopleAccess.CanManageAny(Viewer)) return StatusCode(StatusCodes.Status403Forbidden);
        var query = db.Users.AsNoTracking();
        if (!Viewer.IsPlatformAdmin) query = query.Where(p => p.OrganisationId == Viewer.OrganisationId);
        else if (!string.IsNullOrEmpty(Org)) query = query.Where(p => p.Organisation.Key == Org);
        var people = await query.OrderBy(p => p.Organisation.Name).ThenBy(p => p.Email)
            .Select(p => new { p.Id, p.Email, p.DisplayName, p.Organisation.Key, p.Organisation.Name, p.IsActive }).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(ct)).ToLookup(r => r.UserId, r => r.Name!);
        Rows = people.Select(p => new PersonRow(p.Id, p.Email!, p.DisplayName, p.Key, p.Name, p.IsActive,
            [.. Roles.All.Where(r => roles[p.Id].Contains(r))])).ToList();
        return Page();
    }
}
