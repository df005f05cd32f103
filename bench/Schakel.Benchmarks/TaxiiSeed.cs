using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>seed-taxii [--provider Sqlite|Postgres] [--db PATH] [--objects 1000000] [--bundle 50000]</c>: a demo database whose
/// <c>network</c> TAXII collection holds that many objects: generated bundles (<see cref="StixBundleGenerator"/>, seeds
/// 1, 2, …) imported by NCSC through <see cref="ThreatIntelImporter"/> and published to the network, one item per
/// bundle. Keeps the database and prints its connection string and an API token of the demo hospital's analyst, who
/// receives network items.
/// </summary>
public static class TaxiiSeed
{
    public static async Task<int> RunAsync(string provider, string? sqlitePath, int objects, int bundleSize)
    {
        await using var host = await BenchHost.CreateAsync(provider, sqlitePath);
        host.Keep = true;
        int orgId;
        await using (var scope = host.Services.CreateAsyncScope())
            orgId = await scope.ServiceProvider.GetRequiredService<SchakelDbContext>().Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync();
        var request = new ThreatIntelImportRequest(orgId, null, null, [new AudienceSpec(AudienceKind.Network, null)]);
        var data = Environment.GetEnvironmentVariable("SCHAKEL_DATA") ?? Path.Combine("..", "shared", "data");
        var file = Path.Combine(Path.GetTempPath(), $"schakel-taxii-seed-{Guid.NewGuid():N}.json");
        var watch = Stopwatch.StartNew();
        try
        {
            for (var seed = 1; ; seed++)
            {
                int linked;
                await using (var scope = host.Services.CreateAsyncScope())
                    linked = await scope.ServiceProvider.GetRequiredService<SchakelDbContext>().ItemStixObjects.CountAsync();
                if (linked >= objects) break;
                StixBundleGenerator.Write(Math.Min(bundleSize, (int)((objects - linked) * 1.1) + 10), file, seed, data);
                await using var importScope = host.Services.CreateAsyncScope();
                var result = await importScope.ServiceProvider.GetRequiredService<ThreatIntelImporter>().ImportAsync(await File.ReadAllBytesAsync(file), request);
                if (result.ItemId is null) throw new InvalidOperationException("Import rejected: " + string.Join(" ", result.Errors.Select(e => e.Message)));
                Console.Error.WriteLine($"bundle {seed}: {result.Outcome} {result.Label?.ToLabel()}, {linked} links before, {watch.Elapsed.TotalSeconds:0} s");
            }
        }
        finally
        {
            File.Delete(file);
        }

        string token;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var person = await users.FindByEmailAsync(InboxSeed.Person) ?? throw new InvalidOperationException("Demo person missing.");
            token = await scope.ServiceProvider.GetRequiredService<PersonService>().CreateTokenAsync(person, "taxii benchmark");
            Console.Error.WriteLine($"seeded {await db.ItemStixObjects.CountAsync()} links in {await db.ThreatIntelPayloads.CountAsync()} items, {watch.Elapsed.TotalSeconds:0} s");
        }

        Console.WriteLine($"PROVIDER={provider}");
        Console.WriteLine($"CONNECTION={host.ConnectionString}");
        Console.WriteLine($"TOKEN={token}");
        return 0;
    }
}
