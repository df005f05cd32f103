using System.Security.Claims;
using Schakel.Features.Accounts;
using Schakel.Features.Network;

namespace Schakel.Features.Tlp;

/// <summary>
/// Who is asking: a signed-in person (with their organisation and roles) or an anonymous visitor.
/// Built from the claims that sign-in and API tokens put on the principal.
/// </summary>
public sealed record Viewer(string? PersonId, int? OrganisationId, OrganisationType? OrganisationType, IReadOnlySet<string> Roles)
{
    public const string OrganisationClaim = "schakel:org";
    public const string OrganisationTypeClaim = "schakel:org-type";

    public static readonly Viewer Anonymous = new(null, null, null, new HashSet<string>());

    public bool IsAuthenticated => PersonId is not null && OrganisationId is not null;
    public bool IsAnalyst => Roles.Contains(Accounts.Roles.Analyst);
    public bool IsPlatformAdmin => Roles.Contains(Accounts.Roles.PlatformAdmin);
    public bool IsOrgAdmin => Roles.Contains(Accounts.Roles.OrgAdmin);

    /// <summary>Reads the viewer from a principal; anonymous when the principal carries no person or organisation.</summary>
    public static Viewer From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Anonymous;
        var personId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (personId is null || !int.TryParse(user.FindFirstValue(OrganisationClaim), out var orgId)) return Anonymous;
        OrganisationType? type = Enum.TryParse<OrganisationType>(user.FindFirstValue(OrganisationTypeClaim), out var t) ? t : null;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Viewer(personId, orgId, type, roles);
    }

    /// <summary>A viewer for a person loaded from the database (command line, tests).</summary>
    public static Viewer For(Person person, OrganisationType type, IEnumerable<string> roles) =>
        new(person.Id, person.OrganisationId, type, roles.ToHashSet(StringComparer.Ordinal));
}
