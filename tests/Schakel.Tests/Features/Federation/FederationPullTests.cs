using Schakel.Features.Federation;
using Schakel.Features.Sharing;
using Schakel.Stix;
using Schakel.Stix.Extensions;
using Schakel.Stix.Markings;
using Schakel.Stix.Tests.Taxii;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.Federation.SourceObjects;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// Pulling a collection into items (DESIGN.md section 3a; TAXII 2.1 sections 3.4 and 3.5: added_after with the server's
/// precision, paging): objects with Schakel's extension, as a Schakel node serves them, from <see cref="CannedTaxiiServer"/>.
/// </summary>
public sealed class FederationPullTests
{
    // The token's organisation as a Schakel node shows it (its own org: collection): AMBER may then reach org:z-cert.
    private const string OwnOrg = "org:z-cert";
    private static readonly SchakelItemRef Clear = Item(StixTlp.Clear, "Openbaar");
    private static readonly SchakelItemRef Green = Item(StixTlp.Green, "Groen");
    private static readonly SchakelItemRef Amber = Item(StixTlp.Amber, "Amber");
    private static readonly SchakelItemRef Strict = Item(StixTlp.AmberStrict, "Amber strikt");
    private static readonly SchakelItemRef Red = Item(StixTlp.Red, "Rood");
    private static readonly SchakelItemRef Gone = Item(StixTlp.Green, "Ingetrokken", "retracted");
    private static readonly SchakelItemRef MarkedStricter = Item(StixTlp.Green, "Groen met amber markering");

