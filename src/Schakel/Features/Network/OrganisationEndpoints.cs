using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Api;
using Schakel.Features.Tlp;

namespace Schakel.Features.Network;

/// <summary>Contact details of an organisation: functional mailbox, 24/7 phone, OpenPGP key, website.</summary>
public sealed record OrganisationContact(string? Email, string? Phone, string? PgpKey, string? Website);

/// <summary>
/// A directory entry. <see cref="Contact"/> is null unless the caller may see it (DESIGN.md section 1): the
/// organisation itself, one of its linking organisations, or the coordinator.
/// </summary>
/// <remarks>
/// <c>Type</c>: Coordinator, Director, LinkingOrganisation or Member.<br/>
/// <c>Designation</c>: CERT or OKTT for linking organisations, else null.<br/>
/// <c>Sectors</c>: Sector keys of DESIGN.md section 2a.<br/>
/// <c>Region</c>: ISO 3166-2 region key.<br/>
/// <c>Nis2Class</c>: Essential, Important or None.<br/>
/// <c>LinkingOrganisations</c>: Keys of the linking organisations whose constituency it belongs to.<br/>
/// </remarks>
public sealed record OrganisationEntry(string Key, string Name, string Type, string? Designation, IReadOnlyList<string> Sectors, string? Region,
    string Nis2Class, IReadOnlyList<string> LinkingOrganisations, OrganisationContact? Contact);

/// <summary><c>GET /api/v1/organisations</c> and <c>/api/v1/organisations/{key}</c>: the directory of active organisations, for every signed-in caller.</summary>
public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisationEndpoints(this RouteGroupBuilder group)
    {
        var orgs = group.MapGroup("/organisations").WithTags("Organisations");
        orgs.MapGet("", ListAsync).WithName("listOrganisations").WithSummary("The directory of organisations")
            .WithDescription("Every active organisation, ordered by key. Contact details only for the caller's own organisation, "
                + "organisations in the caller's constituency, and for callers of the coordinator.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .OnlyQuery();
        orgs.MapGet("/{key}", GetAsync).WithName("getOrganisation").WithSummary("One organisation")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .OnlyQuery();
        return group;
    }

    /// <summary>The directory: every active organisation, ordered by key.</summary>
    public static async Task<Results<Ok<List<OrganisationEntry>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, SchakelDbContext db, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        var orgs = await Load(db).OrderBy(o => o.Key).ToListAsync(ct);
        return TypedResults.Ok(orgs.Select(o => ToEntry(o, viewer)).ToList());
    }

    /// <summary>One active organisation by key (404 for an unknown or deactivated one).</summary>
    public static async Task<Results<Ok<OrganisationEntry>, ProblemHttpResult>> GetAsync(string key, ClaimsPrincipal user, SchakelDbContext db, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        var k = key.ToLowerInvariant();
        var org = await Load(db).FirstOrDefaultAsync(o => o.Key == k, ct);
        return org is null ? ApiProblems.NotFound("organisation") : TypedResults.Ok(ToEntry(org, viewer));
    }

    private static IQueryable<Organisation> Load(SchakelDbContext db) =>
        db.Organisations.AsNoTracking().Where(o => o.IsActive).Include(o => o.LinkingOrganisations).ThenInclude(m => m.LinkingOrganisation);

    private static OrganisationEntry ToEntry(Organisation o, Viewer viewer)
    {
        var links = o.LinkingOrganisations.Select(m => m.LinkingOrganisation).ToList();
        var mayContact = viewer.OrganisationType == OrganisationType.Coordinator || viewer.OrganisationId == o.Id
            || links.Any(l => l.Id == viewer.OrganisationId);
        return new OrganisationEntry(o.Key, o.Name, o.Type.ToString(), o.Designation?.ToString(), [.. o.Sectors], o.Region, o.Nis2Class.ToString(),
            links.Select(l => l.Key).Order(StringComparer.Ordinal).ToList(),
            mayContact ? new OrganisationContact(o.Email, o.Phone, o.PgpKey, o.Website) : null);
    }
}
