using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Schakel.Tests.Features.Visibility;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Api;

/// <summary><c>POST /api/v1/advisories</c>: created, unchanged, updated, rejected with paths, too large, wrong media type.</summary>
public sealed class AdvisoryApiTests(VisibilityFixture fx) : IClassFixture<VisibilityFixture>
{
    [DataFact]
    public async Task PostAdvisory_NewThenSameThenNewer_201Then200UnchangedThen200Updated()
    {
        var path = ApiTestClient.RealAdvisory("rhsa-2019_1862.json");
        var ncsc = fx.Clients["ncsc-analyst"];
        using var created = await ncsc.PostAdvisoryAsync(path, "GREEN", "sector:health");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal("imported", body["outcome"]!.GetValue<string>());
        Assert.Equal("GREEN", body["tlp"]!.GetValue<string>());
        Assert.Equal($"/api/v1/items/{body["itemId"]}", created.Headers.Location?.OriginalString);
        await ncsc.GetJsonAsync(created.Headers.Location!.OriginalString);

        using var same = await ncsc.PostAdvisoryAsync(path, "GREEN", "sector:health");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("unchanged", JsonNode.Parse(await same.Content.ReadAsStringAsync())!["outcome"]!.GetValue<string>());

        var newer = Features.Advisories.ImportTestHelpers.NextVersion(await File.ReadAllBytesAsync(path));
        var newVersion = JsonNode.Parse(newer)!["document"]!["tracking"]!["version"]!.GetValue<string>();
        using var updated = await ncsc.PostAdvisoryBytesAsync(newer, "GREEN");
        var updatedBody = await updated.Content.ReadAsStringAsync();
        Assert.True(updated.StatusCode == HttpStatusCode.OK, updatedBody);
        Assert.Equal("updated", JsonNode.Parse(updatedBody)!["outcome"]!.GetValue<string>());
        var inbox = await fx.Clients["rijnoever-member"].GetJsonAsync("/api/v1/inbox?pageSize=500");
        var row = inbox.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetString() == body["itemId"]!.GetValue<string>());
        Assert.Equal(newVersion, row.GetProperty("version").GetString());
        Assert.True(row.GetProperty("updated").GetBoolean());
    }

    [Fact]
    public async Task PostAdvisory_InvalidDocument_400WithErrorPathsAndNothingStored()
    {
        var invalid = """{"document":{"csaf_version":"2.0","category":"csaf_base","title":"x"}}""";
        using var response = await fx.Clients["ncsc-analyst"].PostAdvisoryBytesAsync(Encoding.UTF8.GetBytes(invalid), null, "network");
        var problem = await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.GetProperty("path").GetString()!.StartsWith("/document", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString())));
        Assert.Equal(0, await fx.Factory.WithDbAsync((db, _) => db.Advisories.CountAsync(a => a.Title == "x")));

        using var notJson = await fx.Clients["ncsc-analyst"].PostAdvisoryBytesAsync("{\"document\":"u8.ToArray(), null);
        await ApiTestClient.AssertProblemAsync(notJson, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("tlp", "tlp=PURPLE")]
    [InlineData("audience", "audience=everyone")]
    public async Task PostAdvisory_BadParameter_400NamingIt(string name, string query)
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await fx.Clients["ncsc-analyst"].PostAsync("/api/v1/advisories?" + query, content);
        var problem = await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(name, problem.GetProperty("invalidParams")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task PostAdvisory_OverSizeLimit_413BeforeParsing()
    {
        var body = new byte[32 * 1024 * 1024 + 1];
        using var response = await fx.Clients["ncsc-analyst"].PostAdvisoryBytesAsync(body, null, "network");
        await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task PostAdvisory_NotJson_415Problem()
    {
        using var content = new StringContent("hello", Encoding.UTF8, "text/plain");
        using var response = await fx.Clients["ncsc-analyst"].PostAsync("/api/v1/advisories", content);
        await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }
}
