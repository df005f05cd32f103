using System.Net;
using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Web;

public sealed class ItemPageTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private const string Hospital = "ict@ziekenhuis-rijnoever.example.nl";
    private SchakelFactory Factory => fixture.Factory;

    [DataFact]
    public async Task Item_NonRecipient_Returns404()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/IT/white/2024/va-24-262-01.json", "ncsc", Tlp.Green, "sector:health");
        var outsider = await WebSession.SignInAsync(Factory, "ciso@gemeente-veldhoven-aan-zee.example.nl");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/items/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await WebSession.Anonymous(Factory).Client.GetAsync($"/items/{id}")).StatusCode);
        var recipient = await WebSession.SignInAsync(Factory, Hospital);
        Assert.Equal(HttpStatusCode.OK, (await recipient.Client.GetAsync($"/items/{id}")).StatusCode);
    }

    [Fact]
    public async Task Item_GuessedId_Returns404()
    {
        var session = await WebSession.SignInAsync(Factory, "analist@ncsc.example.nl");

        var response = await session.Client.GetAsync($"/items/{Guid.CreateVersion7()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Pagina niet gevonden", await response.Content.ReadAsStringAsync());
    }

    [DataFact]
    public async Task Item_DraftOfAnotherOrganisation_Returns404ButPublisherCanPublish()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-016-01.json", "ncsc", Tlp.Amber);
        var other = await WebSession.SignInAsync(Factory, "analist@z-cert.example.nl");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/items/{id}")).StatusCode);

        var publisher = await WebSession.SignInAsync(Factory, "analist@ncsc.example.nl");
        var page = await publisher.Client.GetStringAsync($"/items/{id}");
        Assert.Contains("Concept publiceren", page);

        var response = await publisher.PostFormAsync($"/items/{id}", $"/items/{id}?handler=publish", new() { ["Audience.Organisations"] = "z-cert" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync($"/items/{id}")).StatusCode);
    }

    [DataFact]
    public async Task Item_PublishedClear_ReadableAnonymouslyWithAdvisoryContent()
    {
        var id = await WebSession.ImportAsync(Factory, "oasis-examples/rhsa-2021_5186.json", "ncsc", null, "sector:energy");
        var anonymous = WebSession.Anonymous(Factory);

        var response = await anonymous.Client.GetAsync($"/items/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("TLP:CLEAR", html);
        Assert.Contains("RHSA-2021:5186", html);
        Assert.Contains("CVE-2021-44228", html);
        Assert.Contains("href=\"https://access.redhat.com/", html);
        Assert.Contains($"/api/v1/items/{id}/document", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"/items/{id}", await anonymous.Client.GetStringAsync("/"));
    }

    [DataFact]
    public async Task Item_OpenAndAcknowledge_ChangesDeliveryState()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/IT/white/2024/va-24-201-01.json", "ncsc", Tlp.Amber, "org:ziekenhuis-rijnoever");
        var session = await WebSession.SignInAsync(Factory, Hospital);

        var page = await session.Client.GetStringAsync($"/items/{id}");
        Assert.Contains("Bevestig ontvangst", page);
        Assert.Equal(DeliveryState.Read, await StateAsync(id));

        var response = await session.PostFormAsync($"/items/{id}", $"/items/{id}?handler=state", new() { ["state"] = "Acknowledged" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(DeliveryState.Acknowledged, await StateAsync(id));
        Assert.Contains("1 berichten", await session.Client.GetStringAsync("/inbox?status=Acknowledged"));
    }

    [DataFact]
    public async Task Item_NotRelevantWithoutReason_IsRefusedWithError()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/IT/white/2024/va-24-254-02.json", "ncsc", Tlp.Green, "org:ziekenhuis-rijnoever");
        var session = await WebSession.SignInAsync(Factory, Hospital);

        var refused = await session.PostFormAsync($"/items/{id}", $"/items/{id}?handler=state", new() { ["state"] = "NotRelevant", ["Reason"] = "  " });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("href=\"#reason\"", await refused.Content.ReadAsStringAsync());
        Assert.NotEqual(DeliveryState.NotRelevant, await StateAsync(id));

        var accepted = await session.PostFormAsync($"/items/{id}", $"/items/{id}?handler=state", new() { ["state"] = "NotRelevant", ["Reason"] = "Wij gebruiken dit product niet." });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(DeliveryState.NotRelevant, await StateAsync(id));
    }

    [DataFact]
    public async Task Item_StateChangeByNonRecipient_Returns404()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-011-10.json", "ncsc", Tlp.Green, "org:ziekenhuis-rijnoever");
        var outsider = await WebSession.SignInAsync(Factory, "ciso@gemeente-veldhoven-aan-zee.example.nl");

        var response = await outsider.PostFormAsync("/inbox", $"/items/{id}?handler=state", new() { ["state"] = "Acknowledged" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<DeliveryState> StateAsync(Guid itemId) => Factory.WithDbAsync((db, _) =>
        db.Deliveries.Where(d => d.ItemId == itemId && d.RecipientOrganisation.Key == "ziekenhuis-rijnoever").Select(d => d.State).SingleAsync());
}
