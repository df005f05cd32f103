using System.Net;
using System.Net.Http.Json;
using Schakel.Features.Sharing;
using Schakel.Tests.Features.Api;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Sharing;

/// <summary><c>/api/v1/relays</c>, <c>/api/v1/items/{id}/relay</c>, <c>/api/v1/relays/overview</c> and <c>/api/v1/relay-policy</c> over HTTP with tokens.</summary>
public sealed class RelayApiTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private SchakelFactory Factory => fixture.Factory;

    [DataFact]
    public async Task Relay_PendingThenPosted_ListedPendingThenDoneAndMemberReceives()
    {
        await WebSession.ReviewAmberRelaysAsync(Factory, "z-cert");
        var id = await WebSession.ImportAsync(Factory, "cisa/IT/white/2024/va-24-262-01.json", "ncsc", Tlp.Amber, "sector:health");
        var zcert = await Factory.ClientForAsync("analist@z-cert.example.nl");

        var pending = await zcert.GetJsonAsync("/api/v1/relays");
        var row = pending.EnumerateArray().Single(r => r.GetProperty("itemId").GetGuid() == id);
        Assert.Equal("Pending", row.GetProperty("status").GetString());
        Assert.True(row.GetProperty("members").GetInt32() >= 6);

        using var badLabel = await zcert.PostAsJsonAsync($"/api/v1/items/{id}/relay", new { tlp = "GREEN" });
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);
        Assert.Contains("LabelLooser", await badLabel.Content.ReadAsStringAsync());

        using var relayed = await zcert.PostAsJsonAsync($"/api/v1/items/{id}/relay", new { note = "Handelingsperspectief: patchen.", tlp = "AMBER" });
        Assert.Equal(HttpStatusCode.OK, relayed.StatusCode);
        using var again = await zcert.PostAsJsonAsync($"/api/v1/items/{id}/relay", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("NoPendingRelay", await again.Content.ReadAsStringAsync());

        var done = await zcert.GetJsonAsync("/api/v1/relays");
        Assert.Equal("Done", done.EnumerateArray().Single(r => r.GetProperty("itemId").GetGuid() == id).GetProperty("status").GetString());
        var hospital = await Factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        Assert.Equal(HttpStatusCode.OK, (await hospital.GetAsync($"/api/v1/items/{id}")).StatusCode);
    }

    [DataFact]
    public async Task Relay_MemberOrUnseenItem_RefusedWithoutRelaying()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-011-03.json", "ncsc", Tlp.Amber, "org:z-cert");
        var hospital = await Factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        using var unseen = await hospital.PostAsJsonAsync($"/api/v1/items/{id}/relay", new { });
        Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);

        var zcert = await Factory.ClientForAsync("analist@z-cert.example.nl");
        using var nothing = await zcert.PostAsJsonAsync($"/api/v1/items/{id}/relay", new { });
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);

        using var cookieLess = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookieLess.PostAsJsonAsync($"/api/v1/items/{id}/relay", new { })).StatusCode);
    }

    [DataFact]
    public async Task Overview_CoordinatorAndDirectorOnly_ListsUnreachableMembers()
    {
        await WebSession.ReviewAmberRelaysAsync(Factory, "z-cert");
        await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-016-01.json", "ncsc", Tlp.Amber, "sector:health");
        var ncsc = await Factory.ClientForAsync("analist@ncsc.example.nl");

        var overview = await ncsc.GetJsonAsync("/api/v1/relays/overview");

        var zcert = overview.GetProperty("organisations").EnumerateArray().Single(o => o.GetProperty("organisation").GetString() == "z-cert");
        Assert.True(zcert.GetProperty("pending").GetInt32() >= 1);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, zcert.GetProperty("oldestPending").ValueKind);
        Assert.True(zcert.GetProperty("oldestPendingAgeSeconds").GetInt64() >= 0); // the age the coordinator asks about
        Assert.Contains(overview.GetProperty("unreachable").EnumerateArray(), u => u.GetProperty("organisation").GetString() == "huisartsenpraktijk-de-linde"
            && u.GetProperty("reason").GetString() == "NoBasisNoLinkingOrganisation");
        var director = await Factory.ClientForAsync("regie@nctv.example.nl");
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/api/v1/relays/overview")).StatusCode);
        var linking = await Factory.ClientForAsync("analist@z-cert.example.nl");
        Assert.Equal(HttpStatusCode.Forbidden, (await linking.GetAsync("/api/v1/relays/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ncsc.GetAsync("/api/v1/relays/overview?status=x")).StatusCode);
    }

    [Fact]
    public async Task Policy_GetPutAndRefusals()
    {
        var surf = await Factory.ClientForAsync("analist@surfcert.example.nl");
        var initial = await surf.GetJsonAsync("/api/v1/relay-policy");
        // Automatic unless chosen otherwise.
        Assert.Equal("automatic", initial.GetProperty("AMBER").GetString());
        Assert.Equal("automatic", initial.GetProperty("GREEN").GetString());

        using var put = await surf.PutAsJsonAsync("/api/v1/relay-policy", new Dictionary<string, string> { ["AMBER"] = "review" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("review", (await surf.GetJsonAsync("/api/v1/relay-policy")).GetProperty("AMBER").GetString());
        Assert.Equal("automatic", (await surf.GetJsonAsync("/api/v1/relay-policy")).GetProperty("GREEN").GetString());

        using var strict = await surf.PutAsJsonAsync("/api/v1/relay-policy", new Dictionary<string, string> { ["AMBER+STRICT"] = "automatic" });
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        using var value = await surf.PutAsJsonAsync("/api/v1/relay-policy", new Dictionary<string, string> { ["GREEN"] = "sometimes" });
        Assert.Equal(HttpStatusCode.BadRequest, value.StatusCode);

        var member = await Factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/relay-policy")).StatusCode);
        using var memberPut = await member.PutAsJsonAsync("/api/v1/relay-policy", new Dictionary<string, string> { ["AMBER"] = "review" });
        Assert.Equal(HttpStatusCode.Forbidden, memberPut.StatusCode);
    }
}
