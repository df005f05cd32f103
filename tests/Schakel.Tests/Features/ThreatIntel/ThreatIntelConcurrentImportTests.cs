using System.Data.Common;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.ThreatIntel;

/// <summary>
/// DESIGN.md section 3a (one stored version per id and version, node-wide) when two imports race on PostgreSQL: another
/// organisation's import stores the same new object version after this import looked it up and before it inserts it. The
/// insert then violates the unique (id, version) key; the importer retries once, now finds the held version with the same
/// content, and links it (Unchanged) instead of failing. SQLite cannot race here: its single writer holds the write lock
/// from the item insert onwards, before the lookup.
/// </summary>
public sealed class ThreatIntelConcurrentImportTests
{
    private const string Id = "indicator--5b0ad3c1-7a0e-4c44-9a41-3f6a2d1e0c77";

    private static readonly string Bundle = $$"""
        {"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{"type":"indicator","spec_version":"2.1","id":"{{Id}}",
         "created":"2025-01-01T00:00:00.000Z","modified":"2025-01-02T00:00:00.000Z","name":"race","pattern":"[ipv4-addr:value = '198.51.100.7']",
         "pattern_type":"stix","valid_from":"2025-01-01T00:00:00Z","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}]}
        """;

    [Theory, ProviderData("Postgres")]
    public async Task ImportAsync_SameVersionStoredConcurrently_RetriedAndLinkedAsUnchanged(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var race = new RaceInterceptor();
        using var node = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.ConfigureDbContext<SchakelDbContext>(o => o.AddInterceptors(race))));
        _ = node.Services; // the host starts (migrations, demo network) before the race is armed
        race.Concurrent = () => ImportAsync(node.Services, "z-cert", " ");

        var result = await ImportAsync(node.Services, "ncsc", "");

        Assert.True(race.Fired, "the concurrent import ran between the lookup and the insert");
        Assert.True(result.ItemId is not null, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(ImportOutcome.Imported, result.Outcome);
        Assert.Equal(StixObjectOutcome.Unchanged, Assert.Single(result.Objects).Outcome);
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        var version = await db.StixObjectVersions.SingleAsync(v => v.StixId == Id);
        var holders = await db.ItemStixObjects.Where(l => l.VersionId == version.Id).Select(l => l.Item.PublisherOrganisation.Key).OrderBy(k => k).ToListAsync();
        Assert.Equal(["ncsc", "z-cert"], holders);
    }

    /// <summary>Imports the bundle as the organisation (the suffix makes the original bytes differ, so it is not the "same content again" case).</summary>
    private static async Task<ThreatIntelImportResult> ImportAsync(IServiceProvider services, string orgKey, string suffix)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        var org = await db.Organisations.Where(o => o.Key == orgKey).Select(o => o.Id).SingleAsync();
        return await scope.ServiceProvider.GetRequiredService<ThreatIntelImporter>().ImportAsync(Encoding.UTF8.GetBytes(Bundle + suffix),
            new ThreatIntelImportRequest(org, null, null, [new AudienceSpec(AudienceKind.Network, null)]));
    }

    /// <summary>After the first lookup of held versions, runs <see cref="Concurrent"/> once (on its own connection) and records that it did.</summary>
    private sealed class RaceInterceptor : DbCommandInterceptor
    {
        private int _fired;

        public Func<Task<ThreatIntelImportResult>>? Concurrent { get; set; }

        public bool Fired => _fired == 1;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (Concurrent is not null && command.CommandText.Contains("\"ContentHash\"", StringComparison.Ordinal)
                && command.CommandText.Contains("FROM \"StixObjectVersions\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                var other = await Concurrent();
                Assert.Equal(ImportOutcome.Imported, other.Outcome);
                Assert.Equal(StixObjectOutcome.Added, Assert.Single(other.Objects).Outcome);
            }

            return result;
        }
    }
}
