using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Data;
using Schakel.Features.Network;
using Schakel.Features.Sharing;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>publish [--provider Sqlite|Postgres] [--orgs 10000] [--runs 3]</c>: adds generated member organisations to a fresh
/// database, then publishes draft items to the audience <c>network</c> through <see cref="PublishingService.PublishAsync"/>
/// and times each call until SaveChanges has stored every delivery. Checks one delivery per receiving organisation.
/// </summary>
public static class PublishRun
{
    public static async Task<int> RunAsync(string provider, int orgCount, int runs, string variant = "service")
    {
        await using var host = await BenchHost.CreateAsync(provider);
        var seed = Stopwatch.StartNew();
        await AddOrganisationsAsync(host.Services, orgCount);
        Console.WriteLine($"provider {provider}: added {orgCount} organisations in {seed.Elapsed.TotalSeconds:0.0} s");

        var failures = 0;
        for (var run = 1; run <= runs; run++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            var ncsc = await db.Organisations.SingleAsync(o => o.Key == "ncsc");
            var item = await NewDraftAsync(db, ncsc, run);
            var expected = await db.Organisations.CountAsync(o => o.IsActive && o.Id != ncsc.Id);

            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            var timer = host.Services.GetRequiredService<CommandTimer>();
            timer.Reset();
            var watch = Stopwatch.StartNew();
            var added = variant == "lean" ? await LeanAsync(db, item, ncsc)
                : await scope.ServiceProvider.GetRequiredService<PublishingService>().PublishAsync(item, ncsc, null, [new AudienceSpec(AudienceKind.Network, null)]);
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
            var (dbTime, commands) = (timer.Elapsed, timer.Commands);

            // Members that no route can reach (no basis, no linking organisation) are listed, not delivered.
            expected -= await db.UnreachableMembers.CountAsync(u => u.ItemId == item.Id);
            var stored = await db.Deliveries.CountAsync(d => d.ItemId == item.Id);
            var routes = await db.DeliveryRoutes.CountAsync(r => r.Delivery.ItemId == item.Id);
            // Every organisation is reached (members without a basis by relay); linking organisations hold a relay route besides their own.
            var ok = added == expected && stored == expected && routes >= expected;
            if (!ok) failures++;
            Console.WriteLine($"run {run}: {watch.Elapsed.TotalSeconds:0.00} s for {stored} deliveries + {routes} routes " +
                $"({stored / watch.Elapsed.TotalSeconds:0} deliveries/s), allocated {allocated / 1048576.0:0} MiB, " +
                $"{commands} commands taking {dbTime.TotalSeconds:0.00} s in the database{(ok ? "" : $" — EXPECTED {expected}")}");
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// Adds generated member organisations (sector energy, region NL-UT) in batches without change detection: the even ones
    /// with a Wbni article 3 basis of their own (reached directly when the coordinator publishes), the odd ones without,
    /// in the constituency of a generated linking organisation (reached by relay, automatic by default).
    /// </summary>
    public static async Task AddOrganisationsAsync(IServiceProvider services, int count, string prefix = "bench-org-")
    {
        const int batch = 2000;
        var now = DateTimeOffset.UtcNow;
        int linkingId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            var linking = new Organisation
            {
                Key = prefix + "cert", Name = "Benchmark CERT", Type = OrganisationType.LinkingOrganisation, Designation = Designation.CERT,
                Sectors = ["energy"], Region = "NL-UT", WbniCategory = "designated-cert", CreatedAt = now,
            };
            db.Organisations.Add(linking);
            await db.SaveChangesAsync();
            linkingId = linking.Id;
        }

        for (var start = 0; start < count; start += batch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Organisations.AddRange(Enumerable.Range(start, Math.Min(batch, count - start)).Select(i => new Organisation
            {
                Key = $"{prefix}{i:D5}", Name = $"Benchmark organisation {i}", Type = OrganisationType.Member, Sectors = ["energy"],
                Nis2Class = Nis2Class.Important, Region = "NL-UT", Email = $"security@{prefix}{i:D5}.example.nl", CreatedAt = now,
                WbniCategory = i % 2 == 0 ? "vital-or-government" : "none",
                LinkingOrganisations = i % 2 == 0 ? [] : [new ConstituencyMembership { LinkingOrganisationId = linkingId, CreatedAt = now }],
            }));
            await db.SaveChangesAsync();
        }
    }

    // Experiment: the same rows as PublishAsync for audience network, added by foreign key with change detection off.
    private static async Task<int> LeanAsync(SchakelDbContext db, Item item, Organisation publisher)
    {
        var now = DateTimeOffset.UtcNow;
        var entry = new AudienceEntry { ItemId = item.Id, Kind = AudienceKind.Network, AddedByOrganisationId = publisher.Id, CreatedAt = now };
        db.AudienceEntries.Add(entry);
        var ids = await db.Organisations.AsNoTracking().Where(o => o.IsActive && o.Id != publisher.Id).Select(o => o.Id).ToListAsync();
        item.Status = ItemStatus.Published;
        item.PublishedAt = now;
        item.UpdatedAt = now;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ChangeTracker.DetectChanges();
        db.Deliveries.AddRange(ids.Select(id => new Delivery
        {
            ItemId = item.Id, RecipientOrganisationId = id, EffectiveTlp = item.Tlp, State = DeliveryState.Delivered, DeliveredAt = now,
            Routes = [new DeliveryRoute { Kind = RouteKind.Direct, Tlp = item.Tlp, AudienceEntry = entry, CreatedAt = now }],
        }));
        await db.SaveChangesAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return ids.Count;
    }

    private static async Task<Item> NewDraftAsync(SchakelDbContext db, Organisation publisher, int run)
    {
        var now = DateTimeOffset.UtcNow;
        var item = new Item
        {
            Id = Guid.CreateVersion7(now), Kind = ItemKind.Post, Title = $"Benchmark item {run}", Tlp = Tlp.Green,
            PublisherOrganisationId = publisher.Id, Status = ItemStatus.Draft, CreatedAt = now, UpdatedAt = now,
        };
        db.Items.Add(item);
        await db.SaveChangesAsync();
        return item;
    }
}
