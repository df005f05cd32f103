using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Sharing;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>seed-inbox [--provider Sqlite|Postgres] [--db PATH] [--items 100000]</c>: a demo database with that many published
/// items from NCSC, each delivered to the demo hospital <c>ziekenhuis-rijnoever</c> (CLEAR, GREEN and AMBER, delivered over
/// the past year). Keeps the database and prints its connection string and an API token of the hospital's analyst, for
/// <c>schakel serve</c> and the <c>load</c> verb.
/// </summary>
public static class InboxSeed
{
    public const string Organisation = "ziekenhuis-rijnoever";
    public const string Person = "ict@ziekenhuis-rijnoever.example.nl";

    public static async Task<int> RunAsync(string provider, string? sqlitePath, int count)
    {
        await using var host = await BenchHost.CreateAsync(provider, sqlitePath);
        host.Keep = true;
        var watch = Stopwatch.StartNew();
        int publisherId, recipientId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            publisherId = await db.Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync();
            recipientId = await db.Organisations.Where(o => o.Key == Organisation).Select(o => o.Id).SingleAsync();
        }

        // EF inserts in batches with change detection off: fast enough (about a minute) and no hand-written provider-specific SQL.
        const int batch = 5000;
        var end = DateTimeOffset.UtcNow;
        Tlp[] labels = [Tlp.Clear, Tlp.Green, Tlp.Amber];
        for (var start = 0; start < count; start += batch)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + batch); i++)
            {
                var at = end.AddMinutes(-5.25 * (count - i)); // 100,000 items over about a year, the last one now
                var item = new Item
                {
                    Id = Guid.CreateVersion7(at), Kind = ItemKind.Advisory, Title = $"Benchmark advisory {i}: buffer overflow in example product",
                    Summary = "Generated for the inbox benchmark.", Tlp = labels[i % labels.Length], PublisherOrganisationId = publisherId,
                    Status = ItemStatus.Published, Version = "1", CreatedAt = at, PublishedAt = at, UpdatedAt = at,
                };
                db.Items.Add(item);
                db.Deliveries.Add(new Delivery
                {
                    Item = item, RecipientOrganisationId = recipientId, EffectiveTlp = item.Tlp, State = DeliveryState.Delivered, DeliveredAt = at,
                });
            }

            await db.SaveChangesAsync();
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            // Fresh statistics, as autovacuum would have them on a database that grew over a year.
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            await db.Database.ExecuteSqlRawAsync(provider == "Postgres" ? "ANALYZE \"Items\", \"Deliveries\"" : "ANALYZE");
        }

        string token;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var person = await users.FindByEmailAsync(Person) ?? throw new InvalidOperationException("Demo person missing.");
            token = await scope.ServiceProvider.GetRequiredService<PersonService>().CreateTokenAsync(person, "inbox benchmark");
        }

        Console.Error.WriteLine($"seeded {count} items and deliveries in {watch.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"PROVIDER={provider}");
        Console.WriteLine($"CONNECTION={host.ConnectionString}");
        Console.WriteLine($"TOKEN={token}");
        return 0;
    }
}
