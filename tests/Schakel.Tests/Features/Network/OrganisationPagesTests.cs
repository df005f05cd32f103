using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Accounts;
using Schakel.Features.Network;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Network;

public sealed class OrganisationPagesTests : IClassFixture<AdminFactory>
{
    private const string Admin = "beheer@ncsc.example.nl";
    private readonly AdminFactory _factory;

    public OrganisationPagesTests(AdminFactory factory) => _factory = factory;

    [Fact]
    public async Task Directory_SignedInMember_ListsOrganisationsInDutchAndEnglish()
    {
        var client = await _factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        var nl = await PageForms.HtmlAsync(await client.GetAsync("/organisations?sector=health"));
        Assert.Contains("<h1 class=\"nl-heading nl-heading--level-1\">Organisaties</h1>", nl);
        Assert.Contains("Z-CERT (zorg)", nl);
        Assert.Contains("Gezondheidszorg", nl);
        Assert.DoesNotContain("Gemeente Veldhoven aan Zee", nl); // not in the health sector
        Assert.DoesNotContain("@z-cert.example.nl", nl); // the directory shows no contact details

        var en = await PageForms.HtmlAsync(await client.GetAsync("/organisations?sector=health&culture=en"));
        Assert.Contains("<h1 class=\"nl-heading nl-heading--level-1\">Organisations</h1>", en);
        Assert.Contains("Health", en);
    }

