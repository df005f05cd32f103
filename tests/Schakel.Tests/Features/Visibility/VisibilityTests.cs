using System.Net;
using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Tests.Features.Api;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Visibility;

/// <summary>
/// For every TLP and every audience kind: a real CSAF advisory is published over the REST API, and for a person in
/// each relevant organisation the inbox (contents and totalCount) and <c>GET /api/v1/items/{id}</c> (200 or 404) are
/// checked against the rules of DESIGN.md section 3. Each TLP imports its five documents once.
/// </summary>
public sealed class VisibilityTests(VisibilityFixture fx) : IClassFixture<VisibilityFixture>
{
    /// <summary>
    /// An audience case: who publishes, what it addresses, and which organisations that reaches — for AMBER+STRICT
    /// separately, because the coordinator reaches members without a Wbni basis (Rijnoever, the municipality and the
    /// water board) only by relay, and AMBER+STRICT cannot be relayed (docs/sharing-rules.md rule 5). A relay also gives
    /// the member's linking organisation (Z-CERT for Rijnoever) a relay delivery.
    /// </summary>
    private sealed record Case(string Publisher, string Audience, string[] Reached, string[] ReachedAmberStrict)
    {
        public string[] For(string tlp) => tlp == "AMBER+STRICT" ? ReachedAmberStrict : Reached;
    }

    private static readonly Case[] Cases =
    [
        // network: every active organisation but the publisher; the director too.
        new("ncsc-analyst", "network", ["nctv", "z-cert", "ziekenhuis-rijnoever", "gemeente-veldhoven-aan-zee", "waterschap-lage-landen"], ["nctv", "z-cert"]),
        // sector: every organisation with the sector, linking organisations included.
        new("ncsc-analyst", "sector:health", ["z-cert", "ziekenhuis-rijnoever"], ["z-cert"]),
        new("ncsc-analyst", "org:ziekenhuis-rijnoever", ["z-cert", "ziekenhuis-rijnoever"], []),
        // constituency: the members, never the linking organisation itself (it holds only the relay delivery).
        new("ncsc-analyst", "constituency:z-cert", ["z-cert", "ziekenhuis-rijnoever"], []),
        // a linking organisation addressing its own constituency: direct, for every label.
        new("z-cert-analyst", "constituency:z-cert", ["ziekenhuis-rijnoever"], ["ziekenhuis-rijnoever"]),
    ];

    public static TheoryData<string, int> Labels => new() { { "CLEAR", 0 }, { "GREEN", 1 }, { "AMBER", 2 }, { "AMBER+STRICT", 3 } };

    [DataTheory]
    [MemberData(nameof(Labels))]
    public async Task Publish_EveryAudienceKind_OnlyAudienceSeesItAndCountsIt(string tlp, int run)
    {
        var documents = ApiTestClient.RealAdvisories();
        Assert.True(documents.Count >= Labels.Count * Cases.Length, $"{documents.Count} real advisories; need {Labels.Count * Cases.Length}");
        var published = new List<(Case Case, Guid Id)>();
        for (var i = 0; i < Cases.Length; i++)
        {
            var c = Cases[i];
            published.Add((c, await fx.Clients[c.Publisher].ImportAsync(documents[run * Cases.Length + i], tlp, c.Audience)));
        }

        var isClear = tlp == "CLEAR";
        foreach (var (person, (_, org)) in VisibilityFixture.People)
        {
            var client = fx.Clients[person];
            var expectedInbox = published.Where(p => p.Case.For(tlp).Contains(org)).Select(p => p.Id).ToHashSet();
            var inbox = await client.GetJsonAsync($"/api/v1/inbox?pageSize=500&tlp={Uri.EscapeDataString(tlp)}");
            var ids = inbox.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToHashSet();
            Assert.True(expectedInbox.SetEquals(ids), $"{tlp}: inbox of {person} holds {ids.Count} items, expected {expectedInbox.Count}");
            Assert.Equal(expectedInbox.Count, inbox.GetProperty("totalCount").GetInt32());
            Assert.All(inbox.GetProperty("items").EnumerateArray(), e => Assert.Equal(tlp, e.GetProperty("tlp").GetString()));

            foreach (var (c, id) in published)
            {
                var publisherOrg = VisibilityFixture.People[c.Publisher].Org;
                var mayRead = isClear || c.For(tlp).Contains(org) || publisherOrg == org;
                using var response = await client.GetAsync($"/api/v1/items/{id}");
                Assert.True(response.StatusCode == (mayRead ? HttpStatusCode.OK : HttpStatusCode.NotFound),
                    $"{tlp} {c.Audience} by {c.Publisher}: {person} got {(int)response.StatusCode}");
            }
        }

        foreach (var (c, id) in published)
        {
            using var response = await fx.Anonymous.GetAsync($"/api/v1/items/{id}");
            Assert.True(response.StatusCode == (isClear ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{tlp} {c.Audience}: anonymous got {(int)response.StatusCode}");
        }

        using (var anonymousInbox = await fx.Anonymous.GetAsync("/api/v1/inbox"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousInbox.StatusCode);
        }

        // The deactivated organisation is in every one of these audiences, yet gets no delivery.
        var ids2 = published.Select(p => p.Id).ToList();
        var deactivatedDeliveries = await fx.Factory.WithDbAsync((db, _) =>
            db.Deliveries.CountAsync(d => ids2.Contains(d.ItemId) && d.RecipientOrganisation.Key == VisibilityFixture.Deactivated));
        Assert.Equal(0, deactivatedDeliveries);
        var labels = await fx.Factory.WithDbAsync((db, _) => db.Items.Where(i => ids2.Contains(i.Id)).Select(i => i.Tlp).Distinct().ToListAsync());
        Assert.Equal([(Schakel.Features.Sharing.Tlp)run], labels);
    }
}
