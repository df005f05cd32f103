using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Accounts;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Features.Tlp;
using Schakel.Stix;
using Schakel.Stix.Markings;
using Schakel.Stix.Tests.Taxii;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// The sending side (DESIGN.md section 3a: relabels and retractions travel as new object versions; STIX 2.1 sections 3.2
/// and 3.6: a later <c>modified</c> at millisecond precision, <c>revoked</c>), and pulling objects without Schakel's extension
/// (one item per pull, collection and label; markings decide; TAXII 2.1 section 5.4) from the OASIS reference data.
/// </summary>
public sealed class ReissueAndPlainTests
{
    private const string Analyst = "analist@ncsc.example.nl";

    [Fact]
    public async Task RelabelThenRetract_ThreatIntelItem_EachObjectGetsALaterVersionMarkedAnewThenRevoked()
    {
        using var node = new FederationNode();
        var indicator = SourceObjects.NewId("indicator");
        var bundle = $$"""
            {"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[
             {"type":"indicator","spec_version":"2.1","id":"{{indicator}}","created":"2024-01-01T00:00:00.000Z","modified":"2099-01-01T00:00:00.000Z","name":"x",
              "pattern":"[ipv4-addr:value = '198.51.100.9']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","object_marking_refs":["{{TlpMarkings.Tlp2Green}}"]},
             {"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--{{Guid.NewGuid()}}","value":"198.51.100.9"}]}
            """;
        var itemId = await node.WithDbAsync(async (db, sp) =>
        {
            var ncsc = await db.Organisations.SingleAsync(o => o.Key == "ncsc");
            var result = await sp.GetRequiredService<ThreatIntelImporter>().ImportAsync(Encoding.UTF8.GetBytes(bundle),
                new ThreatIntelImportRequest(ncsc.Id, null, null, [new AudienceSpec(AudienceKind.Organisation, "z-cert")]));
            return result.ItemId!.Value;
        });

        await node.WithDbAsync(async (db, sp) =>
        {
            var viewer = await ViewerAsync(db, sp);
            await sp.GetRequiredService<ItemChangeService>().RelabelAsync(viewer, itemId, Tlp.Amber);
            await sp.GetRequiredService<ItemChangeService>().RetractAsync(viewer, itemId, "Onjuist.");
            return 0;
        });

        var versions = await node.WithDbAsync((db, _) => db.ItemStixObjects.Where(l => l.ItemId == itemId).OrderBy(l => l.Sequence)
            .Select(l => new { l.Version.StixId, l.Version.Modified, l.Version.Revoked, l.Version.Content }).ToListAsync());
        var ofIndicator = versions.Where(v => v.StixId == indicator).ToList();
        // Modified was in the future: each new version is 1 ms later still, written with millisecond precision.
        Assert.Equal(["2099-01-01T00:00:00.000Z", "2099-01-01T00:00:00.001Z", "2099-01-01T00:00:00.002Z"], ofIndicator.Select(v => v.Modified!));
        Assert.Equal([false, false, true], ofIndicator.Select(v => v.Revoked));
        Assert.Contains(TlpMarkings.Tlp2Amber, ofIndicator[1].Content, StringComparison.Ordinal);
        Assert.DoesNotContain(TlpMarkings.Tlp2Green, ofIndicator[1].Content, StringComparison.Ordinal);
        // The unversioned SCO cannot get a new version.
        Assert.Single(versions, v => v.StixId.StartsWith("ipv4-addr--", StringComparison.Ordinal));
        // Z-CERT still sees the retracted item, so the revoked versions reach it.
        Assert.True(await node.CanSeeAsync(FederationNode.ZcertAnalyst, itemId));
    }

    [Fact]
    public void NextVersion_RecentModified_NowAtMillisecondPrecision()
    {
        var now = new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var next = Schakel.Features.Federation.ThreatIntelReissue.NextVersion(
            """{"type":"malware","spec_version":"2.1","id":"malware--c0931cc6-c75e-47e5-9036-78fabc95d4ec","created":"2017-01-27T13:49:53.997Z","modified":"2018-02-23T18:30:00.000Z","name":"x","is_family":false}""",
            now, revoke: false, StixTlp.Green)!;
        Assert.Equal("2025-05-01T10:00:00.123Z", next.Modified!.Text);
        Assert.False(next.Revoked);
    }

    [DataFact]
    public async Task Run_MedallionObjectsWithoutExtension_OneAmberItemThenNothingAndRefusedUnderGreen()
    {
        await using var server = await CannedTaxiiServer.StartAsync(CannedTaxiiServer.Medallion(File.ReadAllBytes(TestEnvironment.Data("stix", "taxii", "medallion-default_data.json"))));
        using var b = new FederationNode();
        var id = await b.SubscribeAsync(server.Discovery.ToString(), "High Value Indicator Collection", Tlp.Amber, "org:z-cert");
        var report = await b.RunAsync(id);
        // The reference server's data holds one STIX 2.0 malware version (no spec_version, STIX 2.1 section 3.2): it is
        // reported as not stored, the rest arrives.
        const string Stix20Malware = "malware--c0931cc6-c75e-47e5-9036-78fabc95d4ec";
        Assert.Equal(1, report.Failed);
        Assert.Contains(report.Messages, m => m.Contains(Stix20Malware, StringComparison.Ordinal) && m.Contains("spec_version", StringComparison.Ordinal));
        Assert.Equal(1, report.ItemsCreated);

        // Unmarked objects are AMBER (DESIGN.md section 3); the standard TLP definition is not content. Every other version arrives.
        var item = Assert.Single(await b.PulledAsync());
        Assert.Equal(Tlp.Amber, item.Tlp);
        Assert.Equal(server.CollectionUrl(), item.SourceKey);
        var invalid = server.Entries.Count(e => e.Object.Id == Stix20Malware && e.Object.SpecVersion is null);
        Assert.Equal(1, invalid);
        Assert.Equal(server.Entries.Count(e => e.Object.Type != "marking-definition") - invalid, item.Versions.Count);
        Assert.Equal(0, (await b.RunAsync(id)).Objects);

        using var strict = new FederationNode();
        var refused = await strict.RunAsync(await strict.SubscribeAsync(server.Discovery.ToString(), "hvi", Tlp.Green, "org:z-cert"));
        Assert.Equal((0, item.Versions.Count + invalid), (refused.ItemsCreated, refused.RefusedAboveMax));
        Assert.Empty(await strict.PulledAsync());
    }

    private static async Task<Viewer> ViewerAsync(Schakel.Data.SchakelDbContext db, IServiceProvider sp)
    {
        var person = await db.Users.SingleAsync(u => u.Email == Analyst);
        var org = await db.Organisations.SingleAsync(o => o.Id == person.OrganisationId);
        return Viewer.For(person, org.Type, await sp.GetRequiredService<UserManager<Person>>().GetRolesAsync(person));
    }
}
