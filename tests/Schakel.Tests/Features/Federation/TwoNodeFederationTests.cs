using Schakel.Features.Federation;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// Two Schakel nodes on 127.0.0.1, each with its own database: node A (the coordinator's) serves its TAXII 2.1 API on a real
/// Kestrel port; node B (Z-CERT's) pulls A's <c>inbox</c> collection with a Z-CERT analyst's token (TAXII 2.1 sections 4.1,
/// 5.1, 5.4; DESIGN.md section 3a). A holds threat-intelligence items of every label: CLEAR, GREEN, AMBER and AMBER+STRICT
/// for Z-CERT, RED for Z-CERT's analyst, a draft, a retracted item, and items for IBD and the NCTV only. The subscription
/// test runs with both nodes on SQLite and on PostgreSQL. The push half is <see cref="TwoNodePushTests"/>.
/// </summary>
public sealed class TwoNodeFederationTests
{
    private const string ZcertAnalyst = FederationNode.ZcertAnalyst;

    private sealed record NodeA(FederationNode Node, Dictionary<string, Guid> Items, Dictionary<string, string> Indicators);

    private static async Task<NodeA> StartAAsync(string provider = "Sqlite")
    {
        var a = new FederationNode(provider);
        a.Serve();
        var items = new Dictionary<string, Guid>();
        var indicators = new Dictionary<string, string>();
        async Task Add(string name, Tlp label, string[] audience, string email = "analist@ncsc.example.nl")
        {
            indicators[name] = SourceObjects.NewId("indicator");
            items[name] = await a.ImportIndicatorAsync(name, label, indicators[name], "2024-01-01T00:00:00.000Z", audience, email: email);
        }

        await Add("clear", Tlp.Clear, ["network"]);
        await Add("green", Tlp.Green, ["org:z-cert"]);
        await Add("amber", Tlp.Amber, ["org:z-cert"]);
        await Add("strict", Tlp.AmberStrict, ["org:z-cert"]);
        await Add("red", Tlp.Red, ["person:" + ZcertAnalyst]);
        await Add("draft", Tlp.Green, []);
        await Add("retracted", Tlp.Green, ["org:z-cert"]);
        await Add("ibd", Tlp.Green, ["org:ibd"]);
        await Add("nctv", Tlp.Amber, ["org:nctv"]);
        await a.ChangeAsync(items["retracted"], null, retract: true);
        return new NodeA(a, items, indicators);
    }

    private static string SourceIdOf(Pulled p) => p.SourceKey[(p.SourceKey.IndexOf('#') + 1)..];

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task Subscribe_ZcertTokenOnInbox_ExactlyTheAllowedItemsThenNothingThenChangesArriveAsNewVersions(string provider)
    {
        var (a, items, indicators) = await StartAAsync(provider);
        using var _ = a;
        Assert.True(await a.CanSeeAsync(ZcertAnalyst, items["red"]), "on A the Z-CERT analyst sees the RED item: its absence on B is the federation rule");
        Assert.False(await a.CanSeeAsync(ZcertAnalyst, items["ibd"]), "IBD's item is not Z-CERT's");

        using var b = new FederationNode(provider);
        var id = await b.SubscribeAsync(new TaxiiSourceInput(a.BaseUrl + "/taxii2/", "inbox", await a.TokenForAsync(ZcertAnalyst), null, Tlp.Amber, null, ["org:z-cert"]));
        var first = await b.RunAsync(id);
        Assert.True(first.Ok, first.Summary() + "\n" + string.Join("\n", first.Messages));
        Assert.Equal((3, 1, 1, 1), (first.ItemsCreated, first.RefusedAboveMax, first.RefusedRed, first.SkippedRetracted));

        var pulled = (await b.PulledAsync()).ToDictionary(SourceIdOf);
        string[] expected = ["clear", "green", "amber"];
        Assert.Equal(expected.Select(n => items[n].ToString()).Order(), pulled.Keys.Order());
        foreach (var (name, label) in new[] { ("clear", Tlp.Clear), ("green", Tlp.Green), ("amber", Tlp.Amber) })
        {
            var p = pulled[items[name].ToString()];
            Assert.Equal((label, ItemStatus.Published, name), (p.Tlp, p.Status, p.Title));
            Assert.Equal(TaxiiSubscriptionService.NodeKeyOf(new Uri(a.BaseUrl + "/taxii2/api/")), p.Publisher);
            Assert.Equal(indicators[name], Assert.Single(p.Versions).StixId);
            Assert.True(await b.CanSeeAsync(ZcertAnalyst, p.ItemId), $"{name} is published to Z-CERT on B");
        }

        Assert.False(await b.CanSeeAsync("analist@ibd.example.nl", pulled[items["amber"].ToString()].ItemId), "B publishes to the subscription's audience only");
        var second = await b.RunAsync(id);
        Assert.Equal((0, 0, 0), (second.Objects, second.ItemsCreated, second.ItemsUpdated));

        // On A: a new version of GREEN's indicator, GREEN tightened to AMBER, CLEAR retracted, AMBER+STRICT relaxed to AMBER.
        await a.ImportIndicatorAsync("green", Tlp.Green, indicators["green"], "2024-06-01T00:00:00.000Z", [], into: items["green"]);
        await a.ChangeAsync(items["green"], Tlp.Amber, retract: false);
        await a.ChangeAsync(items["clear"], null, retract: true);
        await a.ChangeAsync(items["strict"], Tlp.Amber, retract: false);
        var third = await b.RunAsync(id);
        Assert.True(third.Ok, third.Summary() + "\n" + string.Join("\n", third.Messages));
        Assert.Equal((1, 1, 1), (third.ItemsCreated, third.Relabelled, third.Retracted));

        pulled = (await b.PulledAsync()).ToDictionary(SourceIdOf);
        var green = pulled[items["green"].ToString()];
        Assert.Equal(Tlp.Amber, green.Tlp);
        Assert.Equal(3, green.Versions.Count); // the first, the new one, and the relabel's
        Assert.Contains(green.Versions, v => v.Modified == "2024-06-01T00:00:00.000Z");
        var clear = pulled[items["clear"].ToString()];
        Assert.Equal(ItemStatus.Retracted, clear.Status);
        Assert.Contains(clear.Versions, v => v.Revoked);
        Assert.Equal(Tlp.Amber, pulled[items["strict"].ToString()].Tlp);
        Assert.Equal(4, pulled.Count);
        Assert.Equal(0, (await b.RunAsync(id)).Objects);
    }

    [Fact]
    public async Task CliPull_ZcertTokenMaxGreen_ClearAndGreenOnlyExitZeroRefusalsOnStderr()
    {
        var (a, items, _) = await StartAAsync();
        using var __ = a;
        using var b = new FederationNode();
        var run = await CliRunner.RunAsync(b.ConnectionString, null, "taxii", "pull", a.BaseUrl + "/taxii2/", "--collection", "inbox",
            "--token", await a.TokenForAsync(ZcertAnalyst), "--max-tlp", "GREEN", "--publish-to", "org:z-cert");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("items created 2,", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Next run: --since ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("TLP:RED is for named people", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(new[] { items["clear"], items["green"] }.Select(i => i.ToString()).Order(), (await b.PulledAsync()).Select(SourceIdOf).Order());

        var usage = await CliRunner.RunAsync(b.ConnectionString, null, "taxii", "pull", a.BaseUrl + "/taxii2/", "--collection", "inbox", "--max-tlp", "RED");
        Assert.Equal(global::Schakel.Cli.Usage, usage.ExitCode);
    }
}
