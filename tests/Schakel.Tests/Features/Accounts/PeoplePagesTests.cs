using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Accounts;
using Schakel.Tests.Features.Network;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Accounts;

public sealed class PeoplePagesTests : IClassFixture<AdminFactory>
{
    private const string PlatformAdmin = "beheer@ncsc.example.nl";
    private const string ZCertAdmin = "beheer@z-cert.example.nl";
    private readonly AdminFactory _factory;

    public PeoplePagesTests(AdminFactory factory) => _factory = factory;

    [Fact]
    public async Task List_PlatformAdmin_SeesEveryoneWithRoles()
    {
        var html = await PageForms.HtmlAsync(await (await _factory.ClientForAsync(PlatformAdmin)).GetAsync("/people"));
        Assert.Contains("analist@z-cert.example.nl", html);
        Assert.Contains("ict@ziekenhuis-rijnoever.example.nl", html);
        Assert.Contains("Platformbeheerder", html);
    }

    [Fact]
    public async Task List_OrgAdmin_SeesOnlyOwnOrganisation()
    {
        var html = await PageForms.HtmlAsync(await (await _factory.ClientForAsync(ZCertAdmin)).GetAsync("/people"));
        Assert.Contains("analist@z-cert.example.nl", html);
        Assert.DoesNotContain("@ncsc.example.nl", html);
        Assert.DoesNotContain("@ziekenhuis-rijnoever.example.nl", html);
    }

    [Theory]
    [InlineData("analist@ncsc.example.nl")]
    [InlineData("lezer@ziekenhuis-rijnoever.example.nl")]
    public async Task List_NoAdministrator_Forbidden(string email)
    {
        var client = await _factory.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/people/new")).StatusCode);
    }

    [Fact]
    public async Task Edit_OrgAdminOnOtherOrganisationsPerson_NotFound()
    {
        var client = await _factory.ClientForAsync(ZCertAdmin);
        var other = await IdAsync("lezer@ziekenhuis-rijnoever.example.nl");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{other}/edit")).StatusCode);
    }

