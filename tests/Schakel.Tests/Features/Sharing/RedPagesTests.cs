using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Sharing;

/// <summary>TLP:RED in the web UI: published to named people from the publish page, seen only by them, and administered without content.</summary>
public sealed class RedPagesTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private const string Publisher = "analist@ncsc.example.nl", Addressed = "ict@ziekenhuis-rijnoever.example.nl";
    private SchakelFactory Factory => fixture.Factory;

    [DataFact]
    public async Task PublishRed_ToNamedPerson_OnlyPublisherAndPersonSeeItAdminSeesNoContent()
    {
        var publisher = await WebSession.SignInAsync(Factory, Publisher);
        Assert.Contains("Personen (alleen bij TLP:RED)", await publisher.Client.GetStringAsync("/publish"));
        var response = await PublishAsync(publisher, "RED", Addressed);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        const string title = "IBM webMethods Integration Multiple Vulnerabilities";
        Assert.Equal(Tlp.Red, await Factory.WithDbAsync((db, _) => db.Items.Where(i => i.Id == id).Select(i => i.Tlp).SingleAsync()));

        var person = await WebSession.SignInAsync(Factory, Addressed);
        Assert.Contains($"/items/{id}", await person.Client.GetStringAsync("/inbox"));
        Assert.Contains(title, await person.Client.GetStringAsync($"/items/{id}"));
        Assert.Contains(title, await publisher.Client.GetStringAsync("/published"));

        var colleague = await WebSession.SignInAsync(Factory, "lezer@ziekenhuis-rijnoever.example.nl");
        Assert.DoesNotContain($"/items/{id}", await colleague.Client.GetStringAsync("/inbox"));
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.Client.GetAsync($"/items/{id}")).StatusCode);
        await Factory.CreatePersonAsync("analist2@ncsc.example.nl", "ncsc", Schakel.Features.Accounts.Roles.Analyst);
        var otherAnalyst = await WebSession.SignInAsync(Factory, "analist2@ncsc.example.nl");
        Assert.DoesNotContain(title, await otherAnalyst.Client.GetStringAsync("/published"));

        var admin = await WebSession.SignInAsync(Factory, "beheer@ncsc.example.nl");
        Assert.DoesNotContain(title, await admin.Client.GetStringAsync("/published"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync($"/items/{id}")).StatusCode);
        var red = await admin.Client.GetStringAsync("/admin/red-items");
        Assert.Contains(id.ToString(), red);
        Assert.Contains(Publisher, red);
        Assert.DoesNotContain(title, red);
        Assert.DoesNotContain("CVE-", red);
        Assert.Contains("href=\"/admin/red-items\"", red);
    }

    [DataFact]
    public async Task PublishRed_ToOrganisationAudience_RefusedWithDutchText()
    {
        var publisher = await WebSession.SignInAsync(Factory, Publisher);
        var response = await PublishAsync(publisher, "RED", null, sector: "health", file: "va-24-254-02.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gaat alleen naar met naam genoemde personen", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RedItems_NotPlatformAdmin_Forbidden()
    {
        var analyst = await WebSession.SignInAsync(Factory, Publisher);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.Client.GetAsync("/admin/red-items")).StatusCode);
        Assert.DoesNotContain("href=\"/admin/red-items\"", await analyst.Client.GetStringAsync("/inbox"));
        Assert.Equal(HttpStatusCode.Redirect, (await WebSession.Anonymous(Factory).Client.GetAsync("/admin/red-items")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PublishAsync(WebSession session, string label, string? persons, string? sector = null, string file = "va-24-254-01.json")
    {
        var token = await session.TokenAsync("/publish");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(label), "Label" },
            { new StringContent("publish"), "Action" },
        };
        if (persons is not null) form.Add(new StringContent(persons), "Audience.Persons");
        if (sector is not null) form.Add(new StringContent(sector), "Audience.Sectors");
        var document = new ByteArrayContent(await File.ReadAllBytesAsync(TestEnvironment.Data("csaf", "advisories", "cisa", "IT", "white", "2024", file)));
        document.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(document, "Document", file);
        return await session.Client.PostAsync("/publish", form);
    }
}
