using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Data;

/// <summary>
/// The schema on both providers: each test starts the application on a fresh database (a new SQLite file or a new
/// PostgreSQL database), which runs the provider's migrations and seeds the demo network.
/// </summary>
public sealed class ProviderSchemaTests
{
    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigrationOnThatProvider(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var (providerName, known, applied, pending) = await factory.WithDbAsync(async (db, _) => (
            db.Database.ProviderName, db.Database.GetMigrations().ToList(),
            (await db.Database.GetAppliedMigrationsAsync()).ToList(), (await db.Database.GetPendingMigrationsAsync()).ToList()));

        Assert.Equal(provider == "Postgres" ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", providerName);
        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        Assert.Empty(pending);
    }

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task Seed_EmptyDatabase_StoresDemoNetworkAndPeople(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var (orgKeys, memberships, people) = await factory.WithDbAsync(async (db, _) => (
            await db.Organisations.Select(o => o.Key).ToListAsync(), await db.ConstituencyMemberships.CountAsync(),
            await db.Users.Select(u => u.Email!).ToListAsync()));

        Assert.Equal(DemoData.Organisations().Select(o => o.Key).Order(), orgKeys.Order());
        Assert.Equal(DemoData.Organisations().Sum(o => o.LinkingOrganisations.Count), memberships);
        Assert.Equal(DemoNetwork.People.Select(p => p.Email).Order(), people.Order());
    }

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task SectorsContains_DemoNetwork_MatchesSectorMembersOnly(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var expected = DemoData.Organisations().Where(o => o.Sectors.Contains("health")).Select(o => o.Key).Order().ToList();
        var wanted = new List<string> { "energy", "drinking-water" };
        var expectedAny = DemoData.Organisations().Where(o => o.Sectors.Any(wanted.Contains)).Select(o => o.Key).Order().ToList();

        var (health, none, any) = await factory.WithDbAsync(async (db, _) => (
            await db.Organisations.Where(o => o.Sectors.Contains("health")).Select(o => o.Key).ToListAsync(),
            await db.Organisations.CountAsync(o => o.Sectors.Contains("no-such-sector")),
            await db.Organisations.Where(o => o.Sectors.Any(s => wanted.Contains(s))).Select(o => o.Key).ToListAsync()));

        Assert.True(expected.Count >= 3, $"{expected.Count} health organisations in the demo network");
        Assert.Equal(expected, health.Order());
        Assert.Equal(0, none);
        Assert.Equal(expectedAny, any.Order());
    }

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task DeliveryUniqueIndexes_SecondCopy_AreRefusedButPersonDeliveryBesideOrganisationIsAllowed(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        await factory.WithDbAsync(async (db, sp) =>
        {
            var ncsc = await db.Organisations.SingleAsync(o => o.Key == "ncsc");
            var member = await db.Organisations.SingleAsync(o => o.Key == "ziekenhuis-rijnoever");
            var person = await sp.GetRequiredService<UserManager<Person>>().FindByEmailAsync("ict@ziekenhuis-rijnoever.example.nl");
            var now = DateTimeOffset.UtcNow;
            var item = new Item
            {
                Id = Guid.CreateVersion7(), Kind = ItemKind.Post, Title = "Index test", Tlp = Tlp.Amber, PublisherOrganisationId = ncsc.Id,
                Status = ItemStatus.Published, CreatedAt = now, UpdatedAt = now, PublishedAt = now,
            };
            db.Items.Add(item);
            db.Deliveries.Add(NewDelivery(item.Id, member.Id, null, now));
            await db.SaveChangesAsync();

            async Task<bool> Stores(Delivery d)
            {
                db.ChangeTracker.Clear();
                db.Deliveries.Add(d);
                try
                {
                    await db.SaveChangesAsync();
                    return true;
                }
                catch (DbUpdateException)
                {
                    return false;
                }
            }

            Assert.False(await Stores(NewDelivery(item.Id, member.Id, null, now)), "a second organisation delivery was stored");
            Assert.True(await Stores(NewDelivery(item.Id, member.Id, person!.Id, now)), "a person delivery beside the organisation's was refused");
            Assert.False(await Stores(NewDelivery(item.Id, member.Id, person.Id, now)), "a second person delivery was stored");
            db.ChangeTracker.Clear();
            Assert.Equal(2, await db.Deliveries.CountAsync(d => d.ItemId == item.Id));
            return 0;
        });
    }

    private static Delivery NewDelivery(Guid itemId, int orgId, string? personId, DateTimeOffset now) => new()
    {
        ItemId = itemId, RecipientOrganisationId = orgId, RecipientPersonId = personId, EffectiveTlp = Tlp.Amber,
        State = DeliveryState.Delivered, DeliveredAt = now,
    };
}
