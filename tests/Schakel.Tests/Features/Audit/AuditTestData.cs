using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Audit;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Audit;

/// <summary>Helpers for the audit tests: publish a small item, wait for queued records, read the stored chain.</summary>
internal static class AuditTestData
{
    /// <summary>Publishes a post of <paramref name="publisherKey"/> with the given label to <paramref name="audience"/>; returns its id.</summary>
    public static Task<Guid> PublishAsync(SchakelFactory factory, string publisherKey, Tlp tlp, params string[] audience) =>
        factory.WithDbAsync(async (db, sp) =>
        {
            var now = DateTimeOffset.UtcNow;
            var publisher = await db.Organisations.SingleAsync(o => o.Key == publisherKey);
            var item = new Item
            {
                Id = Guid.CreateVersion7(), Kind = ItemKind.Post, Title = "Audit test " + tlp, Tlp = tlp, PublisherOrganisationId = publisher.Id,
                Status = ItemStatus.Draft, CreatedAt = now, UpdatedAt = now,
            };
            db.Items.Add(item);
            await db.SaveChangesAsync();
            var specs = audience.Select(a => AudienceSpec.TryParse(a, out var spec, out var error) ? spec : throw new ArgumentException(error)).ToList();
            await sp.GetRequiredService<PublishingService>().PublishAsync(item, publisher, null, specs);
            return item.Id;
        });

    /// <summary>Waits until every record queued so far is stored.</summary>
    public static Task FlushAsync(SchakelFactory factory) => factory.Services.GetRequiredService<AuditLog>().FlushAsync();

    public static Task<List<AuditRecord>> RecordsAsync(SchakelFactory factory) =>
        factory.WithDbAsync((db, _) => db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync());

    public static Task<int> OrganisationIdAsync(SchakelFactory factory, string key) =>
        factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == key).Select(o => o.Id).SingleAsync());
}
