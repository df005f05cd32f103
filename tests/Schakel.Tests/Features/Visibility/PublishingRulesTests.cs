using System.Net;
using Schakel.Tests.Features.Api;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Visibility;

/// <summary>
/// What may not be published, and drafts: RED is refused, audiences the label or the publisher does not allow are
/// refused, only analysts of the coordinator and linking organisations publish, and a draft is seen by the publishing
/// organisation's analysts only.
/// </summary>
public sealed class PublishingRulesTests(VisibilityFixture fx) : IClassFixture<VisibilityFixture>
{
    private static string Bsi => ApiTestClient.RealAdvisory("bsi-2022-0001.json");

    [DataFact]
    public async Task PostAdvisory_Red_Refused400()
    {
        using var response = await fx.Clients["ncsc-analyst"].PostAdvisoryAsync(Bsi, "RED", "network");
        var problem = await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("RED", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await fx.Factory.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Advisories,
            a => a.TrackingId == "BSI-2022-0001")));
    }

    [DataTheory]
    [InlineData("ncsc-analyst", "GREEN", "person:ict@ziekenhuis-rijnoever.example.nl")]
    [InlineData("ncsc-analyst", "AMBER", "person:ict@ziekenhuis-rijnoever.example.nl")]
    [InlineData("z-cert-analyst", "AMBER", "constituency:ibd")]
    [InlineData("z-cert-analyst", "GREEN", "constituency:surfcert")]
    [InlineData("ncsc-analyst", "GREEN", "constituency:ziekenhuis-rijnoever")]
    [InlineData("ncsc-analyst", "GREEN", "org:" + VisibilityFixture.Deactivated)]
    [InlineData("ncsc-analyst", "GREEN", "sector:no-such-sector")]
    public async Task PostAdvisory_AudienceNotAllowed_Refused400WithErrors(string publisher, string tlp, string audience)
    {
        using var response = await fx.Clients[publisher].PostAdvisoryAsync(ApiTestClient.RealAdvisory("va-24-262-01.json"), tlp, audience);
        var problem = await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(0, await fx.Factory.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Advisories,
            a => a.TrackingId == "VA-24-262-01")));
    }

    [DataTheory]
    [InlineData("rijnoever-member")]
    [InlineData("ncsc-reader")]
    [InlineData("nctv-director")]
    public async Task PostAdvisory_NotAnAnalystOfCoordinatorOrLinking_Forbidden403(string person)
    {
        using var response = await fx.Clients[person].PostAdvisoryAsync(Bsi, "GREEN", "network");
        await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [DataFact]
    public async Task PostAdvisory_Anonymous_Unauthorized401()
    {
        using var response = await fx.Anonymous.PostAdvisoryAsync(Bsi, "GREEN", "network");
        await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [DataFact]
    public async Task PostAdvisory_NoAudience_DraftSeenByPublisherAnalystsOnly()
    {
        // A CLEAR draft: even the public label does not make a draft public.
        var id = await fx.Clients["ncsc-analyst"].ImportAsync(ApiTestClient.RealAdvisory("icsa-24-004-01.json"), null);
        var item = await fx.Clients["ncsc-analyst"].GetJsonAsync($"/api/v1/items/{id}");
        Assert.Equal("Draft", item.GetProperty("status").GetString());
        Assert.Equal("CLEAR", item.GetProperty("tlp").GetString());

        foreach (var person in new[] { "ncsc-reader", "nctv-director", "z-cert-analyst", "rijnoever-member" })
        {
            await fx.Clients[person].GetJsonAsync($"/api/v1/items/{id}", HttpStatusCode.NotFound);
            var inbox = await fx.Clients[person].GetJsonAsync("/api/v1/inbox?pageSize=500");
            Assert.DoesNotContain(inbox.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        }

        using var anonymous = await fx.Anonymous.GetAsync($"/api/v1/items/{id}");
        await ApiTestClient.AssertProblemAsync(anonymous, HttpStatusCode.NotFound);
        using var document = await fx.Anonymous.GetAsync($"/api/v1/items/{id}/document");
        await ApiTestClient.AssertProblemAsync(document, HttpStatusCode.NotFound);
    }
}
