using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Federation;
using Schakel.Features.Sharing;
using Schakel.Features.Taxii;
using Schakel.Stix.Extensions;
using Schakel.Stix.Taxii;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// One object version held by two items on the source node (the same indicator imported by NCSC and by Z-CERT). TAXII 2.1
/// section 5.4 serves a version once; Schakel's extension (STIX 2.1 section 7.3 property extension) names the item it is
/// served for and, in <c>other_items</c>, the other items holding it that the reader may see. The receiving node rebuilds
/// both items with that version; a TAXII DELETE (section 5.7) from one of them reaches the copy of that item only, at the
/// next incremental pull (section 3.4 <c>added_after</c>); an item left empty is retracted on the source and, after a
/// reconcile (sections 5.3, 5.8), on the receiving node.
/// </summary>
public sealed class TwoNodeSharedVersionTests
{
    private const string Ncsc = "analist@ncsc.example.nl";

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task Pull_VersionSharedByTwoItems_BothCopiesHoldItDeleteFromOneReachesOnlyThatCopy(string provider)
    {
        using var a = new FederationNode(provider);
        a.Serve();
        var (shared, own, hidden) = (SourceObjects.NewId("indicator"), SourceObjects.NewId("indicator"), SourceObjects.NewId("indicator"));
        const string modified = "2024-03-01T10:00:00.123456Z";
        var ncscItem = await a.ImportIndicatorAsync("gedeeld", Tlp.Green, shared, modified, ["network"]);
        await a.ImportIndicatorAsync("gedeeld", Tlp.Green, own, modified, [], into: ncscItem);
        var zcertItem = await a.ImportIndicatorAsync("gedeeld", Tlp.Green, shared, modified, ["network"], email: FederationNode.ZcertAnalyst);
        // The same version in an item the hospital may not see (Z-CERT's own organisation only).
        var zcertOnly = await a.ImportIndicatorAsync("gedeeld", Tlp.Amber, shared, modified, ["org:z-cert"], email: FederationNode.ZcertAnalyst);
        await a.ImportIndicatorAsync("gedeeld", Tlp.Amber, hidden, modified, [], into: zcertOnly, email: FederationNode.ZcertAnalyst);
        var apiRoot = new Uri(a.BaseUrl + "/taxii2/api/");

        // Served once, naming every holder the reader may see and no other.
        using var http = new HttpClient();
        var hospital = new TaxiiClient(http, TaxiiCredentials.Bearer(await a.TokenForAsync("ict@ziekenhuis-rijnoever.example.nl")));
        var served = Assert.Single((await hospital.GetObjectAsync(apiRoot, "network", shared)).Objects);
        Assert.Equal([ncscItem, zcertItem], SchakelExtension.ReadAll(served).Select(r => r.ItemId).Order());
        var zcert = new TaxiiClient(http, TaxiiCredentials.Bearer(await a.TokenForAsync(FederationNode.ZcertAnalyst)));
        served = Assert.Single((await zcert.GetObjectAsync(apiRoot, "inbox", shared)).Objects);
        Assert.Equal(new[] { ncscItem, zcertItem, zcertOnly }.Order(), SchakelExtension.ReadAll(served).Select(r => r.ItemId).Order());
        Assert.DoesNotContain(SchakelExtension.ReadAll(served), r => r.Elsewhere);
        // From the network collection Z-CERT's own item is named as held elsewhere: a pull of this collection does not rebuild it.
        served = Assert.Single((await zcert.GetObjectAsync(apiRoot, "network", shared)).Objects);
        Assert.Equal([zcertOnly], SchakelExtension.ReadAll(served).Where(r => r.Elsewhere).Select(r => r.ItemId));
        Assert.Equal(3, SchakelExtension.ReadAll(served).Count);

        // Node B pulls A's network collection with the hospital's token: both network items arrive, each with the shared version.
        using var b = new FederationNode(provider);
        var id = await b.SubscribeAsync(new TaxiiSourceInput(a.BaseUrl + "/taxii2/", "network", await a.TokenForAsync("ict@ziekenhuis-rijnoever.example.nl"),
            null, Tlp.Amber, null, ["org:ziekenhuis-rijnoever"]));
        var first = await b.RunAsync(id);
        Assert.True(first.Ok, first.Summary() + "\n" + string.Join("\n", first.Messages));
        var pulled = await TwoNodeReconcileTests.PulledAsync(b);
        Assert.Equal(2, pulled.Count);
        Assert.Equal(new[] { own, shared }.Order(StringComparer.Ordinal), pulled[ncscItem.ToString()].Versions.Select(v => v.StixId).Order(StringComparer.Ordinal));
        Assert.Equal(shared, Assert.Single(pulled[zcertItem.ToString()].Versions).StixId);
        Assert.DoesNotContain(pulled.Values.SelectMany(p => p.Versions), v => v.StixId == hidden);

        // NCSC deletes the shared indicator from its own item only; Z-CERT's items keep it.
        await new TaxiiClient(http, TaxiiCredentials.Bearer(await a.TokenForAsync(Ncsc))).DeleteObjectAsync(apiRoot, "network", shared);
        served = Assert.Single((await hospital.GetObjectAsync(apiRoot, "network", shared)).Objects);
        Assert.Equal(zcertItem, Assert.Single(SchakelExtension.ReadAll(served)).ItemId);

        var second = await b.RunAsync(id);
        Assert.True(second.Ok, second.Summary());
        Assert.Equal(1, second.ObjectsRemoved);
        Assert.Contains("objects removed 1;", second.Summary(), StringComparison.Ordinal);
        pulled = await TwoNodeReconcileTests.PulledAsync(b);
        Assert.Equal((ItemStatus.Published, own), (pulled[ncscItem.ToString()].Status, Assert.Single(pulled[ncscItem.ToString()].Versions).StixId));
        Assert.Equal((ItemStatus.Published, shared), (pulled[zcertItem.ToString()].Status, Assert.Single(pulled[zcertItem.ToString()].Versions).StixId));

        // NCSC deletes its last object: the emptied item is retracted on A, and the reconcile on B retracts its copy.
        await new TaxiiClient(http, TaxiiCredentials.Bearer(await a.TokenForAsync(Ncsc))).DeleteObjectAsync(apiRoot, "network", own);
        var source = await a.WithDbAsync((db, _) => db.Items.Where(i => i.Id == ncscItem).Select(i => new { i.Status, i.RetractionReason }).SingleAsync());
        Assert.Equal((ItemStatus.Retracted, TaxiiDelete.EmptiedReason), (source.Status, source.RetractionReason));
        var reconcile = await b.WithDbAsync((_, sp) => sp.GetRequiredService<TaxiiReconciler>().ReconcileAsync(id, CancellationToken.None));
        Assert.True(reconcile is { Ok: true, ItemsRetracted: 1, ObjectsRemoved: 0 }, reconcile?.Summary());
        pulled = await TwoNodeReconcileTests.PulledAsync(b);
        Assert.Equal(ItemStatus.Retracted, pulled[ncscItem.ToString()].Status);
        Assert.Equal((ItemStatus.Published, shared), (pulled[zcertItem.ToString()].Status, Assert.Single(pulled[zcertItem.ToString()].Versions).StixId));

        // Nothing more to do: a pull and a reconcile change nothing.
        var third = await b.RunAsync(id);
        Assert.True(third is { Ok: true, ObjectsRemoved: 0, Retracted: 0, ItemsCreated: 0 }, third.Summary());
        var again = await b.WithDbAsync((_, sp) => sp.GetRequiredService<TaxiiReconciler>().ReconcileAsync(id, CancellationToken.None));
        Assert.True(again is { Ok: true, Missing: 0, ItemsRetracted: 0, ObjectsRemoved: 0 }, again?.Summary());
    }

