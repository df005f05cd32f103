using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Tlp;

namespace Schakel.Features.Accounts;

/// <summary>Adds the person's organisation (id and type) and display name to the sign-in principal.</summary>
public sealed class PersonClaimsFactory(
    UserManager<Person> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, SchakelDbContext db)
    : UserClaimsPrincipalFactory<Person, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Person user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var type = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Type).FirstAsync();
        identity.AddClaim(new Claim(Viewer.OrganisationClaim, user.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(Viewer.OrganisationTypeClaim, type.ToString()));
        identity.AddClaim(new Claim("name", user.DisplayName));
        return identity;
    }
}