    [Fact]
    public async Task Create_OrgAdminInOtherOrganisation_RefusedAndNothingStored()
    {
        var client = await _factory.ClientForAsync(ZCertAdmin);
        var response = await PageForms.PostAsync(client, "/people/new",
            ("Email", "spion@ncsc.example.nl"), ("DisplayName", "Spion"), ("Organisation", "ncsc"), ("SelectedRoles", "Analyst"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<a href=\"#organisation\">Kies een organisatie.</a>", await PageForms.HtmlAsync(response));
        Assert.Null(await IdAsync("spion@ncsc.example.nl"));
    }

    [Fact]
    public async Task Create_OrgAdminGrantsPlatformAdmin_RefusedAndNothingStored()
    {
        var client = await _factory.ClientForAsync(ZCertAdmin);
        var form = await PageForms.HtmlAsync(await client.GetAsync("/people/new"));
        Assert.DoesNotContain("value=\"PlatformAdmin\"", form);
        var response = await PageForms.PostAsync(client, "/people/new",
            ("Email", "nieuw@z-cert.example.nl"), ("DisplayName", "Nieuw"), ("Organisation", "z-cert"), ("SelectedRoles", "PlatformAdmin"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("U mag de rol PlatformAdmin niet toekennen.", await PageForms.HtmlAsync(response));
        Assert.Null(await IdAsync("nieuw@z-cert.example.nl"));
    }

    [Fact]
    public async Task Create_OrgAdminOwnOrganisation_ShowsPasswordOnceAndStoresOnlyHash()
    {
        var client = await _factory.ClientForAsync(ZCertAdmin);
        var response = await PageForms.PostAsync(client, "/people/new",
            ("Email", "triage@z-cert.example.nl"), ("DisplayName", "Tom Triage"), ("Organisation", "z-cert"), ("SelectedRoles", "Analyst"), ("SelectedRoles", "Reader"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await IdAsync("triage@z-cert.example.nl");
        Assert.Equal($"/people/{id}/created", response.Headers.Location!.OriginalString);

        var result = await PageForms.HtmlAsync(await client.GetAsync($"/people/{id}/created"));
        var password = System.Text.RegularExpressions.Regex.Match(result, "<code id=\"password\">([^<]+)</code>").Groups[1].Value;
        Assert.Equal(20, password.Length);
        var again = await PageForms.HtmlAsync(await client.GetAsync($"/people/{id}/created"));
        Assert.DoesNotContain(password, again);

        var (hashOk, roles, stored) = await _factory.WithDbAsync(async (db, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<Person>>();
            var p = (await users.FindByIdAsync(id!))!;
            return (await users.CheckPasswordAsync(p, password), await users.GetRolesAsync(p), p.PasswordHash);
        });
        Assert.True(hashOk);
        Assert.DoesNotContain(password, stored!);
        Assert.Equal(["Analyst", "Reader"], roles.Order());
    }

    [Fact]
    public async Task Edit_OrgAdminGrantsPlatformAdmin_Refused()
    {
        var client = await _factory.ClientForAsync(ZCertAdmin);
        var id = await IdAsync("analist@z-cert.example.nl");
        var response = await PageForms.PostAsync(client, $"/people/{id}/edit",
            ("DisplayName", "Zeynep Zorg (Z-CERT)"), ("SelectedRoles", "Analyst"), ("SelectedRoles", "PlatformAdmin"), ("IsActive", "true"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Roles.PlatformAdmin, await RolesAsync("analist@z-cert.example.nl"));
    }

    [Fact]
    public async Task Edit_Self_CannotDeactivateOrDropOwnPlatformAdmin()
    {
        var client = await _factory.ClientForAsync(PlatformAdmin);
        var id = await IdAsync(PlatformAdmin);
        var deactivate = await PageForms.PostAsync(client, $"/people/{id}/edit",
            ("DisplayName", "Platformbeheer NCSC"), ("SelectedRoles", "PlatformAdmin"), ("SelectedRoles", "OrgAdmin"), ("IsActive", "false"));
        Assert.Contains("U kunt uzelf niet deactiveren.", await PageForms.HtmlAsync(deactivate));
        var dropRole = await PageForms.PostAsync(client, $"/people/{id}/edit",
            ("DisplayName", "Platformbeheer NCSC"), ("SelectedRoles", "OrgAdmin"), ("IsActive", "true"), ("IsActive", "false"));
        Assert.Contains("U kunt uw eigen rol van platformbeheerder niet verwijderen.", await PageForms.HtmlAsync(dropRole));
        Assert.Contains(Roles.PlatformAdmin, await RolesAsync(PlatformAdmin));
        Assert.True(await _factory.WithDbAsync((db, _) => db.Users.Where(p => p.Email == PlatformAdmin).Select(p => p.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task Edit_Deactivate_TokenRefusedAndStampRenewed()
    {
        await _factory.CreatePersonAsync("vertrekt@z-cert.example.nl", "z-cert", Roles.Reader);
        var leaving = await _factory.ClientForAsync("vertrekt@z-cert.example.nl");
        Assert.Equal(HttpStatusCode.OK, (await leaving.GetAsync("/organisations")).StatusCode);
        var id = await IdAsync("vertrekt@z-cert.example.nl");
        var stamp = await _factory.WithDbAsync((db, _) => db.Users.Where(p => p.Id == id).Select(p => p.SecurityStamp).SingleAsync());

        var admin = await _factory.ClientForAsync(ZCertAdmin);
        var response = await PageForms.PostAsync(admin, $"/people/{id}/edit", ("DisplayName", "Vertrekt"), ("SelectedRoles", "Reader"), ("IsActive", "false"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await leaving.GetAsync("/organisations")).StatusCode);
        var (active, newStamp) = await _factory.WithDbAsync(async (db, _) => await db.Users.Where(p => p.Id == id).Select(p => new Tuple<bool, string?>(p.IsActive, p.SecurityStamp)).SingleAsync()).ContinueWith(t => (t.Result.Item1, t.Result.Item2));
        Assert.False(active);
        Assert.NotEqual(stamp, newStamp);
    }

    private Task<string?> IdAsync(string email) => _factory.WithDbAsync((db, _) => db.Users.Where(p => p.Email == email).Select(p => p.Id).SingleOrDefaultAsync());

    private Task<IList<string>> RolesAsync(string email) => _factory.WithDbAsync(async (_, sp) =>
    {
        var users = sp.GetRequiredService<UserManager<Person>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    });
}
