using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Federation;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Stix.Markings;
using Schakel.Stix.Tests.Taxii;
using Schakel.Tests.Features.Network;
using static Schakel.Tests.Features.Federation.SourceObjects;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// <c>/admin/taxii-subscriptions</c> (issue 5: "a node can subscribe to a collection on another node (URL, credentials, the
/// highest TLP it accepts)"; docs/federation.md): the platform administrator adds a subscription with a token (stored
/// protected, as the command line does), sees URL, collection, label, audience, cursor, last run and last error, runs it now
/// (TAXII 2.1 section 5.4 with the stored credentials, section 8.5 bearer), disables and removes it. Who may open it is the
/// authorisation matrix's.
/// </summary>
public sealed class TaxiiSubscriptionsPageTests
{
    private const string Admin = "beheer@ncsc.example.nl";
    private const string Page = "/admin/taxii-subscriptions";
    private const string Token = "geheim-token-van-de-bron";

    [Fact]
    public async Task Page_PlatformAdmin_AddWithTokenThenRunFailsThenRunsThenDisableAndRemove()
    {
        await using var server = await CannedTaxiiServer.StartAsync(Entries(0,
            Indicator(Item(StixTlp.Green, "Groen"), "2024-01-01T00:00:00.000Z", marking: TlpMarkings.Tlp2Green),
            Indicator(Item(StixTlp.Amber, "Amber"), "2024-01-01T00:00:00.000Z")));
        server.RequiredAuthorization = "Bearer " + Token;
        using var node = new FederationNode();
        var client = await node.ClientForAsync(Admin);

        var added = await PostAndFollowAsync(client, Page, ("Url", server.Discovery.ToString()), ("Collection", "hvi"), ("Token", Token),
            ("MaxTlp", "Amber"), ("Audience", "org:z-cert"), ("IntervalMinutes", "30"));
        var list = added;
        Assert.Contains("Het abonnement is toegevoegd.", list, StringComparison.Ordinal);
        Assert.Contains($"<code>{server.ApiRoot.AbsoluteUri}</code>", list, StringComparison.Ordinal);
        Assert.Contains($"<code>{CannedTaxiiServer.CollectionId}</code>", list, StringComparison.Ordinal);
        Assert.Contains("TLP:AMBER", list, StringComparison.Ordinal);
        Assert.Contains("org:z-cert", list, StringComparison.Ordinal);
        Assert.Contains("elke 30 minuten; actief", list, StringComparison.Ordinal);
        Assert.Contains("Token beschermd opgeslagen", list, StringComparison.Ordinal);
        Assert.Contains("Nog niet", list, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, list, StringComparison.Ordinal);

        // Stored protected: not the token as text, and the stored credentials give it back (bearer, no user).
        var (id, stored, credentials) = await node.WithDbAsync(async (db, sp) =>
        {
            var s = await db.Set<TaxiiSubscription>().SingleAsync();
            return (s.Id, s.ProtectedToken, sp.GetRequiredService<TaxiiSubscriptionService>().TargetOf(s).Credentials);
        });
        Assert.NotNull(stored);
        Assert.DoesNotContain(Token, stored, StringComparison.Ordinal);
        Assert.Equal("Bearer " + Token, credentials!.Header.ToString());

        // Run now while the source fails: the last error is shown with the failures in a row.
        server.FailObjectsRequest = 1;
        var failed = await PostAndFollowAsync(client, Page + "?handler=run", ("id", id.ToString()));
        Assert.Contains("Ophalen liep niet helemaal goed:", failed, StringComparison.Ordinal);
        Assert.Contains("Laatste fout (1 mislukte runs op rij): Pages 0", failed, StringComparison.Ordinal);
        Assert.Contains("Stopped: ", failed, StringComparison.Ordinal);
        Assert.Contains("503", failed, StringComparison.Ordinal);

        // Run now again: the stored token is sent (the server refuses any other), both items arrive, the cursor is shown as sent.
        var ran = await PostAndFollowAsync(client, Page + "?handler=run", ("id", id.ToString()));
        Assert.Contains("Opgehaald:", ran, StringComparison.Ordinal);
        Assert.Contains("items created 2", ran, StringComparison.Ordinal);
        Assert.Contains($"<code>{server.Entries[^1].DateAdded}</code>", ran, StringComparison.Ordinal);
        Assert.Contains("In orde:", ran, StringComparison.Ordinal);
        Assert.Equal(2, (await node.PulledAsync()).Count);

        var disabled = await PostAndFollowAsync(client, Page + "?handler=toggle", ("id", id.ToString()), ("enable", "false"));
        Assert.Contains("Het abonnement is uitgeschakeld.", disabled, StringComparison.Ordinal);
        Assert.Contains("elke 30 minuten; uitgeschakeld", disabled, StringComparison.Ordinal);
        Assert.False(await node.WithDbAsync((db, _) => db.Set<TaxiiSubscription>().Where(s => s.Id == id).Select(s => s.Enabled).SingleAsync()));

        var english = await PageForms.HtmlAsync(await client.GetAsync(Page + "?culture=en"));
        Assert.Contains("<h1 class=\"nl-heading nl-heading--level-1\">TAXII subscriptions</h1>", english, StringComparison.Ordinal);
        Assert.Contains("every 30 minutes; disabled", english, StringComparison.Ordinal);

        var removed = await PostAndFollowAsync(client, Page + "?handler=remove", ("id", id.ToString()));
        Assert.Contains("Het abonnement is verwijderd; opgehaalde items blijven bestaan.", removed, StringComparison.Ordinal);
        Assert.Contains("Er zijn nog geen TAXII-abonnementen.", removed, StringComparison.Ordinal);
        Assert.Equal(0, await node.WithDbAsync((db, _) => db.Set<TaxiiSubscription>().CountAsync()));
        Assert.Equal(2, (await node.PulledAsync()).Count);
    }

    /// <summary>Posts a form of the page and follows the redirect back to the list (the client does not follow redirects itself).</summary>
    private static async Task<string> PostAndFollowAsync(HttpClient client, string postUrl, params (string Name, string Value)[] fields)
    {
        var response = await PageForms.PostAsync(client, Page, postUrl, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Page, response.Headers.Location!.OriginalString);
        return await PageForms.HtmlAsync(await client.GetAsync(Page));
    }

    [Fact]
    public async Task Post_RefusedSourceAndRedLabel_400WithTheProblemsAndTheTokenNotEchoed()
    {
        using var node = new FederationNode();
        var client = await node.ClientForAsync(Admin);
        var response = await PageForms.PostAsync(client, Page, ("Url", "http://taxii.example.org/taxii2/"), ("Collection", "inbox"), ("Token", Token),
            ("MaxTlp", nameof(Tlp.Red)), ("Audience", "person:ict@ziekenhuis-rijnoever.example.nl"), ("IntervalMinutes", "15"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await PageForms.HtmlAsync(response);
        Assert.Contains("URL: give the https URL of a TAXII discovery resource", html, StringComparison.Ordinal);
        Assert.Contains("RED is for named people and never federates", html, StringComparison.Ordinal);
        Assert.Contains("Audience 'person:ict@ziekenhuis-rijnoever.example.nl'", html, StringComparison.Ordinal);
        Assert.Contains("value=\"http://taxii.example.org/taxii2/\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, html, StringComparison.Ordinal);
        Assert.Equal(0, await node.WithDbAsync((db, _) => db.Set<TaxiiSubscription>().CountAsync()));
    }
}
