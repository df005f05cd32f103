using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;

namespace Schakel.Features.Network;

/// <summary>A linking organisation offered as a constituency link in the organisation form.</summary>
public sealed record LinkOption(int Id, string Key, string Name, bool IsActive);

/// <summary>
/// What the create and edit pages of an organisation share: the posted <see cref="Input"/>, its problems, the linking
/// organisations to choose from, and the checks that need the database (unique key, links to linking organisations).
/// </summary>
public abstract class OrganisationFormModel(SchakelDbContext db) : PageModel
{
    [BindProperty] public OrganisationInput Input { get; set; } = new();

    public FormProblems Problems { get; } = [];
    public List<LinkOption> LinkOptions { get; private set; } = [];

    /// <summary>True on the create page: the key can be entered only there.</summary>
    public abstract bool IsNew { get; }

    protected SchakelDbContext Db => db;

    protected async Task LoadOptionsAsync(CancellationToken ct) =>
        LinkOptions = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.LinkingOrganisation)
            .OrderBy(o => o.Name).Select(o => new LinkOption(o.Id, o.Key, o.Name, o.IsActive)).ToListAsync(ct);

    /// <summary>Checks the input; returns the DTO and the linking organisations to link, or null when there are problems.</summary>
    protected async Task<(OrganisationDto Dto, List<Organisation> Links)?> ValidateAsync(bool isActive, int? selfId, CancellationToken ct)
    {
        var dto = Input.ToDto(isActive, Problems);
        var links = await db.Organisations.Where(o => dto.LinkingOrganisations.Contains(o.Key)).ToListAsync(ct);
        foreach (var key in dto.LinkingOrganisations)
        {
            var link = links.FirstOrDefault(l => l.Key == key);
            if (link is null || link.Type != OrganisationType.LinkingOrganisation) Problems.Add("links", "Error.NotLinking", key);
            else if (link.Id == selfId || key == dto.Key) Problems.Add("links", "Error.OwnConstituency", key);
        }

        // The network has one coordinator and one director (DESIGN.md section 1); a second would share their rights.
        if (dto.Type is OrganisationType.Coordinator or OrganisationType.Director
            && await db.Organisations.AnyAsync(o => o.Type == dto.Type && o.Id != selfId && o.Key != dto.Key, ct))
        {
            Problems.Add("type", dto.Type == OrganisationType.Coordinator ? "Error.SecondCoordinator" : "Error.SecondDirector");
        }

        return Problems.Count == 0 ? (dto, links) : null;
    }
}
