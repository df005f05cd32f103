using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Stix;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.ThreatIntel;

/// <summary>
/// DESIGN.md section 3a and STIX 2.1 section 3.6 for bundles of many objects, which the importer stores without EF's
/// change tracker (binary COPY on PostgreSQL, a prepared INSERT on SQLite): every version is stored exactly as received,
/// each item link points at the right version, collection order follows the bundle, and a second bundle that repeats
/// part of the first links the held versions instead of storing them again.
/// </summary>
public sealed class ThreatIntelBulkImportTests
{
    private const int Count = 1500;

    private static string Indicator(int i, string modified, bool revoked = false) =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"indicator--{{IdOf(i)}}","created":"2020-01-01T00:00:00.000Z","modified":"{{modified}}","name":"n{{i}}","pattern":"[ipv4-addr:value = '198.51.100.{{i % 250}}']","pattern_type":"stix","valid_from":"2020-01-01T00:00:00Z"{{(revoked ? ",\"revoked\":true" : "")}}}""";

    private static string Address(int i) => $$"""{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--{{IdOf(100_000 + i)}}","value":"203.0.113.{{i % 250}}"}""";

    private static Guid IdOf(int i) => new($"00000000-0000-4000-8000-{i:D12}");

    private static string Bundle(IEnumerable<string> objects) => $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{string.Join(",", objects)}}]}""";

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task ImportAsync_ManyObjects_StoredAsReceivedLinkedInBundleOrder(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var ncsc = await factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync());
        var request = new ThreatIntelImportRequest(ncsc, null, null, [new AudienceSpec(AudienceKind.Network, null)]);

        // Indicators, two versions of some (the later one revoked), unversioned SCOs, and one object twice.
        var objects = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            objects.Add(i % 3 == 0 ? Address(i) : Indicator(i, "2020-01-02T00:00:00.000Z"));
            if (i % 10 == 1) objects.Add(Indicator(i, "2020-01-03T00:00:00.123456Z", revoked: true));
        }

        objects.Add(objects[1]);
        var first = await ImportAsync(factory, Bundle(objects), request);
        Assert.Equal(ImportOutcome.Imported, first.Outcome);
        Assert.Equal(objects.Count - 1, first.Objects.Count(o => o.Outcome is StixObjectOutcome.Added or StixObjectOutcome.NewVersion));
        Assert.Equal(StixObjectOutcome.Unchanged, first.Objects[^1].Outcome);

        var stored = await factory.WithDbAsync((db, _) => db.ItemStixObjects.Where(l => l.ItemId == first.ItemId).OrderBy(l => l.Sequence)
            .Select(l => new { l.AddedAtMicros, l.Version.Content, l.Version.StixId, l.Version.VersionKey, l.Version.Modified, l.Version.Created, l.Version.SpecVersion, l.Version.Revoked, l.Version.ContentHash, l.Version.StoredAt })
            .ToListAsync());
        var item = await factory.WithDbAsync((db, _) => db.Items.SingleAsync(i => i.Id == first.ItemId));
        Assert.Equal(objects.Count - 1, stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var expected = StixObject.Parse(objects[i]);
            var row = stored[i];
            Assert.Equal(expected.Json, row.Content);
            Assert.Equal((expected.Id, StixVersionStore.VersionKeyOf(expected), expected.Modified?.Text, expected.Created?.Text), (row.StixId, row.VersionKey, row.Modified, row.Created));
            Assert.Equal(("2.1", expected.Revoked, StixVersionStore.HashOf(expected)), (row.SpecVersion, row.Revoked, row.ContentHash));
            Assert.Equal(item.CreatedAt, row.StoredAt);
            if (i > 0) Assert.True(row.AddedAtMicros > stored[i - 1].AddedAtMicros);
        }

        // A second bundle: the first 100 objects again (held: linked, not stored again) and 100 new ones after them.
        var again = objects.Take(100).Concat(Enumerable.Range(Count, 100).Select(i => Indicator(i, "2020-01-02T00:00:00.000Z"))).ToList();
        var second = await ImportAsync(factory, Bundle(again), request);
        Assert.Equal(100, second.Count(StixObjectOutcome.Unchanged));
        Assert.Equal(100, second.Count(StixObjectOutcome.Added));
        var versions = await factory.WithDbAsync((db, _) => db.StixObjectVersions.CountAsync());
        Assert.Equal(objects.Count - 1 + 100, versions);
        var secondLinks = await factory.WithDbAsync((db, _) => db.ItemStixObjects.Where(l => l.ItemId == second.ItemId).OrderBy(l => l.Sequence)
            .Select(l => l.Version.Content).ToListAsync());
        Assert.Equal(again.Select(o => StixObject.Parse(o).Json), secondLinks);
        var firstSequences = await factory.WithDbAsync((db, _) => db.ItemStixObjects.Where(l => l.ItemId == first.ItemId).MaxAsync(l => l.Sequence));
        Assert.True(await factory.WithDbAsync((db, _) => db.ItemStixObjects.Where(l => l.ItemId == second.ItemId).AllAsync(l => l.Sequence > firstSequences)));
    }

    private static Task<ThreatIntelImportResult> ImportAsync(SchakelFactory factory, string bundle, ThreatIntelImportRequest request) =>
        factory.WithDbAsync((_, sp) => sp.GetRequiredService<ThreatIntelImporter>().ImportAsync(Encoding.UTF8.GetBytes(bundle), request));
}
