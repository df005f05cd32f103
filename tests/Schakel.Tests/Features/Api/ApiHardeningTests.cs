using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Api;

/// <summary>Inputs that must never be ignored or half-taken: unknown parameters, reversed ranges, cookies on API writes, oversized bodies.</summary>
public sealed class ApiHardeningTests(SchakelFactory factory) : IClassFixture<SchakelFactory>
{
    [DataFact]
    public async Task ImportAdvisory_UnknownQueryParameter_400AndNothingStored()
    {
        var client = await factory.ClientForAsync("analist@ncsc.example.nl");
        var before = await factory.WithDbAsync((db, _) => db.Items.CountAsync());
        var body = new ByteArrayContent(await File.ReadAllBytesAsync(ApiTestClient.RealAdvisory("icsa-24-004-01.json")));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // "label" is not this operation's name for the label: it must not be ignored (the document is WHITE and would go public).
        var response = await client.PostAsync("/api/v1/advisories?label=GREEN&audience=network", body);

        var problem = await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("label", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await factory.WithDbAsync((db, _) => db.Items.CountAsync()));
    }

    [Fact]
    public async Task Inbox_UnknownParameterOrReversedRange_400()
    {
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        await ApiTestClient.AssertProblemAsync(await client.GetAsync("/api/v1/inbox?page_size=10"), HttpStatusCode.BadRequest);
        var problem = await ApiTestClient.AssertProblemAsync(
            await client.GetAsync("/api/v1/inbox?from=2026-12-01T00:00:00Z&to=2026-01-01T00:00:00Z"), HttpStatusCode.BadRequest);
        Assert.Contains("to", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/inbox?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z")).StatusCode);
    }

    [DataFact]
    public async Task StateChange_WithCookieOnly_401ButCookieMayRead()
    {
        var analyst = await factory.ClientForAsync("analist@ncsc.example.nl");
        var id = await analyst.ImportAsync(ApiTestClient.RealAdvisory("icsa-24-016-01.json"), "GREEN", "org:ziekenhuis-rijnoever");
        var session = await WebSession.SignInAsync(factory, "ict@ziekenhuis-rijnoever.example.nl");

        // A cross-site form could send the cookie; API writes therefore need a token.
        var write = await session.Client.PostAsync($"/api/v1/items/{id}/acknowledge", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        var state = await factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == id && d.RecipientOrganisation.Key == "ziekenhuis-rijnoever").Select(d => d.State).SingleAsync());
        Assert.Equal(Schakel.Features.Sharing.DeliveryState.Delivered, state);

        // Reading (the item page's download link) works with the cookie.
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync($"/api/v1/items/{id}/document")).StatusCode);
    }

    [DataFact]
    public async Task StateChange_MalformedBody_400SaysWhyAndStateUnchanged()
    {
        var analyst = await factory.ClientForAsync("analist@ncsc.example.nl");
        var id = await analyst.ImportAsync(ApiTestClient.RealAdvisory("icsa-24-011-10.json"), "GREEN", "org:gemeente-hoogeveld");
        var otherMunicipality = await factory.ClientForAsync("ciso@gemeente-veldhoven-aan-zee.example.nl");
        await factory.CreatePersonAsync("ict@gemeente-hoogeveld.example.nl", "gemeente-hoogeveld", "Analyst");
        var client = await factory.ClientForAsync("ict@gemeente-hoogeveld.example.nl");

        var broken = await client.PostAsync($"/api/v1/items/{id}/not-relevant", new StringContent("{\"reason\": ", System.Text.Encoding.UTF8, "application/json"));
        var problem = await ApiTestClient.AssertProblemAsync(broken, HttpStatusCode.BadRequest);
        Assert.Contains("not a JSON object", problem.GetProperty("detail").GetString());
        await ApiTestClient.AssertProblemAsync(await client.PostAsync($"/api/v1/items/{id}/not-relevant", new StringContent("reason=x")), HttpStatusCode.UnsupportedMediaType);
        // Someone without a delivery still gets 404, body or not.
        await ApiTestClient.AssertProblemAsync(await otherMunicipality.PostAsync($"/api/v1/items/{id}/acknowledge", null), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/items/{id}/not-relevant",
            new StringContent("{\"reason\":\"Wij gebruiken dit product niet.\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Api_UnknownQueryOrPageBeyondRange_400()
    {
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        // A filter the operation does not have must not look as if it filtered.
        await ApiTestClient.AssertProblemAsync(await client.GetAsync("/api/v1/organisations?sector=health"), HttpStatusCode.BadRequest);
        await ApiTestClient.AssertProblemAsync(await client.GetAsync("/api/v1/organisations/z-cert?foo=1"), HttpStatusCode.BadRequest);
        await ApiTestClient.AssertProblemAsync(await client.GetAsync($"/api/v1/items/{Guid.NewGuid()}?foo=1"), HttpStatusCode.BadRequest);
        var page = await ApiTestClient.AssertProblemAsync(await client.GetAsync("/api/v1/inbox?page=2147483647&pageSize=500"), HttpStatusCode.BadRequest);
        Assert.Contains("page", page.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/organisations")).StatusCode);
    }

    [DataFact]
    public async Task StateChange_AuditorOnly_RefusedAndUnchanged()
    {
        var analyst = await factory.ClientForAsync("analist@ncsc.example.nl");
        var id = await analyst.ImportAsync(ApiTestClient.RealAdvisory("icsa-24-004-01.json"), "GREEN", "org:ziekenhuis-rijnoever");
        var auditor = await factory.ClientForAsync("auditor@ziekenhuis-rijnoever.example.nl");

        await ApiTestClient.AssertProblemAsync(await auditor.PostAsync($"/api/v1/items/{id}/acknowledge", null), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/v1/items/{id}")).StatusCode); // opening does not mark it read either
        var state = await factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == id && d.RecipientOrganisation.Key == "ziekenhuis-rijnoever").Select(d => d.State).SingleAsync());
        Assert.Equal(Schakel.Features.Sharing.DeliveryState.Delivered, state);
    }

    [Fact]
    public async Task ImportAdvisory_ChunkedBodyOverLimit_413ProblemDetails()
    {
        var client = await factory.ClientForAsync("analist@ncsc.example.nl");
        var big = new byte[33 * 1024 * 1024];
        Array.Fill(big, (byte)' ');
        using var content = new StreamContent(new MemoryStream(big));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/advisories") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}
