using System.Net;
using System.Text.Json.Nodes;
using Schakel.Tests.Features.Visibility;

namespace Schakel.Tests.Features.Api;

/// <summary>The OpenAPI document, loaded over HTTP, against the NL GOV REST API Design Rules; and the rules that only a response shows.</summary>
public sealed class OpenApiRulesTests(VisibilityFixture fx) : IClassFixture<VisibilityFixture>
{
    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/v1/openapi.json")]
    public async Task OpenApiDocument_EveryPathAndOperation_FollowsDesignRules(string url)
    {
        using var response = await fx.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Empty(OpenApiRules.Check(doc));
        Assert.Equal("1.0.0", doc["info"]!["version"]!.GetValue<string>());
        Assert.Equal(response.Headers.GetValues("API-Version").Single(), doc["info"]!["version"]!.GetValue<string>());
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var expected in new[] { "/api/v1/inbox", "/api/v1/items/{id}", "/api/v1/items/{id}/document", "/api/v1/items/{id}/acknowledge",
                     "/api/v1/items/{id}/not-relevant", "/api/v1/advisories", "/api/v1/organisations", "/api/v1/organisations/{key}" })
            Assert.Contains(expected, paths);
        var importParameters = doc["paths"]!["/api/v1/advisories"]!["post"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        Assert.Equal(["tlp", "audience"], importParameters);
    }

    [Fact]
    public async Task OpenApiRules_BrokenDocument_ReportsEachViolation()
    {
        // The checker must be able to fail: a camelCase segment, a trailing slash, a snake_case parameter, no 400, no contact.
        using var response = await fx.Anonymous.GetAsync("/openapi/v1.json");
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        doc["info"]!.AsObject().Remove("contact");
        var paths = doc["paths"]!.AsObject();
        var inbox = paths["/api/v1/inbox"]!.DeepClone();
        paths.Add("/api/v1/myInbox", inbox.DeepClone());
        paths.Add("/api/v1/inbox-copy/", inbox.DeepClone());
        var noBadRequest = inbox.DeepClone();
        noBadRequest["get"]!["responses"]!.AsObject().Remove("400");
        noBadRequest["get"]!["parameters"]![0]!["name"] = "page_size";
        paths.Add("/api/v1/other", noBadRequest);

        var errors = OpenApiRules.Check(doc);
        Assert.Contains(errors, e => e.Contains("'myInbox' is not kebab-case", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("trailing slash", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'page_size' is not lowerCamelCase", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("GET /api/v1/other takes input but documents no 400", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("info.contact.email", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET", "/api/v1/inbox", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/organisations/", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/v1/inbox", HttpStatusCode.MethodNotAllowed)]
    public async Task ApiErrors_AnyCaller_ProblemDetailsWithVersionHeader(string method, string url, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await fx.Anonymous.SendAsync(request);
        await ApiTestClient.AssertProblemAsync(response, status);
        Assert.Equal("1.0.0", response.Headers.GetValues("API-Version").Single());
    }

    [Fact]
    public async Task TrailingSlash_SignedIn_404NotServed()
    {
        using var response = await fx.Clients["rijnoever-member"].GetAsync("/api/v1/inbox/");
        await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/organisations")]
    public async Task AnyResponse_AnyPath_CarriesApiVersionHeader(string url)
    {
        using var response = await fx.Anonymous.GetAsync(url);
        Assert.Equal("1.0.0", response.Headers.GetValues("API-Version").Single());
    }
}
