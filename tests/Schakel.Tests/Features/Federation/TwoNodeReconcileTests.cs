using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Federation;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Stix.Taxii;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// Deletions arrive on the subscribing node (TAXII 2.1 section 5.7 DELETE on the source; section 5.3 manifest walk and section
/// 5.8 versions check on the subscriber). Two Schakel nodes on 127.0.0.1: on A (the coordinator's) the NCSC analyst publishes
/// GREEN items to the network; B (Z-CERT's) subscribes to A's <c>inbox</c> with a Z-CERT analyst's token. After the NCSC analyst
/// DELETEs objects over TAXII on A, a reconcile on B removes exactly those objects, retracts an item that lost all of them,
/// leaves the rest, removes nothing on an error, and changes nothing the second time. On SQLite and on PostgreSQL.
/// </summary>
public sealed class TwoNodeReconcileTests
{
    private const string ZcertAnalyst = FederationNode.ZcertAnalyst;

    internal sealed record Source(FederationNode Node, Dictionary<string, Guid> Items, Dictionary<string, string> Ids)
    {
        public Uri ApiRoot => new(Node.BaseUrl + "/taxii2/api/");
    }

    /// <summary>
    /// Node A with three GREEN items published to the network: <c>two</c> (indicators two-1 and two-2), <c>one</c> (one-1) and
    /// <c>keep</c> (keep-1).
    /// </summary>
    internal static async Task<Source> StartSourceAsync(string provider)
    {
        var a = new FederationNode(provider);
        a.Serve();
        var items = new Dictionary<string, Guid>();
        var ids = new Dictionary<string, string>
        {
            ["two-1"] = SourceObjects.NewId("indicator"), ["two-2"] = SourceObjects.NewId("indicator"),
            ["one-1"] = SourceObjects.NewId("indicator"), ["keep-1"] = SourceObjects.NewId("indicator")
        };
        items["two"] = await a.ImportIndicatorAsync("two", Tlp.Green, ids["two-1"], "2024-01-01T00:00:00.000Z", ["network"]);
        await a.ImportIndicatorAsync("two", Tlp.Green, ids["two-2"], "2024-01-02T00:00:00.123456Z", [], into: items["two"]);
        items["one"] = await a.ImportIndicatorAsync("one", Tlp.Green, ids["one-1"], "2024-01-01T00:00:00.000Z", ["network"]);
        items["keep"] = await a.ImportIndicatorAsync("keep", Tlp.Green, ids["keep-1"], "2024-01-01T00:00:00.000Z", ["network"]);
        return new Source(a, items, ids);
    }

    /// <summary>TAXII 2.1 section 5.7: the NCSC analyst (the publisher) deletes an object, all its versions, from A's network collection.</summary>
    internal static async Task DeleteOnSourceAsync(Source a, string objectId)
    {
        using var http = new HttpClient();
        await new TaxiiClient(http, TaxiiCredentials.Bearer(await a.Node.TokenForAsync("analist@ncsc.example.nl"))).DeleteObjectAsync(a.ApiRoot, "network", objectId);
    }

    internal static async Task<Dictionary<string, Pulled>> PulledAsync(FederationNode b) =>
        (await b.PulledAsync()).ToDictionary(p => p.SourceKey[(p.SourceKey.IndexOf('#') + 1)..]);

    /// <summary>TAXII 2.1 sections 5.7, 5.3 and 5.8: DELETE on A, then reconcile on B (error first, then the command line, then again).</summary>
    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task Reconcile_ObjectsDeletedOnSource_RemovedOrItemRetractedNothingOnErrorSecondRunNoChange(string provider)
    {
        var a = await StartSourceAsync(provider);
        using var __ = a.Node;
        using var b = new FederationNode(provider);
        var zcertToken = await a.Node.TokenForAsync(ZcertAnalyst);
        var id = await b.SubscribeAsync(new TaxiiSourceInput(a.Node.BaseUrl + "/taxii2/", "inbox", zcertToken, null, Tlp.Amber, null, ["org:z-cert"]));
        var first = await b.RunAsync(id);
        Assert.True(first.Ok, first.Summary());
        Assert.True(first.Reconcile is { Ok: true, Missing: 0 }, "a new subscription reconciles after its first good pull: " + first.Reconcile?.Summary());
        var pulled = await PulledAsync(b);
        Assert.Equal(2, pulled[a.Items["two"].ToString()].Versions.Count);

        await DeleteOnSourceAsync(a, a.Ids["two-2"]);
        await DeleteOnSourceAsync(a, a.Ids["one-1"]);
        Assert.Null((await b.RunAsync(id)).Reconcile); // the last reconcile is not yet Federation:ReconcileHours old
        Assert.Equal(2, (await PulledAsync(b))[a.Items["two"].ToString()].Versions.Count); // a pull alone never sees a deletion

        // A wrong token: the manifest walk answers 401; nothing is removed and the error is reported.
        var target = await b.WithDbAsync((db, sp) => Task.FromResult(sp.GetRequiredService<TaxiiSubscriptionService>().TargetOf(db.Set<TaxiiSubscription>().Single(s => s.Id == id))));
        var wrong = await b.WithDbAsync((_, sp) => sp.GetRequiredService<TaxiiReconciler>().ReconcileAsync(target with { Credentials = TaxiiCredentials.Bearer("wrong-token") }, CancellationToken.None));
        Assert.False(wrong.Ok);
        Assert.Contains("401", wrong.Error, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), (wrong.ObjectsRemoved, wrong.ItemsCorrected, wrong.ItemsRetracted));
        pulled = await PulledAsync(b);
        Assert.Equal(2, pulled[a.Items["two"].ToString()].Versions.Count);
        Assert.Equal(ItemStatus.Published, pulled[a.Items["one"].ToString()].Status);

