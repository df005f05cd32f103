using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Web;

public sealed partial class PublishedPageTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private const string DraftTitle = "Emerson Rosemount";
    private const string PublishedTitle = "Rapid Software LLC Rapid SCADA";

    private SchakelFactory Factory => fixture.Factory;

    [Fact]
    public async Task Published_Anonymous_RedirectsToSignIn()
    {
        var response = await WebSession.Anonymous(Factory).Client.GetAsync("/published");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Published_MemberOrganisation_Returns404AndNoMenuItem()
    {
        var member = await WebSession.SignInAsync(Factory, "ict@ziekenhuis-rijnoever.example.nl");

        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/published")).StatusCode);
        Assert.DoesNotContain("href=\"/published\"", await member.Client.GetStringAsync("/inbox"));
    }

    [DataFact]
    public async Task Published_OwnItems_AnalystSeesDraftAndPublishedReaderAndOthersDoNot()
    {
        var (draftId, publishedId) = await ImportNcscItemsAsync();
        var deliveries = await Factory.WithDbAsync((db, _) => db.Deliveries.CountAsync(d => d.ItemId == publishedId));
        Assert.True(deliveries > 0);

        var analyst = await WebSession.SignInAsync(Factory, "analist@ncsc.example.nl");
        var html = await analyst.Client.GetStringAsync("/published");
        Assert.Contains("href=\"/published\"", html);
        Assert.Contains($"href=\"/items/{draftId}\"", html);
        Assert.Contains($"href=\"/items/{publishedId}\"", html);
        Assert.Contains(DraftTitle, html);
        Assert.Contains(PublishedTitle, html);
        Assert.Contains("Concept", RowOf(html, draftId));
        Assert.Contains("data-deliveries=\"0\"", RowOf(html, draftId));
        Assert.Contains("ICSA-24-011-03", RowOf(html, publishedId));
        Assert.Contains("TLP:GREEN", RowOf(html, publishedId));
        Assert.Contains($"data-deliveries=\"{deliveries}\"", RowOf(html, publishedId));

        // The status filter narrows the list.
        var drafts = await analyst.Client.GetStringAsync("/published?status=Draft");
        Assert.Contains(DraftTitle, drafts);
        Assert.DoesNotContain(PublishedTitle, drafts);
        Assert.Contains("href=\"#status\"", await analyst.Client.GetStringAsync("/published?status=Lost"));

        var reader = await WebSession.SignInAsync(Factory, "lezer@ncsc.example.nl");
        html = await reader.Client.GetStringAsync("/published");
        Assert.Contains("href=\"/published\"", html);
        Assert.Contains(PublishedTitle, html);
        Assert.DoesNotContain(DraftTitle, html);

        var zcert = await WebSession.SignInAsync(Factory, "analist@z-cert.example.nl");
        html = await zcert.Client.GetStringAsync("/published");
        Assert.DoesNotContain(PublishedTitle, html);
        Assert.DoesNotContain(DraftTitle, html);
        Assert.Contains("0 berichten", html);
    }

    private async Task<(Guid Draft, Guid Published)> ImportNcscItemsAsync()
    {
        var draft = await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-030-01.json", "ncsc", Tlp.Amber);
        var published = await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-011-03.json", "ncsc", Tlp.Green, "sector:health");
        return (draft, published);
    }

    /// <summary>The table row that links to the item.</summary>
    private static string RowOf(string html, Guid id) =>
        RowPattern().Matches(html).Select(m => m.Value).SingleOrDefault(r => r.Contains($"/items/{id}\"", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No row for {id}.");

    [GeneratedRegex("<tr class=\"utrecht-table__row\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();
}
