using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.ThreatIntel;

/// <summary>
/// DESIGN.md section 3a (one import is one item; objects stored one by one with their versions) and STIX 2.1 section 3.6
/// (versioning: a later <c>modified</c> is a new version; the same version again is no change; revocation), on both providers.
/// </summary>
public sealed class ThreatIntelImporterTests
{
    private const string Indicator = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";

    private static string Bundle(string modified, string name, bool revoked = false, string? marking = null) => $$"""
        {"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[
          {"type":"indicator","spec_version":"2.1","id":"{{Indicator}}","created":"2016-04-06T20:03:48.000Z","modified":"{{modified}}",
           "name":"{{name}}","pattern":"[ipv4-addr:value = '198.51.100.3']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z",
           "revoked":{{(revoked ? "true" : "false")}}{{(marking is null ? "" : $",\"object_marking_refs\":[\"{marking}\"]")}}}]}
        """;

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task ImportAsync_VersionsOfOneObject_NewBecomesCurrentSameIsNoChangeConflictReported(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var ncsc = await factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync());
        var request = new ThreatIntelImportRequest(ncsc, null, null, [new AudienceSpec(AudienceKind.Network, null)]);

        var first = await ImportAsync(factory, Bundle("2016-04-06T20:03:48.000Z", "v1", marking: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"), request);
        Assert.Equal(ImportOutcome.Imported, first.Outcome);
        Assert.Equal(Tlp.Green, first.Label);
        Assert.Equal(StixObjectOutcome.Added, Assert.Single(first.Objects).Outcome);

        // Full precision is kept, and a later modified is a new version that becomes current while the first stays.
        var second = await ImportAsync(factory, Bundle("2016-04-07T20:03:48.123456789Z", "v2"), request);
        Assert.Equal(StixObjectOutcome.NewVersion, Assert.Single(second.Objects).Outcome);
        Assert.NotEqual(first.ItemId, second.ItemId);
        var stored = await factory.WithDbAsync((db, _) => db.StixObjectVersions.Where(v => v.StixId == Indicator).OrderBy(v => v.VersionKey).Select(v => v.Modified).ToListAsync());
        Assert.Equal(["2016-04-06T20:03:48.000Z", "2016-04-07T20:03:48.123456789Z"], stored);

        // The same version with the same content, in another bundle, changes nothing.
        var same = await ImportAsync(factory, Bundle("2016-04-06T20:03:48.000Z", "v1", marking: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"), request);
        Assert.Equal(StixObjectOutcome.Unchanged, Assert.Single(same.Objects).Outcome);

        // The same version with different content is a conflict: reported, not stored, the held version kept.
        var conflict = await ImportAsync(factory, Bundle("2016-04-06T20:03:48.000Z", "v1 changed"), request);
        var row = Assert.Single(conflict.Objects);
        Assert.Equal(StixObjectOutcome.Conflict, row.Outcome);
        Assert.True(conflict.HasRejectedObjects);
        Assert.Equal(2, await factory.WithDbAsync((db, _) => db.StixObjectVersions.CountAsync(v => v.StixId == Indicator)));

        // A revoked version is stored as revoked.
        var revoked = await ImportAsync(factory, Bundle("2016-04-08T00:00:00.000Z", "v3", revoked: true), request);
        Assert.Equal(StixObjectOutcome.NewVersion, Assert.Single(revoked.Objects).Outcome);
        Assert.True(await factory.WithDbAsync((db, _) => db.StixObjectVersions.Where(v => v.StixId == Indicator).OrderByDescending(v => v.VersionKey).Select(v => v.Revoked).FirstAsync()));

        // Links carry strictly increasing sequences and date_added values.
        var links = await factory.WithDbAsync((db, _) => db.ItemStixObjects.OrderBy(l => l.Sequence).Select(l => l.AddedAtMicros).ToListAsync());
        Assert.Equal(links.Order(), links);
        Assert.Equal(links.Count, links.Distinct().Count());
    }

    /// <summary>
    /// The same bytes imported again by the same organisation are the same item (DESIGN.md section 3a); with an audience
    /// this time, a held draft is published under this import's label, a published item reaches the audience it lacked,
    /// and its label is never changed on the way (that is a relabel).
    /// </summary>
    [Fact]
    public async Task ImportAsync_SameBytesAgainWithAudience_DraftPublishedThenAudienceAddedLabelKept()
    {
        using var factory = new SchakelFactory();
        var zcert = await factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "z-cert").Select(o => o.Id).SingleAsync());
        var bytes = Bundle("2016-04-06T20:03:48.000Z", "v1", marking: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da");

        var draft = await ImportAsync(factory, bytes, new ThreatIntelImportRequest(zcert, null, null, []));
        Assert.Equal((ImportOutcome.Imported, Tlp.Green), (draft.Outcome, draft.Label));
        var itemId = draft.ItemId!.Value;
        Assert.Equal(ItemStatus.Draft, await factory.WithDbAsync((db, _) => db.Items.Where(i => i.Id == itemId).Select(i => i.Status).SingleAsync()));

        var amber = await ImportAsync(factory, bytes, new ThreatIntelImportRequest(zcert, null, Tlp.Amber, [new AudienceSpec(AudienceKind.Constituency, "z-cert")]));
        Assert.Equal((ImportOutcome.Updated, itemId, Tlp.Amber), (amber.Outcome, amber.ItemId, amber.Label));
        Assert.Contains(amber.Warnings, w => w.Contains("was a draft; it is now published as TLP:AMBER", StringComparison.Ordinal));
        var item = await factory.WithDbAsync((db, _) => db.Items.Where(i => i.Id == itemId).Select(i => new { i.Status, i.Tlp, Audience = i.Audience.Count }).SingleAsync());
        Assert.Equal((ItemStatus.Published, Tlp.Amber, 1), (item.Status, item.Tlp, item.Audience));

        var again = await ImportAsync(factory, bytes, new ThreatIntelImportRequest(zcert, null, null, [new AudienceSpec(AudienceKind.Constituency, "z-cert")]));
        Assert.Equal((ImportOutcome.Unchanged, Tlp.Amber), (again.Outcome, again.Label));
        Assert.Contains(again.Warnings, w => w.Contains("already published to this audience; nothing changed. It stays TLP:AMBER", StringComparison.Ordinal));

        var wider = await ImportAsync(factory, bytes, new ThreatIntelImportRequest(zcert, null, null,
            [new AudienceSpec(AudienceKind.Constituency, "z-cert"), new AudienceSpec(AudienceKind.Organisation, "z-cert")]));
        Assert.Equal((ImportOutcome.Updated, Tlp.Amber), (wider.Outcome, wider.Label));
        Assert.Equal(2, await factory.WithDbAsync((db, _) => db.AudienceEntries.CountAsync(a => a.ItemId == itemId)));
        Assert.Single(await factory.WithDbAsync((db, _) => db.ThreatIntelPayloads.Where(p => p.Item.PublisherOrganisationId == zcert).ToListAsync()));
    }

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task ImportAsync_RequestLooserThanMarking_RejectedAndNothingStored(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var ncsc = await factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync());
        var request = new ThreatIntelImportRequest(ncsc, null, Tlp.Clear, [new AudienceSpec(AudienceKind.Network, null)]);
        var result = await ImportAsync(factory, Bundle("2016-04-06T20:03:48.000Z", "v1", marking: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"), request);
        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.Equal("LabelLooser", Assert.Single(result.RuleProblems).Code);
        Assert.Equal(0, await factory.WithDbAsync((db, _) => db.StixObjectVersions.CountAsync()));
    }

    /// <summary>
    /// STIX 2.1 section 7.2 and DESIGN.md section 3: a statement marking defined in an earlier import is known in a later one
    /// that only refers to it (no fail-closed AMBER+STRICT); a marking defined nowhere still fails closed.
    /// </summary>
    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task ImportAsync_MarkingDefinedInAnEarlierImport_KnownNotUnknown(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var ncsc = await factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync());
        var request = new ThreatIntelImportRequest(ncsc, null, null, []);
        const string Statement = "marking-definition--1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";
        var definition = "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + Statement + "\",\"created\":\"2020-01-01T00:00:00.000Z\",\"definition_type\":\"statement\",\"definition\":{\"statement\":\"Copyright Schakel\"}}";
        string Indicator(string id, string markings) => $$"""{"type":"indicator","spec_version":"2.1","id":"indicator--{{id}}","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2020-01-01T00:00:00Z","object_marking_refs":[{{markings}}]}""";
        const string Green = "\"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb\"";

        var first = await ImportAsync(factory, $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{definition}},{{Indicator("6f1c1a52-1f0e-4b8e-9a55-2a1d7f0c0001", $"\"{Statement}\"," + Green)}}]}""", request);
        Assert.Equal(Tlp.Green, first.Label);
        var later = await ImportAsync(factory, $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{Indicator("6f1c1a52-1f0e-4b8e-9a55-2a1d7f0c0002", $"\"{Statement}\"," + Green)}}]}""", request);
        Assert.Equal(Tlp.Green, later.Label);
        Assert.DoesNotContain(later.Warnings, w => w.Contains("Unknown marking", StringComparison.Ordinal));

        var unknown = await ImportAsync(factory, $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{Indicator("6f1c1a52-1f0e-4b8e-9a55-2a1d7f0c0003", "\"marking-definition--9b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d\"," + Green)}}]}""", request);
        Assert.Equal(Tlp.AmberStrict, unknown.Label);
    }

    private static Task<ThreatIntelImportResult> ImportAsync(SchakelFactory factory, string bundle, ThreatIntelImportRequest request) =>
        factory.WithDbAsync((_, sp) => sp.GetRequiredService<ThreatIntelImporter>().ImportAsync(Encoding.UTF8.GetBytes(bundle), request));
}