    /// <summary>
    /// STIX 2.1 section 3.6 (revocation) and TAXII 2.1 section 3.4: NCSC retracts an item whose only object a Z-CERT item
    /// shares. Nothing is revoked; the retraction and its reason reach B's copy through <c>other_items</c>, and Z-CERT's copy
    /// keeps the object, not revoked.
    /// </summary>
    [Fact]
    public async Task Pull_RetractedItemWhoseObjectsAreShared_CopyRetractedWithReasonOtherCopyKeepsObject()
    {
        using var a = new FederationNode();
        a.Serve();
        var shared = SourceObjects.NewId("indicator");
        var ncscItem = await a.ImportIndicatorAsync("gedeeld", Tlp.Green, shared, "2024-03-01T10:00:00.000Z", ["network"]);
        var zcertItem = await a.ImportIndicatorAsync("gedeeld", Tlp.Green, shared, "2024-03-01T10:00:00.000Z", ["network"], email: FederationNode.ZcertAnalyst);
        using var b = new FederationNode();
        var id = await b.SubscribeAsync(new TaxiiSourceInput(a.BaseUrl + "/taxii2/", "network", await a.TokenForAsync("ict@ziekenhuis-rijnoever.example.nl"),
            null, Tlp.Amber, null, ["org:ziekenhuis-rijnoever"]));
        Assert.True((await b.RunAsync(id)).Ok);

        await a.ChangeAsync(ncscItem, null, retract: true);
        Assert.False(await a.WithDbAsync((db, _) => db.StixObjectVersions.AnyAsync(v => v.Revoked)));
        var run = await b.RunAsync(id);
        Assert.True(run is { Ok: true, Retracted: 1 }, run.Summary() + "\n" + string.Join("\n", run.Messages));
        var pulled = await TwoNodeReconcileTests.PulledAsync(b);
        Assert.Equal(ItemStatus.Retracted, pulled[ncscItem.ToString()].Status);
        var reason = await b.WithDbAsync((db, _) => db.Items.Where(i => i.Id == pulled[ncscItem.ToString()].ItemId).Select(i => i.RetractionReason).SingleAsync());
        Assert.EndsWith(": Test: ingetrokken.", reason, StringComparison.Ordinal);
        var zcert = pulled[zcertItem.ToString()];
        Assert.Equal((ItemStatus.Published, shared, false), (zcert.Status, Assert.Single(zcert.Versions).StixId, zcert.Versions[0].Revoked));
    }

