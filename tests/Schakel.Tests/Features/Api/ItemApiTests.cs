using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Schakel.Tests.Features.Visibility;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Api;

/// <summary><c>/api/v1/items/{id}</c>: the item with its advisory fields, delivery state changes, and the CSAF download.</summary>
public sealed class ItemApiTests(VisibilityFixture fx) : IClassFixture<VisibilityFixture>
{
    [DataFact]
    public async Task GetItem_AdvisoryForMember_ExtractedFieldsAndMarkedRead()
    {
        var id = await fx.Clients["ncsc-analyst"].ImportAsync(ApiTestClient.RealAdvisory("icsa-24-011-03.json"), "AMBER", "org:waterschap-lage-landen");
        var water = fx.Clients["water-member"];
        var item = await water.GetJsonAsync($"/api/v1/items/{id}");
        Assert.Equal("AMBER", item.GetProperty("tlp").GetString());
        Assert.Equal("Published", item.GetProperty("status").GetString());
        Assert.Equal("ncsc", item.GetProperty("publisher").GetString());
        var advisory = item.GetProperty("advisory");
        Assert.Equal("ICSA-24-011-03", advisory.GetProperty("trackingId").GetString());
        Assert.Equal("CLEAR", advisory.GetProperty("sourceTlp").GetString());
        Assert.EndsWith("Z", advisory.GetProperty("initialReleaseDate").GetString());
        var cves = advisory.GetProperty("cves").EnumerateArray().ToList();
        Assert.NotEmpty(cves);
        Assert.All(cves, c => Assert.StartsWith("CVE-", c.GetProperty("cve").GetString()));
        Assert.Contains(cves, c => c.GetProperty("baseScore").ValueKind == System.Text.Json.JsonValueKind.Number);
        Assert.NotEmpty(advisory.GetProperty("products").EnumerateArray());
        // Opening it marked the delivery read (the answer already shows the new state).
        Assert.Equal("Read", item.GetProperty("delivery").GetProperty("status").GetString());
    }

    [DataFact]
    public async Task StateChanges_Member_204AndInboxShowsThem()
    {
        var id = await fx.Clients["ncsc-analyst"].ImportAsync(ApiTestClient.RealAdvisory("icsa-24-011-10.json"), "GREEN", "org:ziekenhuis-rijnoever");
        var member = fx.Clients["rijnoever-member"];
        Assert.Equal(HttpStatusCode.NoContent, (await member.PostAsync($"/api/v1/items/{id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await member.PostAsJsonAsync($"/api/v1/items/{id}/acknowledge", new { reason = "gezien" })).StatusCode);
        Assert.Equal("Acknowledged", await StatusAsync(member, id));
        Assert.Equal(HttpStatusCode.NoContent, (await member.PostAsync($"/api/v1/items/{id}/action-taken", null)).StatusCode);
        Assert.Equal("ActionTaken", await StatusAsync(member, id));

        using var noReason = await member.PostAsJsonAsync($"/api/v1/items/{id}/not-relevant", new { reason = " " });
        await ApiTestClient.AssertProblemAsync(noReason, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await member.PostAsJsonAsync($"/api/v1/items/{id}/not-relevant", new { reason = "Geen SCADA in huis." })).StatusCode);
        var item = await member.GetJsonAsync($"/api/v1/items/{id}");
        Assert.Equal("NotRelevant", item.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Equal("Geen SCADA in huis.", item.GetProperty("delivery").GetProperty("notRelevantReason").GetString());

        // The publisher holds no delivery; another organisation cannot see it; an unknown id is the same 404.
        await ApiTestClient.AssertProblemAsync(await fx.Clients["ncsc-analyst"].PostAsync($"/api/v1/items/{id}/acknowledge", null), HttpStatusCode.NotFound);
        await ApiTestClient.AssertProblemAsync(await fx.Clients["gemeente-member"].PostAsync($"/api/v1/items/{id}/acknowledge", null), HttpStatusCode.NotFound);
        await ApiTestClient.AssertProblemAsync(await member.PostAsync($"/api/v1/items/{Guid.NewGuid()}/acknowledge", null), HttpStatusCode.NotFound);
        await ApiTestClient.AssertProblemAsync(await fx.Anonymous.PostAsync($"/api/v1/items/{id}/acknowledge", null), HttpStatusCode.Unauthorized);
    }

    [DataFact]
    public async Task GetDocument_SameLabel_OriginalBytesWithHashAndFileName()
    {
        var path = ApiTestClient.RealAdvisory("rhsa-2021_5186.json");
        var id = await fx.Clients["ncsc-analyst"].ImportAsync(path, null, "sector:health");
        using var response = await fx.Anonymous.GetAsync($"/api/v1/items/{id}/document");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(await File.ReadAllBytesAsync(path), bytes);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rhsa-2021_5186.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", response.Headers.ETag?.Tag);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", response.Headers.GetValues("Repr-Digest").Single());
    }

    [DataTheory]
    [InlineData("GREEN", "GREEN", false)]
    [InlineData("AMBER", "AMBER", false)]
    [InlineData("AMBER+STRICT", "AMBER", true)]
    public async Task GetDocument_StricterLabel_RelabelledCopy(string tlp, string csafLabel, bool strictText)
    {
        var file = tlp switch { "GREEN" => "va-24-201-01.json", "AMBER" => "va-24-254-01.json", _ => "va-24-254-02.json" };
        var path = ApiTestClient.RealAdvisory(file);
        var id = await fx.Clients["z-cert-analyst"].ImportAsync(path, tlp, "constituency:z-cert");
        using var response = await fx.Clients["rijnoever-member"].GetAsync($"/api/v1/items/{id}/document");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var copy = JsonNode.Parse(bytes)!;
        var original = JsonNode.Parse(await File.ReadAllBytesAsync(path))!;
        Assert.Equal(csafLabel, copy["document"]!["distribution"]!["tlp"]!["label"]!.GetValue<string>());
        var text = copy["document"]!["distribution"]!["text"]!.GetValue<string>();
        Assert.Equal(strictText, text.Contains("AMBER+STRICT", StringComparison.Ordinal));
        Assert.StartsWith($"TLP:{tlp} (TLP 2.0)", text); // the copy's own handling comes first, before the superseded original text
        // Everything but the distribution is kept.
        copy["document"]!.AsObject().Remove("distribution");
        original["document"]!.AsObject().Remove("distribution");
        Assert.True(JsonNode.DeepEquals(original, copy));
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", response.Headers.ETag?.Tag);
        await ApiTestClient.AssertProblemAsync(await fx.Anonymous.GetAsync($"/api/v1/items/{id}/document"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetItem_UnknownId_404Problem()
    {
        await ApiTestClient.AssertProblemAsync(await fx.Clients["ncsc-analyst"].GetAsync($"/api/v1/items/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ApiTestClient.AssertProblemAsync(await fx.Anonymous.GetAsync("/api/v1/items/not-a-guid"), HttpStatusCode.NotFound);
    }

    private static async Task<string?> StatusAsync(HttpClient client, Guid id)
    {
        var inbox = await client.GetJsonAsync("/api/v1/inbox?pageSize=500");
        return inbox.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id).GetProperty("status").GetString();
    }
}
