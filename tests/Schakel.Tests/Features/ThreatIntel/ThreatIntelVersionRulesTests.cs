using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.ThreatIntel;

/// <summary>
/// STIX 2.1 versioning against what the node holds, whoever imported it: section 3.2 ("Revoking an object is permanent;
/// future versions of the object with this id MUST NOT be created"; <c>created</c> "MUST NOT be changed when creating a new
/// version") and section 3.6 (only the object creator makes new versions). A version that breaks one is a conflict: not
/// stored, reported; the held versions stay current. An object's own errors stop that version only.
/// </summary>
public sealed class ThreatIntelVersionRulesTests
{
    private static string Indicator(string id, string modified, string name, bool revoked = false, string created = "2016-04-06T20:03:48.000Z", string? creator = null) => $$"""
        {"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"{{created}}","modified":"{{modified}}",{{(creator is null ? "" : $"\"created_by_ref\":\"{creator}\",")}}
         "name":"{{name}}","pattern":"[ipv4-addr:value = '198.51.100.3']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z","revoked":{{(revoked ? "true" : "false")}}}
        """;

    private static string Bundle(params string[] objects) => $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{string.Join(",", objects)}}]}""";

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task ImportAsync_LaterVersionAfterRevocationByAnotherOrganisation_ConflictRevokedStaysCurrent(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var (ncsc, ibd) = await factory.WithDbAsync(async (db, _) =>
            (await db.Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync(), await db.Organisations.Where(o => o.Key == "ibd").Select(o => o.Id).SingleAsync()));
        var id = $"indicator--{Guid.NewGuid()}";
        await ImportAsync(factory, Bundle(Indicator(id, "2024-01-01T00:00:00.000Z", "v1")), ncsc);
        // IBD holds nothing of the object: it may not revoke it for NCSC's readers.
        var foreign = await ImportAsync(factory, Bundle(Indicator(id, "2024-02-01T00:00:00.000Z", "v2", revoked: true)), ibd);
        Assert.Contains("one organisation may not bring it for the others", Assert.Single(foreign.Objects).Message, StringComparison.Ordinal);
        var revoked = await ImportAsync(factory, Bundle(Indicator(id, "2024-03-01T00:00:00.000Z", "v2", revoked: true)), ncsc);
        Assert.Equal(StixObjectOutcome.NewVersion, Assert.Single(revoked.Objects).Outcome);

        // Another organisation brings a later, unrevoked version: refused, whatever item it would go into.
        var after = await ImportAsync(factory, Bundle(Indicator(id, "2024-04-01T00:00:00.000Z", "un-revoked")), ibd);
        var row = Assert.Single(after.Objects);
        Assert.Equal(StixObjectOutcome.Conflict, row.Outcome);
        Assert.Contains("revoking an object is permanent", row.Message, StringComparison.Ordinal);
        Assert.Equal(ImportOutcome.Rejected, after.Outcome);

        // An earlier version (history) is still welcome.
        var earlier = await ImportAsync(factory, Bundle(Indicator(id, "2023-12-01T00:00:00.000Z", "v0")), ibd);
        Assert.Equal(StixObjectOutcome.EarlierVersion, Assert.Single(earlier.Objects).Outcome);
        var newest = await factory.WithDbAsync((db, _) => db.StixObjectVersions.Where(v => v.StixId == id).OrderByDescending(v => v.VersionKey).Select(v => new { v.Modified, v.Revoked }).FirstAsync());
        Assert.Equal(("2024-03-01T00:00:00.000Z", true), (newest.Modified, newest.Revoked));

        // Holding the object too (the same version imported again) does not let IBD revoke it for NCSC.
        var other = $"indicator--{Guid.NewGuid()}";
        await ImportAsync(factory, Bundle(Indicator(other, "2024-01-01T00:00:00.000Z", "v1")), ncsc);
        Assert.Equal(StixObjectOutcome.Unchanged, Assert.Single((await ImportAsync(factory, Bundle(Indicator(other, "2024-01-01T00:00:00.000Z", "v1")), ibd)).Objects).Outcome);
        var bypass = await ImportAsync(factory, Bundle(Indicator(other, "2024-02-01T00:00:00.000Z", "v2", revoked: true)), ibd);
        Assert.Equal(StixObjectOutcome.Conflict, Assert.Single(bypass.Objects).Outcome);
    }

    [Fact]
    public async Task ImportAsync_NewVersionWithOtherCreatedOrCreator_ConflictSameCreatorAccepted()
    {
        using var factory = new SchakelFactory();
        var ncsc = await factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync());
        var id = $"indicator--{Guid.NewGuid()}";
        const string creator = "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01";
        await ImportAsync(factory, Bundle(Indicator(id, "2024-01-01T00:00:00.000Z", "v1", creator: creator)), ncsc);

        var otherCreated = await ImportAsync(factory, Bundle(Indicator(id, "2024-02-01T00:00:00.000Z", "v2", created: "2020-01-01T00:00:00.000Z", creator: creator)), ncsc);
        Assert.Contains("another 'created'", Assert.Single(otherCreated.Objects).Message, StringComparison.Ordinal);
        var otherCreator = await ImportAsync(factory, Bundle(Indicator(id, "2024-02-01T00:00:00.000Z", "v2", creator: "identity--0f5b1a2e-93a4-4d39-9b8f-2a4c3e6f7d10")), ncsc);
        Assert.Contains("another 'created_by_ref'", Assert.Single(otherCreator.Objects).Message, StringComparison.Ordinal);
        var noCreator = await ImportAsync(factory, Bundle(Indicator(id, "2024-02-01T00:00:00.000Z", "v2")), ncsc);
        Assert.Equal(StixObjectOutcome.Conflict, Assert.Single(noCreator.Objects).Outcome);

        var same = await ImportAsync(factory, Bundle(Indicator(id, "2024-02-01T00:00:00.000Z", "v2", creator: creator)), ncsc);
        Assert.Equal(StixObjectOutcome.NewVersion, Assert.Single(same.Objects).Outcome);
    }

    /// <summary>
    /// STIX 2.1 section 3.6 (revocation is permanent): NCSC retracts its item holding the same object as a Z-CERT item; the
    /// object is not revoked for Z-CERT's readers, and Z-CERT's later version is still accepted.
    /// </summary>
    [Fact]
    public async Task Retract_ItemSharingObjectWithAnotherOrganisation_SharedObjectNotRevoked()
    {
        using var node = new Federation.FederationNode();
        var (shared, own) = ($"indicator--{Guid.NewGuid()}", $"indicator--{Guid.NewGuid()}");
        var ncscItem = await node.ImportIndicatorAsync("gedeeld", Tlp.Green, shared, "2024-01-01T00:00:00.000Z", ["network"]);
        await node.ImportIndicatorAsync("gedeeld", Tlp.Green, own, "2024-01-01T00:00:00.000Z", [], into: ncscItem);
        await node.ImportIndicatorAsync("gedeeld", Tlp.Green, shared, "2024-01-01T00:00:00.000Z", ["network"], email: Federation.FederationNode.ZcertAnalyst);

        await node.ChangeAsync(ncscItem, null, retract: true);
        var revoked = await node.WithDbAsync((db, _) => db.StixObjectVersions.Where(v => v.Revoked).Select(v => v.StixId).ToListAsync());
        Assert.Equal([own], revoked);
        await node.ImportIndicatorAsync("gedeeld", Tlp.Green, shared, "2024-02-01T00:00:00.000Z", ["network"], email: Federation.FederationNode.ZcertAnalyst);
        Assert.Equal(2, await node.WithDbAsync((db, _) => db.StixObjectVersions.CountAsync(v => v.StixId == shared)));
    }

    /// <summary>STIX 2.1 section 3.6: retracting an item revokes its indicator but not the identity its objects name as creator.</summary>
    [Fact]
    public async Task Retract_ItemWithCreatorIdentity_IdentityNotRevoked()
    {
        using var node = new Federation.FederationNode();
        var ncsc = await node.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync());
        var (id, creator) = ($"indicator--{Guid.NewGuid()}", $"identity--{Guid.NewGuid()}");
        var identity = $$"""{"type":"identity","spec_version":"2.1","id":"{{creator}}","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","name":"CIRCL","identity_class":"organization"}""";
        var result = await ImportAsync(node, Bundle(identity, Indicator(id, "2024-01-01T00:00:00.000Z", "v1", creator: creator)), ncsc);

        await node.ChangeAsync(result.ItemId!.Value, null, retract: true);
        var revoked = await node.WithDbAsync((db, _) => db.StixObjectVersions.Where(v => v.Revoked).Select(v => v.StixId).ToListAsync());
        Assert.Equal([id], revoked);
    }

    /// <summary>STIX 2.1 section 3.2 (timestamp precision of <c>modified</c>): the one bad version is invalid with its own reason; the others are stored.</summary>
    [Fact]
    public async Task ImportAsync_OneOfThreeVersionsInvalid_OnlyThatVersionRefusedTitleCountsOneObject()
    {
        using var factory = new SchakelFactory();
        var ncsc = await factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync());
        var id = $"indicator--{Guid.NewGuid()}";
        var result = await ImportAsync(factory, Bundle(Indicator(id, "2016-04-06T20:03:48.000Z", "v1"), Indicator(id, "2016-04-07T20:03:48.123456789Z", "v2"),
            Indicator(id, "2016-04-09T20:03:48.1Z", "v3")), ncsc);
        Assert.Equal([StixObjectOutcome.Added, StixObjectOutcome.NewVersion, StixObjectOutcome.Invalid], result.Objects.Select(o => o.Outcome));
        var invalid = result.Objects.Single(o => o.Outcome == StixObjectOutcome.Invalid);
        Assert.Equal("2016-04-09T20:03:48.1Z", invalid.Version);
        Assert.Contains("2016-04-09T20:03:48.1Z", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(2, await factory.WithDbAsync((db, _) => db.StixObjectVersions.CountAsync(v => v.StixId == id)));

        var title = await factory.WithDbAsync((db, _) => db.Items.Where(i => i.Id == result.ItemId).Select(i => i.Title).SingleAsync());
        Assert.Equal("STIX: 1 object (1 indicator)", title);
    }

    private static Task<ThreatIntelImportResult> ImportAsync(SchakelFactory factory, string bundle, int organisationId) =>
        factory.WithDbAsync((_, sp) => sp.GetRequiredService<ThreatIntelImporter>().ImportAsync(Encoding.UTF8.GetBytes(bundle),
            new ThreatIntelImportRequest(organisationId, null, null, [new AudienceSpec(AudienceKind.Network, null)])));
}
