using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Tlp;

namespace Schakel.Features.Network;

/// <summary>
/// <c>GET /organisations/{key}</c>: one organisation with its linking organisations, and for a linking organisation
/// its constituency. Contact details only for those <see cref="OrganisationDirectory.CanSeeContacts"/> allows.
/// A deactivated organisation is 404 except for platform administrators.
/// </summary>
[Authorize]
public sealed class OrganisationModel(SchakelDbContext db) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public List<(string Key, string Name)> LinkingOrganisations { get; private set; } = [];
    public List<(string Key, string Name, bool IsActive)> Constituency { get; private set; } = [];
    public bool ShowContacts { get; private set; }
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        Viewer = Viewer.From(User);
        var org = await db.Organisations.AsNoTracking()
            .Include(o => o.LinkingOrganisations).ThenInclude(m => m.LinkingOrganisation)
            .FirstOrDefaultAsync(o => o.Key == key, ct);
        if (org is null || (!org.IsActive && !Viewer.IsPlatformAdmin)) return NotFound();
        Organisation = org;
        LinkingOrganisations = org.LinkingOrganisations.Select(m => (m.LinkingOrganisation.Key, m.LinkingOrganisation.Name)).OrderBy(l => l.Name).ToList();
        ShowContacts = OrganisationDirectory.CanSeeContacts(Viewer, org.Id, org.LinkingOrganisations.Select(m => m.LinkingOrganisationId));
        if (org.Type == OrganisationType.LinkingOrganisation)
        {
            var members = await db.Set<ConstituencyMembership>().AsNoTracking().Where(m => m.LinkingOrganisationId == org.Id)
                .Where(m => Viewer.IsPlatformAdmin || m.Member.IsActive)
                .Select(m => new { m.Member.Key, m.Member.Name, m.Member.IsActive }).ToListAsync(ct);
            Constituency = members.OrderBy(m => m.Name).Select(m => (m.Key, m.Name, m.IsActive)).ToList();
        }

        return Page();
    }
}