        // The command line: pull again with --reconcile.
        var run = await CliRunner.RunAsync(b.ConnectionString, null, "taxii", "pull", a.Node.BaseUrl + "/taxii2/", "--collection", "inbox",
            "--token", zcertToken, "--max-tlp", "AMBER", "--publish-to", "org:z-cert", "--reconcile");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("objects removed 1, items corrected 1, items retracted 1.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"removed {a.Ids["two-2"]} 2024-01-02T00:00:00.123456Z", run.Stdout, StringComparison.Ordinal);

        pulled = await PulledAsync(b);
        var two = pulled[a.Items["two"].ToString()];
        Assert.Equal(ItemStatus.Published, two.Status);
        Assert.Equal(a.Ids["two-1"], Assert.Single(two.Versions).StixId);
        var one = pulled[a.Items["one"].ToString()];
        Assert.Equal(ItemStatus.Retracted, one.Status);
        Assert.Equal(a.Ids["one-1"], Assert.Single(one.Versions).StixId); // retracted, content kept for the audit trail
        var keep = pulled[a.Items["keep"].ToString()];
        Assert.Equal((ItemStatus.Published, a.Ids["keep-1"]), (keep.Status, Assert.Single(keep.Versions).StixId));
        await b.WithDbAsync(async (db, _) =>
        {
            Assert.False(await db.StixObjectVersions.AnyAsync(v => v.StixId == a.Ids["two-2"]), "a version no item holds any more is removed");
            Assert.Equal(1, await db.ThreatIntelPayloads.Where(p => p.ItemId == two.ItemId).Select(p => p.ObjectCount).SingleAsync());
            var audit = await db.AuditRecords.SingleAsync(r => r.Action == "item.correct" && r.ItemId == two.ItemId && r.Subject == a.ApiRoot.AbsoluteUri);
            Assert.Equal(a.ApiRoot.AbsoluteUri, audit.Subject);
            Assert.Contains(a.Ids["two-2"], audit.Detail, StringComparison.Ordinal);
            Assert.Contains(ReconcileChanges.RetractReason, await db.Items.Where(i => i.Id == one.ItemId).Select(i => i.RetractionReason).SingleAsync(), StringComparison.Ordinal);
            return 0;
        });

        var again = await b.WithDbAsync((_, sp) => sp.GetRequiredService<TaxiiReconciler>().ReconcileAsync(id, CancellationToken.None));
        Assert.True(again is { Ok: true, Missing: 0, Checks: 0, ObjectsRemoved: 0, ItemsRetracted: 0 }, again?.Summary());
        Assert.NotNull(await b.WithDbAsync((db, _) => db.Set<TaxiiSubscription>().Where(s => s.Id == id).Select(s => s.LastReconciledAt).SingleAsync()));

        // Node A stops with a deletion pending: the reconcile reports the network error and removes nothing.
        await DeleteOnSourceAsync(a, a.Ids["keep-1"]);
        a.Node.Dispose();
        var down = await b.WithDbAsync((_, sp) => sp.GetRequiredService<TaxiiReconciler>().ReconcileAsync(id, CancellationToken.None));
        Assert.False(down!.Ok);
        Assert.Equal((0, 0), (down.ObjectsRemoved, down.ItemsRetracted));
        keep = (await PulledAsync(b))[a.Items["keep"].ToString()];
        Assert.Equal((ItemStatus.Published, 1), (keep.Status, keep.Versions.Count));
    }

    /// <summary>
    /// TAXII 2.1 sections 5.7 and 5.3, command line: B subscribes to A's <c>public</c> collection without credentials (CLEAR);
    /// after a DELETE on A, <c>schakel taxii reconcile ID</c> removes the object (exit 0), <c>taxii list</c> shows the last
    /// reconcile, and an unknown subscription exits 1.
    /// </summary>
    [Fact]
    public async Task CliReconcile_PublicSubscriptionObjectDeletedOnSource_RemovedExitZeroUnknownIdExitOne()
    {
        using var a = new FederationNode();
        a.Serve();
        var (first, second) = (SourceObjects.NewId("indicator"), SourceObjects.NewId("indicator"));
        var item = await a.ImportIndicatorAsync("clear", Tlp.Clear, first, "2024-01-01T00:00:00.000Z", ["network"]);
        await a.ImportIndicatorAsync("clear", Tlp.Clear, second, "2024-01-01T00:00:00.000Z", [], into: item);
        using var b = new FederationNode();
        var id = await b.SubscribeAsync(a.BaseUrl + "/taxii2/", "public", Tlp.Clear, "network");
        Assert.True((await b.RunAsync(id)).Ok);
        await DeleteOnSourceAsync(new Source(a, [], []), second);

        var run = await CliRunner.RunAsync(b.ConnectionString, null, "taxii", "reconcile", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("Reconcile of 1 collection(s):", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("objects removed 1, items corrected 1, items retracted 0.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(first, Assert.Single((await PulledAsync(b))[item.ToString()].Versions).StixId);

        var list = await CliRunner.RunAsync(b.ConnectionString, null, "taxii", "list");
        Assert.Matches(@"last reconcile 20\d\d-", list.Stdout);
        var unknown = await CliRunner.RunAsync(b.ConnectionString, null, "taxii", "reconcile", "9999");
        Assert.Equal((1, true), (unknown.ExitCode, unknown.Stderr.Contains("No TAXII subscription 9999", StringComparison.Ordinal)));
    }
}
