using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Web;

/// <summary>A refusal by a sharing rule is shown in the page's language, from the resource files.</summary>
public sealed class PublishRuleMessagesTests(SchakelFactory factory) : IClassFixture<SchakelFactory>
{
    [DataTheory]
    [InlineData("nl", "Het document is TLP:AMBER; een label mag strenger worden, nooit ruimer.")]
    [InlineData("en", "The document is TLP:AMBER; a label may be made stricter, never looser.")]
    public async Task Publish_LooserLabelThanDocument_RefusedInPageLanguage(string culture, string expected)
    {
        var session = await WebSession.SignInAsync(factory, "analist@ncsc.example.nl");
        await session.Client.GetAsync($"/culture?c={culture}&returnUrl=/publish");
        var doc = JsonNode.Parse(await File.ReadAllBytesAsync(TestEnvironment.Data("csaf", "advisories", "cisa", "OT", "white", "2024", "icsa-24-030-01.json")))!;
        doc["document"]!["distribution"]!["tlp"]!["label"] = "AMBER";
        var before = await factory.WithDbAsync((db, _) => db.Advisories.CountAsync());

        var token = await session.TokenAsync("/publish");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("GREEN"), "Label" },
            { new StringContent("publish"), "Action" },
            { new StringContent("health"), "Audience.Sectors" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(doc.ToJsonString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "Document", "advisory.json");
        var response = await session.Client.PostAsync("/publish", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(expected), await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await factory.WithDbAsync((db, _) => db.Advisories.CountAsync()));
    }
}
