using System.Net;
using System.Text.Json;
using Schakel.Tests.Features.Visibility;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Api;

/// <summary><c>/api/v1/organisations</c>: the directory for every signed-in caller; contact details only where DESIGN.md section 1 allows.</summary>
public sealed class OrganisationApiTests(VisibilityFixture fx) : IClassFixture<VisibilityFixture>
{
    [Fact]
    public async Task ListOrganisations_Member_DirectoryWithKeysAndOwnContactOnly()
    {
        var list = (await fx.Clients["rijnoever-member"].GetJsonAsync("/api/v1/organisations")).EnumerateArray().ToList();
        Assert.True(list.Count >= 50, $"{list.Count} organisations");
        Assert.DoesNotContain(list, o => o.GetProperty("key").GetString() == VisibilityFixture.Deactivated);
        var own = list.Single(o => o.GetProperty("key").GetString() == "ziekenhuis-rijnoever");
        Assert.Equal("Member", own.GetProperty("type").GetString());
        Assert.Equal(["health"], own.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("NL-ZH", own.GetProperty("region").GetString());
        Assert.Equal(["z-cert"], own.GetProperty("linkingOrganisations").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("security@ziekenhuis-rijnoever.example.nl", own.GetProperty("contact").GetProperty("email").GetString());
        var withContact = list.Where(o => o.GetProperty("contact").ValueKind != JsonValueKind.Null).Select(o => o.GetProperty("key").GetString()).ToList();
        Assert.Equal(["ziekenhuis-rijnoever"], withContact);
        var zcert = list.Single(o => o.GetProperty("key").GetString() == "z-cert");
        Assert.Equal("CERT", zcert.GetProperty("designation").GetString());
    }

    [Theory]
    [InlineData("z-cert-analyst", "ziekenhuis-rijnoever", true)]
    [InlineData("z-cert-analyst", "gemeente-veldhoven-aan-zee", false)]
    [InlineData("ncsc-reader", "gemeente-veldhoven-aan-zee", true)]
    [InlineData("nctv-director", "gemeente-veldhoven-aan-zee", false)]
    [InlineData("gemeente-member", "ibd", false)]
    public async Task GetOrganisation_ContactOnlyForItselfLinkingOrCoordinator(string person, string key, bool contact)
    {
        var org = await fx.Clients[person].GetJsonAsync($"/api/v1/organisations/{key}");
        Assert.Equal(key, org.GetProperty("key").GetString());
        Assert.Equal(contact, org.GetProperty("contact").ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task GetOrganisation_UnknownOrAnonymous_404Or401Problem()
    {
        await ApiTestClient.AssertProblemAsync(await fx.Clients["gemeente-member"].GetAsync("/api/v1/organisations/no-such-org"), HttpStatusCode.NotFound);
        await ApiTestClient.AssertProblemAsync(await fx.Clients["gemeente-member"].GetAsync($"/api/v1/organisations/{VisibilityFixture.Deactivated}"), HttpStatusCode.NotFound);
        await ApiTestClient.AssertProblemAsync(await fx.Anonymous.GetAsync("/api/v1/organisations"), HttpStatusCode.Unauthorized);
    }
}
