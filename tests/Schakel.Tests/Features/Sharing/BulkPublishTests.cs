using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Sharing;

/// <summary>
/// Publishing to a large audience takes the set-based path (<c>BulkDeliveryWriter</c>); it must store exactly what the
/// one-by-one path stores: one delivery per receiving organisation, each with one direct route to its audience entry.
/// The publisher is a linking organisation, so every recipient is addressed directly (no legal-basis relays).
/// </summary>
public sealed class BulkPublishTests
{
    private const int ExtraOrganisations = 600;

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task PublishAsync_NetworkOfHundredsOfOrganisations_OneDeliveryAndRoutePerOrganisation(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var now = DateTimeOffset.UtcNow;
        var (itemId, added) = await factory.WithDbAsync(async (db, sp) =>
        {
            db.Organisations.AddRange(Enumerable.Range(0, ExtraOrganisations).Select(i => new Organisation
            {
                Key = $"bulk-{i:D4}", Name = $"Bulk {i}", Type = OrganisationType.Member, Sectors = ["energy"], Region = "NL-UT", CreatedAt = now,
                IsActive = i % 100 != 0, // a few deactivated ones must get nothing
            }));
            var ncsc = await db.Organisations.SingleAsync(o => o.Key == "z-cert");
            var item = new Item
            {
                Id = Guid.CreateVersion7(), Kind = ItemKind.Post, Title = "Bulk", Tlp = Tlp.Amber, PublisherOrganisationId = ncsc.Id,
                Status = ItemStatus.Draft, CreatedAt = now, UpdatedAt = now,
            };
            db.Items.Add(item);
            await db.SaveChangesAsync();
            var count = await sp.GetRequiredService<PublishingService>().PublishAsync(item, ncsc, null, [new AudienceSpec(AudienceKind.Network, null)]);
            return (item.Id, count);
        });

        var (expected, deliveries, routes, entry, item) = await factory.WithDbAsync(async (db, _) => (
            await db.Organisations.Where(o => o.IsActive && o.Key != "z-cert").Select(o => o.Id).ToListAsync(),
            await db.Deliveries.Where(d => d.ItemId == itemId).ToListAsync(),
            await db.DeliveryRoutes.Where(r => r.Delivery.ItemId == itemId).ToListAsync(),
            await db.AudienceEntries.SingleAsync(a => a.ItemId == itemId),
            await db.Items.SingleAsync(i => i.Id == itemId)));

        Assert.True(expected.Count > PublishingService.BulkThreshold, "the audience must be large enough for the bulk path");
        Assert.Equal(expected.Count, added);
        Assert.Equal(expected.Order(), deliveries.Select(d => d.RecipientOrganisationId).Order());
        Assert.All(deliveries, d =>
        {
            Assert.Null(d.RecipientPersonId);
            Assert.Equal(Tlp.Amber, d.EffectiveTlp);
            Assert.Equal(DeliveryState.Delivered, d.State);
            Assert.False(d.Updated);
            Assert.Equal(item.PublishedAt, d.DeliveredAt); // times round-trip in the provider's form
        });
        Assert.Equal(deliveries.Select(d => d.Id).Order(), routes.Select(r => r.DeliveryId).Order());
        Assert.All(routes, r =>
        {
            Assert.Equal(RouteKind.Direct, r.Kind);
            Assert.Equal(Tlp.Amber, r.Tlp);
            Assert.Equal(entry.Id, r.AudienceEntryId);
        });
        Assert.Equal(ItemStatus.Published, item.Status);

        // A second audience that reaches the same organisations adds no delivery; the generated members see the item in their inbox.
        var again = await factory.WithDbAsync(async (db, sp) =>
        {
            var ncsc = await db.Organisations.SingleAsync(o => o.Key == "z-cert");
            var tracked = await db.Items.SingleAsync(i => i.Id == itemId);
            return await sp.GetRequiredService<PublishingService>().PublishAsync(tracked, ncsc, null, [new AudienceSpec(AudienceKind.Sector, "energy")]);
        });
        Assert.Equal(0, again);
        Assert.Equal(expected.Count, await factory.WithDbAsync((db, _) => db.Deliveries.CountAsync(d => d.ItemId == itemId)));
        var member = expected[^1];
        var inbox = await factory.WithDbAsync((db, sp) => sp.GetRequiredService<ItemAccess>()
            .Inbox(new Viewer("member", member, OrganisationType.Member, new HashSet<string>())).Select(d => d.ItemId).ToListAsync());
        Assert.Equal([itemId], inbox);
    }
}