    [Fact]
    public async Task Directory_Anonymous_IsSentToSignIn()
    {
        var response = await _factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/organisations");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_TextSearchAndPaging_FiltersAndPages()
    {
        var client = await _factory.ClientForAsync("analist@ncsc.example.nl");
        var search = await PageForms.HtmlAsync(await client.GetAsync("/organisations?q=RIJNOEVER"));
        Assert.Contains("1 organisaties gevonden.", search);
        var page1 = await PageForms.HtmlAsync(await client.GetAsync("/organisations"));
        var page3 = await PageForms.HtmlAsync(await client.GetAsync("/organisations?page=3"));
        Assert.Contains("rel=\"next\"", page1);
        Assert.Contains("href=\"/organisations?page=3\" aria-current=\"page\"", page3);
        Assert.NotEqual(page1, page3);
    }

    [Theory]
    [InlineData("analist@ncsc.example.nl", "/organisations/new")]
    [InlineData("analist@ncsc.example.nl", "/organisations/z-cert/edit")]
    [InlineData("beheer@z-cert.example.nl", "/organisations/z-cert/edit")]
    [InlineData("ict@ziekenhuis-rijnoever.example.nl", "/organisations/new")]
    public async Task AdminPages_NotPlatformAdmin_Forbidden(string email, string url)
    {
        var client = await _factory.ClientForAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task AdminPages_PostByNonAdmin_ForbiddenAndNothingStored()
    {
        // A non-admin never gets the form (and so no antiforgery token for it); a forged post is refused all the same.
        var client = await _factory.ClientForAsync("analist@ncsc.example.nl");
        var response = await client.PostAsync("/organisations/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Key"] = "sneaky", ["Input.Name"] = "Sneaky", ["Input.Type"] = "Member", ["Input.Nis2Class"] = "None", ["Input.WbniCategory"] = "none",
        }));
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.False(await _factory.WithDbAsync((db, _) => db.Organisations.AnyAsync(o => o.Key == "sneaky")));
    }

    [Fact]
    public async Task Create_UnknownSector_ReRendersWithErrorAndStoresNothing()
    {
        var client = await _factory.ClientForAsync(Admin);
        var response = await PageForms.PostAsync(client, "/organisations/new",
            ("Input.Key", "bad-sector-org"), ("Input.Name", "Bad Sector"), ("Input.Type", "Member"), ("Input.Nis2Class", "None"),
            ("Input.WbniCategory", "none"), ("Input.Sectors", "health"), ("Input.Sectors", "astrology"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageForms.HtmlAsync(response);
        Assert.Contains("schakel-error-summary", html);
        Assert.Contains("<a href=\"#sectors\">Onbekende sector \"astrology\".</a>", html);
        Assert.Contains("id=\"sectors-error\"", html);
        Assert.Contains("value=\"Bad Sector\"", html); // the input is kept
        Assert.False(await _factory.WithDbAsync((db, _) => db.Organisations.AnyAsync(o => o.Key == "bad-sector-org")));
    }

    [Fact]
    public async Task Create_DuplicateKeyAndLinkToMember_ReRendersWithBothErrors()
    {
        var client = await _factory.ClientForAsync(Admin);
        var response = await PageForms.PostAsync(client, "/organisations/new",
            ("Input.Key", "z-cert"), ("Input.Name", "Another"), ("Input.Type", "Member"), ("Input.Nis2Class", "None"),
            ("Input.WbniCategory", "none"), ("Input.LinkingOrganisations", "ziekenhuis-rijnoever"));
        var html = await PageForms.HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Er is al een organisatie met de sleutel \"z-cert\".", html);
        Assert.Contains("\"ziekenhuis-rijnoever\" is geen schakelorganisatie.", html);
        Assert.Equal("Z-CERT (zorg)", await _factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "z-cert").Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task CreateEditDeactivate_PlatformAdmin_ChangesOrganisationLinksAndSessions()
    {
        var client = await _factory.ClientForAsync(Admin);
        var created = await PageForms.PostAsync(client, "/organisations/new",
            ("Input.Key", "waterbedrijf-test"), ("Input.Name", "Waterbedrijf Test"), ("Input.Type", "Member"), ("Input.Nis2Class", "Essential"),
            ("Input.WbniCategory", "vital-or-government"), ("Input.Sectors", "drinking-water"), ("Input.Region", "NL-UT"),
            ("Input.Email", "soc@waterbedrijf-test.example.nl"), ("Input.Phone", "+31 30 000 0000"), ("Input.LinkingOrganisations", "water-isac"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/organisations/waterbedrijf-test", created.Headers.Location!.OriginalString);
        var dto = await LoadAsync("waterbedrijf-test");
        Assert.Equal(("Waterbedrijf Test", Nis2Class.Essential, "NL-UT", true), (dto.Name, dto.Nis2Class, dto.Region, dto.IsActive));
        Assert.Equal(["drinking-water"], dto.Sectors);
        Assert.Equal(["water-isac"], dto.LinkingOrganisations);

        var edited = await PageForms.PostAsync(client, "/organisations/waterbedrijf-test/edit",
            ("Input.Key", "ignored-new-key"), ("Input.Name", "Waterbedrijf Test Utrecht"), ("Input.Type", "Member"), ("Input.Nis2Class", "Important"),
            ("Input.WbniCategory", "none"), ("Input.Sectors", "drinking-water"), ("Input.Sectors", "waste-water"), ("Input.Region", "NL-UT"),
            ("Input.LinkingOrganisations", "ibd"), ("Input.LinkingOrganisations", "oktt-mkb"));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        dto = await LoadAsync("waterbedrijf-test");
        Assert.Equal(("Waterbedrijf Test Utrecht", Nis2Class.Important, (string?)null), (dto.Name, dto.Nis2Class, dto.Email));
        Assert.Equal(["ibd", "oktt-mkb"], dto.LinkingOrganisations);
        var ibdPage = await PageForms.HtmlAsync(await client.GetAsync("/organisations/ibd"));
        Assert.Contains("href=\"/organisations/waterbedrijf-test\"", ibdPage); // in IBD's constituency list now

        // A person of the organisation, signed in with a token, loses access on deactivation.
        await _factory.CreatePersonAsync("soc@waterbedrijf-test.example.nl", "waterbedrijf-test", Roles.Reader);
        var member = await _factory.ClientForAsync("soc@waterbedrijf-test.example.nl");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/organisations")).StatusCode);
        var stampBefore = await StampAsync("soc@waterbedrijf-test.example.nl");

        var unconfirmed = await PageForms.PostAsync(client, "/organisations/waterbedrijf-test/edit", "/organisations/waterbedrijf-test/edit?handler=Deactivate");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Bevestig dat u de organisatie wilt deactiveren.", await PageForms.HtmlAsync(unconfirmed));
        Assert.True((await LoadAsync("waterbedrijf-test")).IsActive);

        var deactivated = await PageForms.PostAsync(client, "/organisations/waterbedrijf-test/edit", "/organisations/waterbedrijf-test/edit?handler=Deactivate", ("Confirm", "true"));
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.False((await LoadAsync("waterbedrijf-test")).IsActive);
        Assert.NotEqual(stampBefore, await StampAsync("soc@waterbedrijf-test.example.nl"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/organisations")).StatusCode);
        var analyst = await _factory.ClientForAsync("analist@ncsc.example.nl");
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/organisations/waterbedrijf-test")).StatusCode);
        Assert.DoesNotContain("Waterbedrijf Test", await PageForms.HtmlAsync(await analyst.GetAsync("/organisations?q=waterbedrijf")));

        var reactivated = await PageForms.PostAsync(client, "/organisations/waterbedrijf-test/edit", "/organisations/waterbedrijf-test/edit?handler=Reactivate");
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.True((await LoadAsync("waterbedrijf-test")).IsActive);
    }

    [Fact]
    public async Task Deactivate_OwnOrganisation_Refused()
    {
        var client = await _factory.ClientForAsync(Admin);
        var response = await PageForms.PostAsync(client, "/organisations/ncsc/edit", "/organisations/ncsc/edit?handler=Deactivate", ("Confirm", "true"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("U kunt uw eigen organisatie niet deactiveren.", await PageForms.HtmlAsync(response));
        Assert.True((await LoadAsync("ncsc")).IsActive);
    }

    [Theory]
    [InlineData("ict@ziekenhuis-rijnoever.example.nl", true)] // the organisation itself
    [InlineData("analist@z-cert.example.nl", true)] // its linking organisation
    [InlineData("analist@ncsc.example.nl", true)] // the coordinator
    [InlineData("beheer@ncsc.example.nl", true)] // platform administrator
    [InlineData("ciso@gemeente-veldhoven-aan-zee.example.nl", false)] // an unrelated member
    [InlineData("analist@ibd.example.nl", false)] // a linking organisation it is not linked to
    [InlineData("regie@nctv.example.nl", false)] // the director
    public async Task Detail_ContactDetails_OnlyForItselfItsLinkingOrganisationsAndCoordinator(string email, bool shown)
    {
        var org = await LoadAsync("ziekenhuis-rijnoever");
        Assert.NotNull(org.Email);
        var client = await _factory.ClientForAsync(email);
        var html = await PageForms.HtmlAsync(await client.GetAsync("/organisations/ziekenhuis-rijnoever"));
        Assert.Contains("Ziekenhuis Rijnoever", html);
        Assert.Contains("href=\"/organisations/z-cert\"", html); // its linking organisations are public
        Assert.Equal(shown, html.Contains(org.Email, StringComparison.Ordinal));
        Assert.Equal(shown, html.Contains("id=\"contacts\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Detail_LinkingOrganisation_ListsConstituency()
    {
        var client = await _factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        var html = await PageForms.HtmlAsync(await client.GetAsync("/organisations/z-cert"));
        Assert.Contains("id=\"constituency\"", html);
        Assert.Contains("href=\"/organisations/umc-noorderlicht\"", html);
        Assert.DoesNotContain("href=\"/organisations/gemeente-veldhoven-aan-zee\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/organisations/no-such-org")).StatusCode);
    }

    private Task<OrganisationDto> LoadAsync(string key) => _factory.WithDbAsync(async (db, _) =>
        NetworkService.ToDto(await db.Organisations.AsNoTracking().Include(o => o.LinkingOrganisations).ThenInclude(m => m.LinkingOrganisation).SingleAsync(o => o.Key == key)));

    private Task<string?> StampAsync(string email) => _factory.WithDbAsync(async (_, sp) =>
        (await sp.GetRequiredService<UserManager<Person>>().FindByEmailAsync(email))!.SecurityStamp);
}
