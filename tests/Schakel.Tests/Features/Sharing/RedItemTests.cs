using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Tests.Features.Api;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Sharing;

/// <summary>
/// TLP:RED goes to named people (DESIGN.md section 3): only the publishing person and the addressed persons see it —
/// not their colleagues, not organisation or platform administrators — and it is never passed on or relabelled.
/// </summary>
public sealed class RedItemTests(ChainFixture fx) : IClassFixture<ChainFixture>
{
    private const string Ncsc = "analist@ncsc.example.nl", Addressed = "ict@ziekenhuis-rijnoever.example.nl";

    [DataFact]
    public async Task PublishRed_ToPerson_OnlyPublisherAndAddresseeSeeIt()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "RED", "person:" + Addressed);

        Assert.NotNull(await fx[Ncsc].ItemOrNullAsync(id));
        var seen = (await fx[Addressed].ItemOrNullAsync(id))!.Value;
        Assert.Equal("RED", seen.GetProperty("tlp").GetString());
        foreach (var other in new[] { "lezer@ziekenhuis-rijnoever.example.nl", "beheer@ncsc.example.nl", "beheer@z-cert.example.nl", "analist@z-cert.example.nl", "regie@nctv.example.nl" })
        {
            Assert.Null(await fx[other].ItemOrNullAsync(id));
            var inbox = await fx[other].GetJsonAsync("/api/v1/inbox?pageSize=100");
            Assert.DoesNotContain(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        }

        // The colleague's count does not include it; the addressee's does.
        var colleague = await fx["lezer@ziekenhuis-rijnoever.example.nl"].GetJsonAsync("/api/v1/inbox?tlp=RED");
        Assert.Equal(0, colleague.GetProperty("totalCount").GetInt32());
        var addressee = await fx[Addressed].GetJsonAsync("/api/v1/inbox?tlp=RED");
        Assert.True(addressee.GetProperty("totalCount").GetInt32() >= 1);
    }

    [DataFact]
    public async Task RedItem_AuditRecordsHiddenFromOrganisationAuditorsShownToNodeAuditors()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "RED", "person:" + Addressed);
        Assert.NotNull(await fx[Addressed].ItemOrNullAsync(id)); // item.read by a person of the hospital
        await fx.Factory.Services.GetRequiredService<Schakel.Features.Audit.AuditLog>().FlushAsync();

        var hospitalAuditor = await fx.Factory.ClientForAsync("auditor@ziekenhuis-rijnoever.example.nl");
        var own = await hospitalAuditor.GetJsonAsync($"/api/v1/audit?item={id}");
        Assert.Equal(0, own.GetProperty("totalCount").GetInt32());
        var nodeAuditor = await fx.Factory.ClientForAsync("auditor@ncsc.example.nl");
        var all = await nodeAuditor.GetJsonAsync($"/api/v1/audit?item={id}");
        Assert.Contains(all.GetProperty("items").EnumerateArray(), r => r.GetProperty("action").GetString() == "item.read");
    }

    [DataFact]
    public async Task PublishRed_ToOrganisationAudience_RefusedAndNothingStored()
    {
        var before = await fx.Factory.WithDbAsync((db, _) => db.Items.CountAsync());
        using var response = await fx[Ncsc].PostAdvisoryAsync(fx.NextAdvisory(), "RED", "org:z-cert");
        var problem = await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("named people", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await fx.Factory.WithDbAsync((db, _) => db.Items.CountAsync()));
    }

    [DataFact]
    public async Task PublishRed_UnknownPerson_Refused()
    {
        using var response = await fx[Ncsc].PostAdvisoryAsync(fx.NextAdvisory(), "RED", "person:niemand@example.nl");
        var problem = await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("no active person", problem.GetProperty("detail").GetString());
    }

    [DataFact]
    public async Task RedItem_NeverForwardedOrRelabelled()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "RED", "person:analist@z-cert.example.nl");
        await fx["analist@z-cert.example.nl"].ForwardAsync(id, ["org:ziekenhuis-rijnoever"]).AssertRuleAsync(HttpStatusCode.BadRequest, "ForwardForbidden");
        await fx[Ncsc].RelabelAsync(id, "AMBER").AssertRuleAsync(HttpStatusCode.BadRequest, "RedNoRelabel");
        // A colleague of the publisher cannot even find it to retract it.
        await fx.Factory.CreatePersonAsync("tweede-analist@ncsc.example.nl", "ncsc", "Analyst");
        var other = await fx.Factory.ClientForAsync("tweede-analist@ncsc.example.nl");
        await other.RetractAsync(id, "weg ermee").AssertRuleAsync(HttpStatusCode.NotFound, "");
    }
}
