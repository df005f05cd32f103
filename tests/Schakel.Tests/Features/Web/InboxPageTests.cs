using System.Net;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Web;

public sealed class InboxPageTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private SchakelFactory Factory => fixture.Factory;

    [Fact]
    public async Task Inbox_Anonymous_RedirectsToSignIn()
    {
        var response = await WebSession.Anonymous(Factory).Client.GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Inbox_EmptyOrganisation_SaysItIsEmpty()
    {
        var session = await WebSession.SignInAsync(Factory, "ict@waterschap-lage-landen.example.nl");

        var html = await session.Client.GetStringAsync("/inbox");

        Assert.Contains("Uw inbox is leeg", html);
        Assert.Contains("0 berichten", html);
    }

    [DataFact]
    public async Task Inbox_SectorPublications_EachOrganisationSeesOnlyItsOwnWithCounts()
    {
        await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-011-03.json", "ncsc", Tlp.Green, "sector:health");
        await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-030-01.json", "ncsc", Tlp.Amber, "sector:municipalities");

        var hospital = await WebSession.SignInAsync(Factory, "ict@ziekenhuis-rijnoever.example.nl");
        var html = await hospital.Client.GetStringAsync("/inbox");
        Assert.Contains("Rapid Software LLC Rapid SCADA", html);
        Assert.Contains("ICSA-24-011-03", html);
        Assert.Contains("TLP:GREEN", html);
        Assert.DoesNotContain("Emerson Rosemount", html);
        Assert.Contains("1 berichten", html);

        var municipality = await WebSession.SignInAsync(Factory, "ciso@gemeente-veldhoven-aan-zee.example.nl");
        html = await municipality.Client.GetStringAsync("/inbox");
        Assert.Contains("Emerson Rosemount", html);
        Assert.DoesNotContain("Rapid SCADA", html);
        Assert.Contains("1 berichten", html);

        // Filters: sector, TLP and status narrow the list; counts follow.
        Assert.Contains("1 berichten", await hospital.Client.GetStringAsync("/inbox?sector=health"));
        Assert.Contains("0 berichten", await hospital.Client.GetStringAsync("/inbox?sector=energy"));
        Assert.Contains("0 berichten", await hospital.Client.GetStringAsync("/inbox?tlp=AMBER"));
        Assert.Contains("1 berichten", await hospital.Client.GetStringAsync("/inbox?tlp=GREEN&status=Delivered"));
        Assert.Contains("0 berichten", await hospital.Client.GetStringAsync("/inbox?status=Acknowledged"));
        Assert.Contains("0 berichten", await hospital.Client.GetStringAsync("/inbox?from=2999-01-01"));
        Assert.Contains("1 berichten", await hospital.Client.GetStringAsync("/inbox?to=2999-01-01"));
        var invalid = await hospital.Client.GetStringAsync("/inbox?from=yesterday");
        Assert.Contains("href=\"#from\"", invalid);
        var reversed = await hospital.Client.GetStringAsync("/inbox?from=2026-12-01&to=2026-01-01");
        Assert.Contains("De einddatum ligt vóór de begindatum.", System.Net.WebUtility.HtmlDecode(reversed));
        Assert.Contains("href=\"#to\"", reversed);
    }
}
