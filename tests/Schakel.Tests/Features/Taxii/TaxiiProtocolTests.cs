using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.Taxii.TaxiiTestData;

namespace Schakel.Tests.Features.Taxii;

/// <summary>TAXII 2.1 section 1.6.8 (content negotiation), 1.6.9 (authentication), 3.6 (errors) and 3.5 (the next token).</summary>
public sealed class TaxiiProtocolTests(SchakelFactory factory) : IClassFixture<SchakelFactory>
{
    /// <summary>TAXII 2.1 section 1.6.8: Accept of another media type is 406 with a TAXII error; no version or */* is fine.</summary>
    [Theory]
    [InlineData("application/json", HttpStatusCode.NotAcceptable)]
    [InlineData("application/taxii+json;version=2.0", HttpStatusCode.NotAcceptable)]
    [InlineData("application/taxii+json", HttpStatusCode.OK)]
    [InlineData("*/*", HttpStatusCode.OK)]
    public async Task Accept_MediaType_NegotiatedOr406(string accept, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/taxii2/");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await Anonymous(factory).SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(TaxiiType, response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
        if (expected != HttpStatusCode.OK)
            Assert.Equal("406", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("http_status").GetString());
    }

    /// <summary>TAXII 2.1 sections 1.6.9 and 8.2.2: HTTP Basic with the token as password and Bearer both work; a wrong token is 401 with WWW-Authenticate.</summary>
    [Fact]
    public async Task Authentication_BasicAndBearer_SameCollectionsBadToken401()
    {
        var token = await factory.TokenForAsync("analist@z-cert.example.nl");
        var bearer = Anonymous(factory);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var basic = Anonymous(factory);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("any-user:" + token)));
        var viaBearer = (await GetJsonAsync(bearer, "/taxii2/api/collections/")).GetRawText();
        Assert.Equal(viaBearer, (await GetJsonAsync(basic, "/taxii2/api/collections/")).GetRawText());
        Assert.Contains("constituency:z-cert", viaBearer);

        var wrong = Anonymous(factory);
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("x:not-a-token")));
        using var response = await GetAsync(wrong, "/taxii2/api/collections/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Equal("401", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("http_status").GetString());
    }

    /// <summary>TAXII 2.1 section 1.6.9: an anonymous client asking for a protected collection gets 401 (existing or not), a signed-in one 404 for one it cannot see.</summary>
    [Fact]
    public async Task ProtectedCollection_AnonymousOrForeign_401Or404()
    {
        using (var r = await GetAsync(Anonymous(factory), "/taxii2/api/collections/network/objects/"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.NotEmpty(r.Headers.WwwAuthenticate);
        }

        using (var r = await GetAsync(Anonymous(factory), "/taxii2/api/status/6f0c7c5e-3d4e-4a39-9d3b-5b1c2c7a9e10/")) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        var member = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        using (var r = await GetAsync(member, "/taxii2/api/collections/org:ncsc/objects/")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await GetAsync(member, "/taxii2/api/no-such-thing/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Equal(TaxiiType, r.Content.Headers.ContentType!.ToString().Replace(" ", ""));
        }
    }

    /// <summary>TAXII 2.1 sections 3.4 and 3.5: malformed filters and a next token used with other filters are 400 with a TAXII error.</summary>
    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=abc")]
    [InlineData("?added_after=yesterday")]
    [InlineData("?match[version]=soon")]
    [InlineData("?match[colour]=red")]
    [InlineData("?next=bm9wZQ")]
    public async Task GetObjects_BadFilter_400(string query)
    {
        var member = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        using var response = await GetAsync(member, "/taxii2/api/collections/inbox/objects/" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("400", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("http_status").GetString());
    }

    /// <summary>TAXII 2.1 section 3.4.2: any positive integer is a valid limit, also one too large for 32 bits; the server pages at its maximum.</summary>
    [Fact]
    public async Task GetObjects_LimitBeyondInt_PagedAtServerMaximum()
    {
        var member = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        await ImportAsync(factory, "ncsc", Bundle(Green, (NewIndicatorId(), "2016-04-06T20:03:48.000Z", "a")), "network");
        var page = await GetJsonAsync(member, "/taxii2/api/collections/network/objects/?limit=99999999999999999999999");
        Assert.True(page.GetProperty("objects").GetArrayLength() >= 1);
        Assert.False(page.GetProperty("more").GetBoolean());
    }

    /// <summary>TAXII 2.1 section 3.5: a next token is refused with other filters than it was given for.</summary>
    [Fact]
    public async Task GetObjects_NextWithOtherFilters_400()
    {
        var member = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        await ImportAsync(factory, "ncsc", Bundle(Green, (NewIndicatorId(), "2016-04-06T20:03:48.000Z", "a")), "network");
        var page = await GetJsonAsync(member, "/taxii2/api/collections/network/objects/?limit=1");
        var next = page.GetProperty("next").GetString();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(member, $"/taxii2/api/collections/network/objects/?limit=1&next={next}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(member, $"/taxii2/api/collections/network/objects/?match[type]=indicator&next={next}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(member, $"/taxii2/api/collections/inbox/objects/?next={next}")).StatusCode);
    }
}