    /// <summary>
    /// TAXII 2.1 section 3.4: Z-CERT's own item on A shares its version with an NCSC item imported later. Pulled with a Z-CERT
    /// token, both arrive: Z-CERT's item is not an echo of something B pushed, although the NCSC copy brought its version first.
    /// </summary>
    [Fact]
    public async Task Pull_OwnOrganisationsItemSharingVersionsWithAnother_BothArriveNoEcho()
    {
        using var a = new FederationNode();
        a.Serve();
        var shared = SourceObjects.NewId("indicator");
        var zcertItem = await a.ImportIndicatorAsync("gedeeld", Tlp.Green, shared, "2024-03-01T10:00:00.000Z", ["network"], email: FederationNode.ZcertAnalyst);
        var ncscItem = await a.ImportIndicatorAsync("gedeeld", Tlp.Green, shared, "2024-03-01T10:00:00.000Z", ["network"]);

        using var b = new FederationNode();
        var id = await b.SubscribeAsync(new TaxiiSourceInput(a.BaseUrl + "/taxii2/", "network", await a.TokenForAsync(FederationNode.ZcertAnalyst),
            null, Tlp.Amber, null, ["org:z-cert"]));
        var report = await b.RunAsync(id);
        Assert.True(report is { Ok: true, ItemsCreated: 2, SkippedOwn: 0 }, report.Summary() + "\n" + string.Join("\n", report.Messages));
        var pulled = await TwoNodeReconcileTests.PulledAsync(b);
        Assert.Equal(shared, Assert.Single(pulled[zcertItem.ToString()].Versions).StixId);
        Assert.Equal(shared, Assert.Single(pulled[ncscItem.ToString()].Versions).StixId);
    }
}
