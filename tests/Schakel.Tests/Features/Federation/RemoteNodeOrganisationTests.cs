using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Federation;
using Schakel.Features.Sharing;
using Schakel.Stix.Tests.Taxii;
using Schakel.Tests.Features.Network;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// The node-local organisation that stands for another node (<c>Organisation.RemoteNode</c>, DESIGN.md section 3a and
/// issue 5: "pulled items are published by a node-local organisation representing the source node") publishes what its node
/// sends and receives nothing of this node's own audiences: it has no people and is no member of this network. It cannot be
/// addressed (<c>org:</c>, <c>constituency:</c>) and the organisation directory shows it as a node.
/// </summary>
public sealed class RemoteNodeOrganisationTests
{
    private static readonly Uri PeerApiRoot = new("https://peer.example.nl/taxii2/api/");

    /// <summary>The node-local organisation for <see cref="PeerApiRoot"/>, given the health sector and a Wbni basis of its own,
    /// so that only the remote-node rule keeps it from a direct delivery.</summary>
    private static Task<int> PeerAsync(FederationNode node) =>
        node.WithDbAsync(async (db, sp) =>
        {
            var (org, problem) = await sp.GetRequiredService<TaxiiSubscriptionService>().PublisherAsync(PeerApiRoot, null, CancellationToken.None);
            Assert.True(org is not null, problem);
            var tracked = await db.Organisations.SingleAsync(o => o.Id == org!.Id);
            tracked.Sectors = ["health"];
            tracked.WbniCategory = "designated-cert";
            await db.SaveChangesAsync();
            return tracked.Id;
        });

    [Fact]
    public async Task Publish_NetworkAndSectorAudiences_RemoteNodeOrganisationGetsNoDeliveryNorUnreachableRecord()
    {
        using var node = new FederationNode();
        var peer = await PeerAsync(node);

        var byNcsc = await node.ImportIndicatorAsync("netwerk", Tlp.Green, SourceObjects.NewId("indicator"), "2024-01-01T00:00:00.000Z", ["network"]);
        var byZcert = await node.ImportIndicatorAsync("zorg", Tlp.Green, SourceObjects.NewId("indicator"), "2024-01-01T00:00:00.000Z", ["sector:health"],
            email: FederationNode.ZcertAnalyst);

        var (deliveries, unreachable, others) = await node.WithDbAsync(async (db, _) => (
            await db.Deliveries.CountAsync(d => d.RecipientOrganisationId == peer),
            await db.UnreachableMembers.CountAsync(u => u.OrganisationId == peer),
            await db.Deliveries.CountAsync(d => (d.ItemId == byNcsc || d.ItemId == byZcert) && d.RecipientOrganisationId != peer)));
        Assert.Equal((0, 0), (deliveries, unreachable));
        Assert.True(others > 2, "the other organisations of the network and of the health sector do receive both items");
        Assert.True(await node.CanSeeAsync("ict@ziekenhuis-rijnoever.example.nl", byZcert), "a health organisation receives sector:health");
    }

    [Theory]
    [InlineData("org")]
    [InlineData("constituency")]
    public async Task CheckAudience_RemoteNodeOrganisationAddressed_RefusedWithRemoteNodeProblem(string kind)
    {
        using var node = new FederationNode();
        await PeerAsync(node);
        var nodeKey = TaxiiSubscriptionService.NodeKeyOf(PeerApiRoot);
        Assert.True(AudienceSpec.TryParse($"{kind}:{nodeKey}", out var audience, out var error), error);

        var problems = await node.WithDbAsync(async (db, sp) =>
        {
            var ncsc = await db.Organisations.SingleAsync(o => o.Key == "ncsc");
            return await sp.GetRequiredService<PublishingService>().CheckAudienceAsync(ncsc, Tlp.Green, [audience!]);
        });
        var problem = Assert.Single(problems);
        Assert.Equal("RemoteNode", problem.Code);
        Assert.Contains(PeerApiRoot.AbsoluteUri, problem.Message, StringComparison.Ordinal);

        // A subscription cannot publish to it either: the source is found, then the audience is refused.
        await using var server = await CannedTaxiiServer.StartAsync([]);
        var (target, refused) = await node.WithDbAsync((_, sp) => sp.GetRequiredService<TaxiiSubscriptionService>().ResolveAsync(
            new TaxiiSourceInput(server.Discovery.ToString(), "hvi", null, null, Tlp.Green, null, [$"{kind}:{nodeKey}"]), CancellationToken.None));
        Assert.Null(target);
        Assert.Contains(refused, p => p.StartsWith("Audience: ", StringComparison.Ordinal) && p.Contains("represents another Schakel node", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DirectoryAndOrganisationPage_RemoteNodeOrganisation_MarkedAsNodeInDutchAndEnglish()
    {
        using var node = new FederationNode();
        await PeerAsync(node);
        var nodeKey = TaxiiSubscriptionService.NodeKeyOf(PeerApiRoot);
        var client = await node.ClientForAsync("analist@ncsc.example.nl");

        var nl = await PageForms.HtmlAsync(await client.GetAsync("/organisations?q=" + nodeKey));
        Assert.Contains($"data-remote-node=\"{PeerApiRoot.AbsoluteUri}\">(Knooppunt)", nl, StringComparison.Ordinal);
        var en = await PageForms.HtmlAsync(await client.GetAsync("/organisations?culture=en&q=" + nodeKey));
        Assert.Contains("(Remote node)", en, StringComparison.Ordinal);
        var other = await PageForms.HtmlAsync(await client.GetAsync("/organisations?q=z-cert"));
        Assert.DoesNotContain("data-remote-node", other, StringComparison.Ordinal);

        var page = await PageForms.HtmlAsync(await client.GetAsync("/organisations/" + nodeKey));
        Assert.Contains("id=\"remote-node\"", page, StringComparison.Ordinal);
        Assert.Contains($"<code>{PeerApiRoot.AbsoluteUri}</code>", page, StringComparison.Ordinal);
    }
}
