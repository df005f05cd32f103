using System.Net;
using Schakel.Tests.Features.Visibility;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Api;

/// <summary><c>GET /api/v1/inbox</c>: paging, filters, order, UTC times, and 400 naming the parameter for bad values.</summary>
public sealed class InboxApiTests(VisibilityFixture fx) : IClassFixture<VisibilityFixture>
{
    [Theory]
    [InlineData("page", "0")]
    [InlineData("page", "x")]
    [InlineData("pageSize", "0")]
    [InlineData("pageSize", "501")]
    [InlineData("tlp", "PURPLE")]
    [InlineData("tlp", "WHITE")]
    [InlineData("status", "Done")]
    [InlineData("status", "7")]
    [InlineData("sector", "no-such-sector")]
    [InlineData("from", "2024-05-01")]
    [InlineData("from", "2024-05-01T10:00:00")]
    [InlineData("to", "yesterday")]
    public async Task GetInbox_BadParameter_400NamingIt(string name, string value)
    {
        using var response = await fx.Clients["rijnoever-member"].GetAsync($"/api/v1/inbox?{name}={Uri.EscapeDataString(value)}");
        var problem = await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(name, problem.GetProperty("invalidParams")[0].GetProperty("name").GetString());
        Assert.StartsWith(name + ":", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetInbox_Anonymous_401Problem()
    {
        using var response = await fx.Anonymous.GetAsync("/api/v1/inbox");
        await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [DataFact]
    public async Task GetInbox_ThreeItems_PagedNewestFirstFilteredWithUtcTimes()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ncsc = fx.Clients["ncsc-analyst"];
        var first = await ncsc.ImportAsync(ApiTestClient.RealAdvisory("va-24-201-01.json"), "GREEN", "sector:municipalities");
        var second = await ncsc.ImportAsync(ApiTestClient.RealAdvisory("va-24-254-01.json"), "AMBER", "org:gemeente-veldhoven-aan-zee");
        var third = await ncsc.ImportAsync(ApiTestClient.RealAdvisory("va-24-254-02.json"), "GREEN", "constituency:ibd");
        var gemeente = fx.Clients["gemeente-member"];

        var page1 = await gemeente.GetJsonAsync("/api/v1/inbox?pageSize=2");
        Assert.Equal(3, page1.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, page1.GetProperty("pageSize").GetInt32());
        Assert.Equal([third, second], page1.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        var page2 = await gemeente.GetJsonAsync("/api/v1/inbox?pageSize=2&page=2");
        Assert.Equal([first], page2.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal(2, page2.GetProperty("page").GetInt32());

        var row = page2.GetProperty("items")[0];
        Assert.Equal("GREEN", row.GetProperty("tlp").GetString());
        Assert.Equal("Delivered", row.GetProperty("status").GetString());
        Assert.Equal("VA-24-201-01", row.GetProperty("trackingId").GetString());
        Assert.Equal("ncsc", row.GetProperty("publisher").GetString());
        Assert.Equal("Advisory", row.GetProperty("kind").GetString());
        Assert.False(row.GetProperty("updated").GetBoolean());
        Assert.EndsWith("Z", row.GetProperty("publishedAt").GetString());

        Assert.Equal([second], Ids(await gemeente.GetJsonAsync("/api/v1/inbox?tlp=AMBER")));
        Assert.Equal([first], Ids(await gemeente.GetJsonAsync("/api/v1/inbox?sector=municipalities")));
        await gemeente.GetJsonAsync($"/api/v1/items/{second}/document");
        await gemeente.PostAsync($"/api/v1/items/{third}/acknowledge", null);
        Assert.Equal([second], Ids(await gemeente.GetJsonAsync("/api/v1/inbox?status=Read")));
        Assert.Equal([third], Ids(await gemeente.GetJsonAsync("/api/v1/inbox?status=acknowledged")));
        var from = Uri.EscapeDataString(before.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz"));
        Assert.Equal(3, (await gemeente.GetJsonAsync($"/api/v1/inbox?from={from}")).GetProperty("totalCount").GetInt32());
        Assert.Equal(0, (await gemeente.GetJsonAsync($"/api/v1/inbox?to={Uri.EscapeDataString(before.ToString("O"))}")).GetProperty("totalCount").GetInt32());
    }

    private static List<Guid> Ids(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
}
