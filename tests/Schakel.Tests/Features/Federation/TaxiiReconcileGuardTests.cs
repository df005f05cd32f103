using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Federation;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// The reconciler's guards (TAXII 2.1 section 5.3 manifest, section 5.8 versions): what the manifest leaves out is removed only
/// after a direct request says the object (version) is gone, so a manifest that changed during the walk removes nothing by
/// mistake; an error during those checks removes nothing at all; and an object offered by another subscription of the same
/// source and organisation counts as offered. Two real nodes on SQLite; on B the TAXII client's answers pass through
/// <see cref="Tamper"/>, which can leave an object out of manifests or fail the versions requests, as a changing or failing
/// server would.
/// </summary>
public sealed class TaxiiReconcileGuardTests
{
    /// <summary>Leave <see cref="HiddenFromManifest"/> out of every manifest page; answer versions requests 503 while <see cref="FailVersions"/>.</summary>
    private sealed class Tamper
    {
        public ConcurrentDictionary<string, bool> HiddenFromManifest { get; } = new();
        public volatile bool FailVersions;
    }

    /// <summary>One handler per client chain (the factory builds new chains; a handler cannot be reused), sharing <see cref="Tamper"/>.</summary>
    private sealed class TamperHandler(Tamper tamper) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (tamper.FailVersions && path.EndsWith("/versions/", StringComparison.Ordinal))
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("""{"title":"Unavailable"}""", Encoding.UTF8, "application/taxii+json") };
            var response = await base.SendAsync(request, ct);
            if (!path.EndsWith("/manifest/", StringComparison.Ordinal) || !response.IsSuccessStatusCode || tamper.HiddenFromManifest.IsEmpty) return response;
            var manifest = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject();
            if (manifest["objects"] is JsonArray records)
                foreach (var r in records.Where(r => tamper.HiddenFromManifest.ContainsKey((string)r!["id"]!)).ToList()) records.Remove(r);
            var content = new StringContent(manifest.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = response.Content.Headers.ContentType;
            response.Content = content;
            return response;
        }
    }

    private sealed class TamperedNode(Tamper tamper) : FederationNode
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddHttpClient(FederationExtensions.HttpClientName).AddHttpMessageHandler(() => new TamperHandler(tamper)));
        }
    }

    private static Task<ReconcileReport?> ReconcileAsync(FederationNode b, int id) =>
        b.WithDbAsync((_, sp) => sp.GetRequiredService<TaxiiReconciler>().ReconcileAsync(id, CancellationToken.None));

    /// <summary>
    /// TAXII 2.1 sections 5.3 and 5.8: two-1 is left out of the manifest but GET versions still lists it (the manifest changed
    /// during the walk): kept; two-2, really deleted on A (section 5.7), is removed. Before that, with the versions requests
    /// failing, nothing is removed and the error is reported.
    /// </summary>
    [Fact]
    public async Task Reconcile_MissingFromManifestButListedByVersions_KeptAndCheckErrorRemovesNothing()
    {
        var a = await TwoNodeReconcileTests.StartSourceAsync("Sqlite");
        using var __ = a.Node;
        var tamper = new Tamper();
        using var b = new TamperedNode(tamper);
        var id = await b.SubscribeAsync(new TaxiiSourceInput(a.Node.BaseUrl + "/taxii2/", "inbox",
            await a.Node.TokenForAsync(FederationNode.ZcertAnalyst), null, Tlp.Amber, null, ["org:z-cert"]));
        Assert.True((await b.RunAsync(id)).Ok);
        var two = (await TwoNodeReconcileTests.PulledAsync(b))[a.Items["two"].ToString()];
        Assert.Equal(2, two.Versions.Count);

        await TwoNodeReconcileTests.DeleteOnSourceAsync(a, a.Ids["two-2"]);
        tamper.HiddenFromManifest[a.Ids["two-1"]] = true;
        tamper.FailVersions = true;
        var failed = await ReconcileAsync(b, id);
        Assert.True(failed is { Ok: false, Missing: 2, ObjectsRemoved: 0, ItemsCorrected: 0, ItemsRetracted: 0 }, failed?.Summary());
        Assert.Contains("503", failed!.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await TwoNodeReconcileTests.PulledAsync(b))[a.Items["two"].ToString()].Versions.Count);

        tamper.FailVersions = false;
        var report = await ReconcileAsync(b, id);
        Assert.True(report is { Ok: true, Missing: 2, Checks: 2, Kept: 1, ObjectsRemoved: 1, ItemsCorrected: 1, ItemsRetracted: 0 }, report?.Summary());
        two = (await TwoNodeReconcileTests.PulledAsync(b))[a.Items["two"].ToString()];
        Assert.Equal((ItemStatus.Published, a.Ids["two-1"]), (two.Status, Assert.Single(two.Versions).StixId));
    }

    /// <summary>
    /// TAXII 2.1 section 5.3: B subscribes to A's <c>network</c> and to Z-CERT's own collection <c>org:z-cert</c> with the same
    /// node-local organisation. An item A published to Z-CERT only is offered by the second collection alone; reconciling the
    /// first subscription walks both and keeps it.
    /// </summary>
    [Fact]
    public async Task Reconcile_ObjectOfferedByAnotherSubscriptionOfTheSameSource_Kept()
    {
        var a = await TwoNodeReconcileTests.StartSourceAsync("Sqlite");
        using var __ = a.Node;
        var only = await a.Node.ImportIndicatorAsync("zcert-only", Tlp.Green, SourceObjects.NewId("indicator"), "2024-01-01T00:00:00.000Z", ["org:z-cert"]);
        using var b = new FederationNode();
        var token = await a.Node.TokenForAsync(FederationNode.ZcertAnalyst);
        var network = await b.SubscribeAsync(new TaxiiSourceInput(a.Node.BaseUrl + "/taxii2/", "network", token, null, Tlp.Amber, null, ["org:z-cert"]));
        var own = await b.SubscribeAsync(new TaxiiSourceInput(a.Node.BaseUrl + "/taxii2/", "org:z-cert", token, null, Tlp.Amber, null, ["org:z-cert"]));
        Assert.True((await b.RunAsync(own)).Ok);
        Assert.True((await b.RunAsync(network)).Ok);
        Assert.Contains(only.ToString(), (await TwoNodeReconcileTests.PulledAsync(b)).Keys);

        var report = await ReconcileAsync(b, network);
        Assert.True(report is { Ok: true, Collections: 2, Missing: 0, ObjectsRemoved: 0, ItemsRetracted: 0 }, report?.Summary());
        Assert.Equal(ItemStatus.Published, (await TwoNodeReconcileTests.PulledAsync(b))[only.ToString()].Status);
    }
}
