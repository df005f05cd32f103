using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Federation;
using Schakel.Features.Sharing;
using Schakel.Stix.Taxii;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// A reconcile that runs before the pull of a retraction leaves the retraction to the pull. On a Schakel source a retracted
/// item serves only its revoked new versions (STIX 2.1 section 3.6), so the versions the subscriber holds drop out of the
/// manifest (TAXII 2.1 section 5.3) and out of the object's versions (section 5.8). The reconciler then fetches the newest
/// listed version (section 5.6 with <c>match[version]</c>, section 3.4.1) and, as it is revoked, defers: nothing removed, no
/// retraction "no longer offered". The pull that follows (section 5.4) brings the revoked version and retracts with the
/// source's reason. A newer version that is NOT revoked does not defer. Two nodes on 127.0.0.1 as in
/// <see cref="TwoNodeReconcileTests"/>.
/// </summary>
public sealed class TaxiiReconcileDeferTests
{
    /// <summary>
    /// TAXII 2.1 sections 5.3, 5.8 and 5.6 (reconcile through <c>schakel taxii reconcile ID</c>), then 5.4 (pull), then 5.3
    /// again: A retracts item <c>one</c> (revoked version of one-1) and replaces two-2 by a newer, not revoked version whose old
    /// version it DELETEs (section 5.7). The reconcile defers one-1 (item still published, counted and reported) and removes the
    /// old two-2 version as before; the pull retracts <c>one</c> with the source's reason; a second reconcile changes nothing.
    /// </summary>
    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task Reconcile_SourceItemRetractedNotYetPulled_DeferredThenPullRetractsWithSourceReason(string provider)
    {
        var a = await StartClearSourceAsync(provider);
        using var __ = a.Node;
        using var b = new FederationNode(provider);
        // The public collection without credentials: the command line below reads no stored token (no shared data-protection keys).
        var id = await b.SubscribeAsync(a.Node.BaseUrl + "/taxii2/", "public", Tlp.Clear, "network");
        Assert.True((await b.RunAsync(id)).Ok);
        var one = (await TwoNodeReconcileTests.PulledAsync(b))[a.Items["one"].ToString()];
        Assert.Equal(ItemStatus.Published, one.Status);

        await a.Node.ChangeAsync(a.Items["one"], null, retract: true);
        await a.Node.ImportIndicatorAsync("two", Tlp.Green, a.Ids["two-2"], "2024-03-01T00:00:00.000Z", [], into: a.Items["two"]);
        using (var http = new HttpClient())
        {
            await new TaxiiClient(http, TaxiiCredentials.Bearer(await a.Node.TokenForAsync("analist@ncsc.example.nl")))
                .DeleteObjectAsync(a.ApiRoot, "network", a.Ids["two-2"], new TaxiiQuery { MatchVersion = ["2024-01-02T00:00:00.123456Z"] });
        }

        var run = await CliRunner.RunAsync(b.ConnectionString, null, "taxii", "reconcile", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        // Two missing objects: one versions check each, and one fetch each of the newer version (one-1 revoked, two-2 not).
        Assert.Contains("held 4, missing 2, checks 4, kept 0, deferred 1; objects removed 1, items corrected 1, items retracted 0.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Object {a.Ids["one-1"]}: newer revoked version ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("not pulled yet; the next pull brings it", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"removed {a.Ids["two-2"]} 2024-01-02T00:00:00.123456Z", run.Stdout, StringComparison.Ordinal);
        var pulled = await TwoNodeReconcileTests.PulledAsync(b);
        one = pulled[a.Items["one"].ToString()];
        Assert.Equal(ItemStatus.Published, one.Status);
        Assert.Equal((a.Ids["one-1"], false), (Assert.Single(one.Versions).StixId, Assert.Single(one.Versions).Revoked));
        Assert.Equal(a.Ids["two-1"], Assert.Single(pulled[a.Items["two"].ToString()].Versions).StixId);

        // The pull brings the revoked version and retracts with the source's reason.
        Assert.True((await b.RunAsync(id)).Ok);
        one = (await TwoNodeReconcileTests.PulledAsync(b))[a.Items["one"].ToString()];
        Assert.Equal(ItemStatus.Retracted, one.Status);
        Assert.Contains(one.Versions, v => v.StixId == a.Ids["one-1"] && v.Revoked);
        var reason = await b.WithDbAsync((db, _) => db.Items.Where(i => i.Id == one.ItemId).Select(i => i.RetractionReason).SingleAsync());
        Assert.Contains("retracted on the source node", reason, StringComparison.Ordinal);
        Assert.EndsWith(": Test: ingetrokken.", reason, StringComparison.Ordinal); // the source publisher's own reason travels
        Assert.DoesNotContain(ReconcileChanges.RetractReason, reason!, StringComparison.Ordinal);

        var again = await b.WithDbAsync((_, sp) => sp.GetRequiredService<TaxiiReconciler>().ReconcileAsync(id, CancellationToken.None));
        Assert.True(again is { Ok: true, Missing: 0, Checks: 0, Deferred: 0, ObjectsRemoved: 0, ItemsCorrected: 0, ItemsRetracted: 0 }, again?.Summary());
        Assert.Equal(ItemStatus.Retracted, (await TwoNodeReconcileTests.PulledAsync(b))[a.Items["one"].ToString()].Status);
    }

    /// <summary>The items of <see cref="TwoNodeReconcileTests.StartSourceAsync"/>, CLEAR, so that the <c>public</c> collection serves them.</summary>
    private static async Task<TwoNodeReconcileTests.Source> StartClearSourceAsync(string provider)
    {
        var a = new FederationNode(provider);
        a.Serve();
        var ids = new[] { "two-1", "two-2", "one-1", "keep-1" }.ToDictionary(k => k, _ => SourceObjects.NewId("indicator"));
        var items = new Dictionary<string, Guid>
        {
            ["two"] = await a.ImportIndicatorAsync("two", Tlp.Clear, ids["two-1"], "2024-01-01T00:00:00.000Z", ["network"]),
        };
        await a.ImportIndicatorAsync("two", Tlp.Clear, ids["two-2"], "2024-01-02T00:00:00.123456Z", [], into: items["two"]);
        items["one"] = await a.ImportIndicatorAsync("one", Tlp.Clear, ids["one-1"], "2024-01-01T00:00:00.000Z", ["network"]);
        items["keep"] = await a.ImportIndicatorAsync("keep", Tlp.Clear, ids["keep-1"], "2024-01-01T00:00:00.000Z", ["network"]);
        return new TwoNodeReconcileTests.Source(a, items, ids);
    }

    /// <summary>
    /// TAXII 2.1 section 5.6: the fetch of the newer version fails (503): the reconcile stops with the error and removes nothing,
    /// like an error of the section 5.3 walk or the section 5.8 checks; once the fetch works the object is deferred.
    /// </summary>
    [Fact]
    public async Task Reconcile_FetchOfNewerVersionFails_ErrorNothingRemoved()
    {
        var a = await TwoNodeReconcileTests.StartSourceAsync("Sqlite");
        using var __ = a.Node;
        var fail = new StrongBox<bool>(true);
        using var b = new FailingObjectNode(fail);
        var id = await b.SubscribeAsync(new TaxiiSourceInput(a.Node.BaseUrl + "/taxii2/", "inbox",
            await a.Node.TokenForAsync(FederationNode.ZcertAnalyst), null, Tlp.Amber, null, ["org:z-cert"]));
        Assert.True((await b.RunAsync(id)).Ok);
        await a.Node.ChangeAsync(a.Items["one"], null, retract: true);

        var failed = await ReconcileAsync(b, id);
        Assert.True(failed is { Ok: false, Missing: 1, Deferred: 0, ObjectsRemoved: 0, ItemsRetracted: 0 }, failed?.Summary());
        Assert.Contains("503", failed!.Error, StringComparison.Ordinal);
        Assert.Equal(ItemStatus.Published, (await TwoNodeReconcileTests.PulledAsync(b))[a.Items["one"].ToString()].Status);

        fail.Value = false;
        var report = await ReconcileAsync(b, id);
        Assert.True(report is { Ok: true, Missing: 1, Checks: 2, Deferred: 1, ObjectsRemoved: 0, ItemsRetracted: 0 }, report?.Summary());
        Assert.Equal(ItemStatus.Published, (await TwoNodeReconcileTests.PulledAsync(b))[a.Items["one"].ToString()].Status);
    }

    private static Task<ReconcileReport?> ReconcileAsync(FederationNode b, int id) =>
        b.WithDbAsync((_, sp) => sp.GetRequiredService<TaxiiReconciler>().ReconcileAsync(id, CancellationToken.None));

    /// <summary>Answers 503 to every request for one object (section 5.6 path <c>.../objects/ID/</c>) while the flag is set.</summary>
    private sealed class FailingObjectHandler(StrongBox<bool> fail) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            fail.Value && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/objects/", StringComparison.Ordinal)
                && !request.RequestUri.AbsolutePath.EndsWith("/objects/", StringComparison.Ordinal) && !request.RequestUri.AbsolutePath.EndsWith("/versions/", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("""{"title":"Unavailable"}""", Encoding.UTF8, "application/taxii+json") })
                : base.SendAsync(request, ct);
    }

    private sealed class FailingObjectNode(StrongBox<bool> fail) : FederationNode
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddHttpClient(FederationExtensions.HttpClientName).AddHttpMessageHandler(() => new FailingObjectHandler(fail)));
        }
    }
}
