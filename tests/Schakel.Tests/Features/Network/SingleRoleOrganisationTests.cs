using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Accounts;
using Schakel.Features.Network;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Network;

/// <summary>One coordinator, one director, and platform administrators only at the organisation that runs the node.</summary>
public sealed class SingleRoleOrganisationTests(SchakelFactory factory) : IClassFixture<SchakelFactory>
{
    [Fact]
    public async Task CreateOrganisation_SecondCoordinator_ReRendersWithErrorAndStoresNothing()
    {
        var client = await factory.ClientForAsync("beheer@ncsc.example.nl");
        var response = await PageForms.PostAsync(client, "/organisations/new",
            ("Input.Key", "second-ncsc"), ("Input.Name", "Tweede NCSC"), ("Input.Type", "Coordinator"), ("Input.Nis2Class", "None"),
            ("Input.WbniCategory", "none"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Het netwerk heeft al een coördinator.", await PageForms.HtmlAsync(response));
        Assert.False(await factory.WithDbAsync((db, _) => db.Organisations.AnyAsync(o => o.Key == "second-ncsc")));
    }

    [Fact]
    public async Task NetworkImport_SecondDirector_Rejected()
    {
        var doc = new NetworkDocument
        {
            Organisations = [new OrganisationDto { Key = "nctv-2", Name = "Tweede regiehouder", Type = OrganisationType.Director }],
        };
        var result = await factory.WithDbAsync((_, sp) => sp.GetRequiredService<NetworkService>().ImportAsync(doc));
        Assert.Contains(result.Errors, e => e.Contains("one director", StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync((db, _) => db.Organisations.AnyAsync(o => o.Key == "nctv-2")));
    }

    [Fact]
    public async Task NetworkImport_DeactivatesNodeOrganisationOrLastPlatformAdmin_Rejected()
    {
        var doc = await factory.WithDbAsync((_, sp) => sp.GetRequiredService<NetworkService>().ExportAsync());
        var ncsc = doc.Organisations.Single(o => o.Key == "ncsc");
        var withoutNode = doc with { Organisations = [.. doc.Organisations.Select(o => o == ncsc ? o with { IsActive = false } : o)] };
        var result = await factory.WithDbAsync((_, sp) => sp.GetRequiredService<NetworkService>().ImportAsync(withoutNode));
        Assert.Contains(result.Errors, e => e.Contains("runs this node", StringComparison.Ordinal));

        var withoutAdmins = doc with { People = [.. doc.People.Select(p => p.Roles.Contains(Roles.PlatformAdmin) ? p with { IsActive = false } : p)] };
        result = await factory.WithDbAsync((_, sp) => sp.GetRequiredService<NetworkService>().ImportAsync(withoutAdmins));
        Assert.Contains(result.Errors, e => e.Contains("no active platform administrator", StringComparison.Ordinal));
        Assert.True(await factory.WithDbAsync((db, _) => db.Organisations.AnyAsync(o => o.Key == "ncsc" && o.IsActive)));
    }

    [Fact]
    public async Task CreatePerson_PlatformAdminOutsideNodeOrganisation_Refused()
    {
        var (person, errors) = await factory.WithDbAsync((_, sp) => sp.GetRequiredService<PersonService>()
            .CreateAsync("admin@ziekenhuis-rijnoever.example.nl", "Admin", "ziekenhuis-rijnoever", [Roles.PlatformAdmin], PersonService.GeneratePassword()));
        Assert.Null(person);
        Assert.Contains(errors, e => e.Contains("PlatformAdmin", StringComparison.Ordinal));

        var (ok, none) = await factory.WithDbAsync((_, sp) => sp.GetRequiredService<PersonService>()
            .CreateAsync("tweede-beheer@ncsc.example.nl", "Beheer 2", "ncsc", [Roles.PlatformAdmin], PersonService.GeneratePassword()));
        Assert.NotNull(ok);
        Assert.Empty(none);
    }

    [Fact]
    public async Task EditPerson_GrantPlatformAdminOutsideNodeOrganisation_ReRendersWithError()
    {
        var client = await factory.ClientForAsync("beheer@ncsc.example.nl");
        var id = await factory.WithDbAsync((db, _) => db.Users.Where(u => u.Email == "analist@z-cert.example.nl").Select(u => u.Id).SingleAsync());
        var response = await PageForms.PostAsync(client, $"/people/{id}/edit",
            ("DisplayName", "Zeynep Zorg (Z-CERT)"), ("SelectedRoles", "Analyst"), ("SelectedRoles", "PlatformAdmin"), ("IsActive", "true"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alleen voor medewerkers van de organisatie die dit knooppunt beheert", await PageForms.HtmlAsync(response));
        var roles = await factory.WithDbAsync(async (db, _) => await db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        Assert.DoesNotContain(Roles.PlatformAdmin, roles);
    }
}