    [Fact]
    public async Task Run_ItemsOfEveryLabel_ExactlyTheAcceptedOnesRebuiltByTheNodeOrganisationThenNothing()
    {
        var clearIndicator = Indicator(Clear, "2024-01-01T00:00:00.000Z");
        var objects = new[]
        {
            clearIndicator, Indicator(Clear, "2024-01-01T00:00:00.000Z"), Indicator(Green, "2024-01-01T00:00:00.000Z", marking: TlpMarkings.Tlp2Green),
            Indicator(Amber, "2024-01-01T00:00:00.000Z"), Indicator(Strict, "2024-01-01T00:00:00.000Z"), Indicator(Red, "2024-01-01T00:00:00.000Z"),
            Indicator(Gone, "2024-01-01T00:00:00.001Z", revoked: true), Indicator(MarkedStricter, "2024-01-01T00:00:00.000Z", marking: TlpMarkings.Tlp2Amber),
        };
        await using var server = await CannedTaxiiServer.StartAsync(Entries(0, objects), OwnOrg);
        using var b = new FederationNode();
        var id = await b.SubscribeAsync(server.Discovery.ToString(), "hvi", Tlp.Amber, "org:z-cert");

        var report = await b.RunAsync(id);
        Assert.True(report.Ok, report.Summary() + string.Join("\n", report.Messages));
        Assert.Equal((4, 1, 1, 1), (report.ItemsCreated, report.RefusedAboveMax, report.RefusedRed, report.SkippedRetracted));
        // The cursor is the last page's X-TAXII-Date-Added-Last, to the microsecond.
        Assert.Equal(server.Entries[^1].DateAdded, report.Cursor);

        var pulled = await b.PulledAsync();
        var byKey = pulled.ToDictionary(p => p.SourceKey[(p.SourceKey.IndexOf('#') + 1)..]);
        Assert.Equal(new[] { Clear, Green, Amber, MarkedStricter }.Select(i => i.ItemId.ToString()).Order(), byKey.Keys.Order());
        Assert.Equal(Tlp.Clear, byKey[Clear.ItemId.ToString()].Tlp);
        Assert.Equal(Tlp.Green, byKey[Green.ItemId.ToString()].Tlp);
        Assert.Equal(Tlp.Amber, byKey[Amber.ItemId.ToString()].Tlp);
        Assert.Equal(Tlp.Amber, byKey[MarkedStricter.ItemId.ToString()].Tlp); // the strictest of the extension's label and the markings
        Assert.Equal(2, byKey[Clear.ItemId.ToString()].Versions.Count);
        Assert.All(pulled, p =>
        {
            Assert.Equal(FederationNodeKey(server), p.Publisher);
            Assert.Equal(server.ApiRoot.AbsoluteUri, p.RemoteNode);
            Assert.Equal(ItemStatus.Published, p.Status);
            Assert.StartsWith(server.ApiRoot.AbsoluteUri + "#", p.SourceKey, StringComparison.Ordinal);
            Assert.All(p.Contents, c => Assert.DoesNotContain(SchakelExtension.Id, c, StringComparison.Ordinal));
        });
        Assert.Equal("Openbaar", byKey[Clear.ItemId.ToString()].Title);
        Assert.True(await b.CanSeeAsync(FederationNode.ZcertAnalyst, byKey[Amber.ItemId.ToString()].ItemId), "published to org:z-cert");
        Assert.False(await b.CanSeeAsync("analist@ibd.example.nl", byKey[Amber.ItemId.ToString()].ItemId), "not published to IBD");

        var again = await b.RunAsync(id);
        Assert.Equal((0, 0, 0), (again.Objects, again.ItemsCreated, again.ItemsUpdated));
        Assert.Contains(server.Requests, r => r.Contains("added_after=2025-06-01T12%3A00%3A00.008007Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_NewVersionRelabelRetractionRelax_ArriveAsNewVersionsAndChangeTheLocalItems()
    {
        var clearId = NewId("indicator");
        var greenId = NewId("indicator");
        var amberId = NewId("indicator");
        await using var server = await CannedTaxiiServer.StartAsync(Entries(0,
            Indicator(Clear, "2024-01-01T00:00:00.000Z", clearId), Indicator(Green, "2024-01-01T00:00:00.000Z", greenId, TlpMarkings.Tlp2Green),
            Indicator(Amber, "2024-01-01T00:00:00.000Z", amberId), Indicator(Strict, "2024-01-01T00:00:00.000Z")), OwnOrg);
        using var b = new FederationNode();
        var id = await b.SubscribeAsync(server.ApiRoot.ToString(), CannedTaxiiServer.CollectionId, Tlp.Amber, "org:z-cert");
        Assert.Equal(3, (await b.RunAsync(id)).ItemsCreated);

        // On the source: a new version, a relabel GREEN -> AMBER, a retraction, and AMBER+STRICT relaxed to AMBER.
        server.Entries.AddRange(Entries(4,
            Indicator(Clear, "2024-02-01T00:00:00.123Z", clearId),
            Indicator(Green with { Tlp = StixTlp.Amber }, "2024-02-01T00:00:00.001Z", greenId, TlpMarkings.Tlp2Amber),
            Indicator(Amber with { Status = "retracted" }, "2024-02-01T00:00:00.001Z", amberId, revoked: true),
            Indicator(Strict with { Tlp = StixTlp.Amber }, "2024-02-01T00:00:00.001Z")));
        var report = await b.RunAsync(id);
        Assert.True(report.Ok, report.Summary() + string.Join("\n", report.Messages));
        Assert.Equal((1, 3, 1, 1), (report.ItemsCreated, report.ItemsUpdated, report.Relabelled, report.Retracted));

        var byKey = (await b.PulledAsync()).ToDictionary(p => p.SourceKey[(p.SourceKey.IndexOf('#') + 1)..]);
        var clear = byKey[Clear.ItemId.ToString()];
        Assert.Equal(["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.123Z"], clear.Versions.Select(v => v.Modified!).Order());
        Assert.Equal(Tlp.Amber, byKey[Green.ItemId.ToString()].Tlp);
        var amber = byKey[Amber.ItemId.ToString()];
        Assert.Equal(ItemStatus.Retracted, amber.Status);
        Assert.Contains(amber.Versions, v => v.Revoked);
        Assert.Equal(Tlp.Amber, byKey[Strict.ItemId.ToString()].Tlp);
        Assert.Equal(4, byKey.Count);
    }

    /// <summary>
    /// DESIGN.md section 3 (AMBER reaches the holder's organisation and constituency only) when the source tightens an item
    /// this node already published: GREEN pulled to the whole network, then AMBER at the source. The local item is relabelled
    /// AMBER and taken back from <c>network</c>: the water board loses it, Z-CERT's constituency (the hospital) keeps it.
    /// </summary>
    [Fact]
    public async Task Run_HeldGreenItemTightenedToAmber_AudienceCappedLikeANewAmberItem()
    {
        var item = Item(StixTlp.Green, "Eerst groen");
        var indicatorId = NewId("indicator");
        await using var server = await CannedTaxiiServer.StartAsync(Entries(0, Indicator(item, "2024-01-01T00:00:00.000Z", indicatorId, TlpMarkings.Tlp2Green)), OwnOrg);
        using var b = new FederationNode();
        var id = await b.SubscribeAsync(server.ApiRoot.ToString(), CannedTaxiiServer.CollectionId, Tlp.Amber, "network", "constituency:z-cert");
        Assert.Equal(1, (await b.RunAsync(id)).ItemsCreated);
        var local = Assert.Single(await b.PulledAsync()).ItemId;
        Assert.True(await b.CanSeeAsync("ict@waterschap-lage-landen.example.nl", local), "GREEN reaches the network");

        server.Entries.AddRange(Entries(1, Indicator(item with { Tlp = StixTlp.Amber }, "2024-02-01T00:00:00.000Z", indicatorId, TlpMarkings.Tlp2Amber)));
        var report = await b.RunAsync(id);
        Assert.Equal(1, report.Relabelled);
        Assert.Equal(Tlp.Amber, Assert.Single(await b.PulledAsync()).Tlp);
        Assert.False(await b.CanSeeAsync("ict@waterschap-lage-landen.example.nl", local), "AMBER from another node does not reach the network");
        Assert.True(await b.CanSeeAsync("ict@ziekenhuis-rijnoever.example.nl", local), "Z-CERT's constituency keeps it");
        var audience = await b.WithDbAsync((db, _) => Task.FromResult(db.AudienceEntries.Where(e => e.ItemId == local).Select(e => e.Kind).ToList()));
        Assert.Equal([AudienceKind.Constituency], audience);
    }

    /// <summary>
    /// A subscription stored by the server (its data-protection keys) and run from the command line with other keys: the token
    /// cannot be read. Both <c>taxii run</c> and <c>taxii reconcile</c> say so in one line (what to do included), exit 1, no stack
    /// trace, and the run is recorded as stopped.
    /// </summary>
    [Fact]
    public async Task RunAndReconcile_TokenStoredWithOtherKeys_ClearErrorExitOne()
    {
        await using var server = await CannedTaxiiServer.StartAsync(Entries(0, Indicator(Green, "2024-01-01T00:00:00.000Z")), OwnOrg);
        using var b = new FederationNode();
        var id = (await b.SubscribeAsync(new TaxiiSourceInput(server.ApiRoot.ToString(), CannedTaxiiServer.CollectionId, "sk_stored-by-the-server", null,
            Tlp.Green, null, ["org:z-cert"], 15))).ToString(System.Globalization.CultureInfo.InvariantCulture);

        foreach (var verb in new[] { "run", "reconcile" })
        {
            var run = await CliRunner.RunAsync(b.ConnectionString, null, "taxii", verb, id);
            Assert.True(run.ExitCode == 1, $"{verb}: exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
            Assert.Contains("cannot be read with this node's data-protection keys", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("DataProtection:KeysFolder", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }

        var stored = await b.WithDbAsync((db, _) => Task.FromResult(db.Set<Schakel.Features.ThreatIntel.TaxiiSubscription>().Single(s => s.Id == int.Parse(id, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.False(stored.LastRunOk);
        Assert.StartsWith("Stopped: The token of subscription", stored.LastResult, StringComparison.Ordinal);
    }

    /// <summary>
    /// DESIGN.md section 3a (the extension carries the source item's label) with STIX 2.1 section 3.6: the originator relaxes
    /// an AMBER-marked item to GREEN. The source re-sends the earlier version and the unversioned SCO, still marked AMBER,
    /// and a new version marked GREEN, all with the extension saying GREEN. A node holding the item relabels it GREEN; a
    /// node that refused it above <c>--max-tlp GREEN</c> now gets it whole, GREEN.
    /// </summary>
    [Fact]
    public async Task Run_MarkedItemRelaxed_HeldItemRelabelledRefusedOneArrivesWhole()
    {
        var item = Item(StixTlp.Amber, "Eerst amber");
        var relaxed = item with { Tlp = StixTlp.Green };
        var indicatorId = NewId("indicator");
        var addressId = NewId("ipv4-addr");
        StixObject Address(SchakelItemRef of) => SchakelExtension.With(StixObject.Parse(
            $"{{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"{addressId}\",\"value\":\"203.0.113.9\",\"object_marking_refs\":[\"{TlpMarkings.Tlp2Amber}\"]}}"), of);
        await using var server = await CannedTaxiiServer.StartAsync(Entries(0,
            Indicator(item, "2024-01-01T00:00:00.000Z", indicatorId, TlpMarkings.Tlp2Amber), Address(item)), OwnOrg);
        using var holding = new FederationNode();
        using var refusing = new FederationNode();
        var held = await holding.SubscribeAsync(server.ApiRoot.ToString(), CannedTaxiiServer.CollectionId, Tlp.Amber, "org:z-cert");
        var refused = await refusing.SubscribeAsync(server.ApiRoot.ToString(), CannedTaxiiServer.CollectionId, Tlp.Green, "org:z-cert");
        Assert.Equal(1, (await holding.RunAsync(held)).ItemsCreated);
        Assert.Equal(1, (await refusing.RunAsync(refused)).RefusedAboveMax);

        server.Entries.AddRange(Entries(2, Indicator(relaxed, "2024-01-01T00:00:00.000Z", indicatorId, TlpMarkings.Tlp2Amber), Address(relaxed),
            Indicator(relaxed, "2024-03-01T00:00:00.000Z", indicatorId, TlpMarkings.Tlp2Green)));
        var again = await holding.RunAsync(held);
        Assert.True(again.Ok, again.Summary() + string.Join("\n", again.Messages));
        Assert.Equal(1, again.Relabelled);
        var first = await refusing.RunAsync(refused);
        Assert.Equal((1, 0), (first.ItemsCreated, first.RefusedAboveMax));

        foreach (var node in new[] { holding, refusing })
        {
            var pulled = Assert.Single(await node.PulledAsync());
            Assert.Equal(Tlp.Green, pulled.Tlp);
            Assert.Equal([(indicatorId, "2024-01-01T00:00:00.000Z"), (indicatorId, "2024-03-01T00:00:00.000Z"), (addressId, (string?)null)],
                pulled.Versions.Select(v => (v.StixId, v.Modified)).OrderBy(v => v.StixId, StringComparer.Ordinal).ThenBy(v => v.Modified, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// STIX 2.1 section 7.2 over TAXII 2.1 section 3.5 (paging): a statement marking definition comes once, on the first page,
    /// and is refused by the validator (its timestamps lack the milliseconds section 3.2 requires). GREEN objects on later
    /// pages refer to it: it is still known for their label (a statement, no TLP), so they arrive GREEN instead of being held
    /// as AMBER+STRICT (an unknown marking) and refused above <c>--max-tlp GREEN</c>.
    /// </summary>
    [Fact]
    public async Task Run_InvalidStatementDefinitionOnFirstPage_LaterPagesReferringToItStayGreen()
    {
        const string statementId = "marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168";
        var statement = StixObject.Parse("""{"type":"marking-definition","spec_version":"2.1","id":""" + "\"" + statementId + "\"" +
            ""","created":"2017-06-01T00:00:00Z","definition_type":"statement","definition":{"statement":"Copyright 2015-2024, The MITRE Corporation."}}""");
        var item = Item(StixTlp.Green, "Groen met verklaring");
        var indicators = Enumerable.Range(0, 7).Select(_ => Indicator(item, "2024-01-01T00:00:00.000Z", marking: TlpMarkings.Tlp2Green)).ToList();
        var referring = indicators.Select(o => StixObject.Parse(o.Json.Replace($"\"{TlpMarkings.Tlp2Green}\"", $"\"{TlpMarkings.Tlp2Green}\",\"{statementId}\"", StringComparison.Ordinal))).ToList();
        await using var server = await CannedTaxiiServer.StartAsync(Entries(0, [statement, .. referring]), OwnOrg);
        using var b = new FederationNode();
        var id = await b.SubscribeAsync(server.Discovery.ToString(), "hvi", Tlp.Green, "org:z-cert");

        var report = await b.RunAsync(id);
        Assert.True(report.Pages >= 3, "the objects referring to the definition come on later pages than the definition");
        Assert.Equal((0, 0), (report.RefusedAboveMax, report.Relabelled));
        var pulled = Assert.Single(await b.PulledAsync());
        Assert.Equal((Tlp.Green, 7), (pulled.Tlp, pulled.Versions.Count));
    }

    [Fact]
    public async Task Run_503InTheMiddle_CursorMarksTheStoredPagesAndTheNextRunFillsTheRestWithoutDuplicates()
    {
        var items = Enumerable.Range(0, 8).Select(i => Item(StixTlp.Green, $"Item {i}")).ToList();
        await using var server = await CannedTaxiiServer.StartAsync(Entries(0, items.Select(i => Indicator(i, "2024-01-01T00:00:00.000Z")).ToArray()), OwnOrg);
        server.FailObjectsRequest = 2; // pages of 3 (Federation:PageSize): the first page arrives, the second fails
        using var b = new FederationNode();
        var id = await b.SubscribeAsync(server.ApiRoot.ToString(), "hvi", Tlp.Green, "org:z-cert");

        var broken = await b.RunAsync(id);
        Assert.NotNull(broken.Error);
        Assert.Contains("503", broken.Error, StringComparison.Ordinal);
        Assert.Equal(3, broken.ItemsCreated);
        Assert.Equal(server.Entries[2].DateAdded, broken.Cursor);
        var stored = await b.WithDbAsync((db, _) => Task.FromResult(db.Set<Schakel.Features.ThreatIntel.TaxiiSubscription>().Single(s => s.Id == id)));
        Assert.Equal((server.Entries[2].DateAdded, false, 1), (stored.Cursor, stored.LastRunOk, stored.FailedRuns));

        var resumed = await b.RunAsync(id);
        Assert.True(resumed.Ok, resumed.Summary());
        Assert.Equal(5, resumed.ItemsCreated);
        var pulled = await b.PulledAsync();
        Assert.Equal(items.Select(i => i.ItemId.ToString()).Order(), pulled.Select(p => p.SourceKey[(p.SourceKey.IndexOf('#') + 1)..]).Order());
        Assert.All(pulled, p => Assert.Single(p.Versions));
    }

    private static string FederationNodeKey(CannedTaxiiServer server) => $"node-127-0-0-1-{server.ApiRoot.Port}";
}
