using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Accounts;
using Schakel.Features.Advisories;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Data;

/// <summary>
/// The advisory life cycle on both providers: import and publish to a sector, the inbox query, a delivery state change,
/// and re-imports of a newer, the same and an older version of a real CISA advisory.
/// </summary>
public sealed class ProviderImportTests
{
    // A real CISA advisory at version 2 (Update A); the test makes version 3 from it in memory.
    private static readonly string[] AdvisoryPath = ["csaf", "advisories", "cisa", "OT", "white", "2024", "icsa-24-016-01.json"];
    private const string MemberEmail = "ict@ziekenhuis-rijnoever.example.nl";

    [Theory, ProviderData("Sqlite", NeedsData = true), ProviderData("Postgres", NeedsData = true)]
    public async Task ImportPublishReimport_RealAdvisory_DeliversToSectorAndTracksVersions(string provider)
    {
        var original = await File.ReadAllBytesAsync(TestEnvironment.Data(AdvisoryPath));
        var newer = NewerVersion(original, "3");
        using var factory = SchakelFactory.Create(provider);

        var (ncscId, health, other) = await factory.WithDbAsync(async (db, _) => (
            await db.Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync(),
            // The health sector — members without a Wbni basis only when a linking organisation with one can relay — plus
            // the linking organisations that hold a relay delivery for them.
            (await db.Organisations.Where(o => o.Key != "ncsc" && o.IsActive && o.Sectors.Contains("health")
                && (o.WbniCategory != "none" || o.LinkingOrganisations.Any(m => m.LinkingOrganisation.IsActive && m.LinkingOrganisation.WbniCategory != "none")))
                .Select(o => o.Id).ToListAsync())
                .Union(await db.ConstituencyMemberships.Where(m => m.Member.IsActive && m.Member.Sectors.Contains("health") && m.Member.WbniCategory == "none"
                    && m.LinkingOrganisation.IsActive && m.LinkingOrganisation.WbniCategory != "none").Select(m => m.LinkingOrganisationId).ToListAsync()).ToList(),
            await db.Organisations.Where(o => o.Type == OrganisationType.Member && !o.Sectors.Contains("health")).Select(o => o.Id).FirstAsync()));
        var request = new AdvisoryImportRequest(ncscId, null, null, [new AudienceSpec(AudienceKind.Sector, "health")]);

        var first = await ImportAsync(factory, original, request);
        Assert.Equal(ImportOutcome.Imported, first.Outcome);
        var itemId = first.ItemId!.Value;
        var deliveries = await factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == itemId).Select(d => d.RecipientOrganisationId).ToListAsync());
        Assert.Equal(health.Order(), deliveries.Order());

        // The member's inbox (newest first, on the (RecipientOrganisationId, DeliveredAt) index) holds the item; another sector's does not.
        var member = await ViewerAsync(factory, MemberEmail);
        var inbox = await factory.WithDbAsync((db, sp) => sp.GetRequiredService<ItemAccess>().Inbox(member)
            .OrderByDescending(d => d.DeliveredAt).Select(d => new { d.ItemId, d.Item.Title, d.State }).ToListAsync());
        var row = Assert.Single(inbox);
        Assert.Equal(itemId, row.ItemId);
        Assert.Equal(DeliveryState.Delivered, row.State);
        var outsider = new Viewer("someone", other, OrganisationType.Member, new HashSet<string> { Roles.Reader });
        Assert.Empty(await factory.WithDbAsync((db, sp) => sp.GetRequiredService<ItemAccess>().Inbox(outsider).ToListAsync()));

        var (change, _) = await factory.WithDbAsync((db, sp) => sp.GetRequiredService<DeliveryService>().ChangeAsync(member, itemId, DeliveryState.Acknowledged));
        Assert.Equal(StateChangeOutcome.Changed, change);
        var acknowledged = await MemberDeliveryAsync(factory, itemId, member);
        Assert.Equal(DeliveryState.Acknowledged, acknowledged.State);
        Assert.NotNull(acknowledged.AcknowledgedAt);
        Assert.False(acknowledged.Updated);

        // A newer version updates the item and flags every delivery, keeping the recipient's state and one delivery per organisation.
        var update = await ImportAsync(factory, newer, request);
        Assert.Equal(ImportOutcome.Updated, update.Outcome);
        Assert.Equal(itemId, update.ItemId);
        var afterUpdate = await factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == itemId).ToListAsync());
        Assert.Equal(health.Count, afterUpdate.Count);
        Assert.All(afterUpdate, d => Assert.True(d.Updated));
        Assert.Equal(DeliveryState.Acknowledged, afterUpdate.Single(d => d.RecipientOrganisationId == member.OrganisationId).State);
        Assert.Equal(("3", 2), await VersionAsync(factory, itemId));

        // The same version again changes nothing; an older one is refused.
        var same = await ImportAsync(factory, newer, request);
        Assert.Equal(ImportOutcome.Unchanged, same.Outcome);
        var older = await ImportAsync(factory, original, request);
        Assert.Equal(ImportOutcome.Rejected, older.Outcome);
        Assert.Contains(older.Errors, e => e.Path == "/document/tracking/version");
        Assert.Equal(("3", 2), await VersionAsync(factory, itemId));
        Assert.Equal(health.Count, await factory.WithDbAsync((db, _) => db.Deliveries.CountAsync(d => d.ItemId == itemId)));
    }

    /// <summary>The document with tracking version <paramref name="version"/>, a later release date and a matching revision entry.</summary>
    internal static byte[] NewerVersion(byte[] csaf, string version)
    {
        var doc = JsonNode.Parse(csaf)!;
        var tracking = doc["document"]!["tracking"]!;
        var date = DateTimeOffset.Parse(tracking["current_release_date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).AddDays(30);
        var text = date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        tracking["version"] = version;
        tracking["current_release_date"] = text;
        tracking["revision_history"]!.AsArray().Add(new JsonObject { ["date"] = text, ["number"] = version, ["summary"] = "Test update" });
        return System.Text.Encoding.UTF8.GetBytes(doc.ToJsonString());
    }

    private static Task<AdvisoryImportResult> ImportAsync(SchakelFactory factory, byte[] content, AdvisoryImportRequest request) =>
        factory.WithDbAsync((_, sp) => sp.GetRequiredService<AdvisoryImporter>().ImportAsync(content, request));

    private static Task<Delivery> MemberDeliveryAsync(SchakelFactory factory, Guid itemId, Viewer member) =>
        factory.WithDbAsync((db, _) => db.Deliveries.AsNoTracking().SingleAsync(d => d.ItemId == itemId && d.RecipientOrganisationId == member.OrganisationId));

    private static Task<(string?, int)> VersionAsync(SchakelFactory factory, Guid itemId) =>
        factory.WithDbAsync(async (db, _) =>
        {
            var item = await db.Items.Include(i => i.Advisory!).ThenInclude(a => a.Revisions).SingleAsync(i => i.Id == itemId);
            return (item.Version, item.Advisory!.Revisions.Count);
        });

    private static async Task<Viewer> ViewerAsync(SchakelFactory factory, string email) =>
        await factory.WithDbAsync(async (db, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<Person>>();
            var person = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No person {email}.");
            var type = await db.Organisations.Where(o => o.Id == person.OrganisationId).Select(o => o.Type).SingleAsync();
            return Viewer.For(person, type, await users.GetRolesAsync(person));
        });
}
