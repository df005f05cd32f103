using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Accounts;
using Schakel.Features.Federation;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Features.Tlp;
using Schakel.Stix;
using Schakel.Stix.Extensions;
using Schakel.Stix.Markings;
using Schakel.Stix.Tests.Taxii;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Federation;

/// <summary>A node for federation tests: the demo network on its own database, subscriptions run by the tests only (no worker).</summary>
public class FederationNode : SchakelFactory
{
    public const string ZcertAnalyst = "analist@z-cert.example.nl";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Federation:WorkerEnabled", "false");
        builder.UseSetting("Federation:PageSize", "3");
    }

    /// <summary>Adds a subscription as the command line would; fails the test when it is refused.</summary>
    public Task<int> SubscribeAsync(string url, string collection, Tlp maxTlp, params string[] audience) =>
        WithDbAsync(async (_, sp) =>
        {
            var (id, problems) = await sp.GetRequiredService<TaxiiSubscriptionService>().AddAsync(new TaxiiSourceInput(url, collection, null, null, maxTlp, null, audience), CancellationToken.None);
            Assert.True(id is not null, string.Join("; ", problems));
            return id!.Value;
        });

    /// <summary>Runs a subscription once.</summary>
    public Task<PullReport> RunAsync(int id) =>
        WithDbAsync(async (_, sp) => (await sp.GetRequiredService<TaxiiSubscriptionRunner>().RunAsync(id, CancellationToken.None))!);

    /// <summary>The items rebuilt from a source item (by source key suffix), with label, status, publisher and object versions held.</summary>
    public Task<List<Pulled>> PulledAsync() =>
        WithDbAsync(async (db, _) =>
        {
            var rows = await db.ThreatIntelPayloads.AsNoTracking().Where(p => p.SourceKey != null)
                .Select(p => new { p.SourceKey, p.ItemId, p.Item.Tlp, p.Item.Status, p.Item.Title, Publisher = p.Item.PublisherOrganisation.Key, p.Item.PublisherOrganisation.RemoteNode })
                .ToListAsync();
            var result = new List<Pulled>();
            foreach (var r in rows)
            {
                var versions = await db.ItemStixObjects.AsNoTracking().Where(l => l.ItemId == r.ItemId)
                    .Select(l => new { l.Version.StixId, l.Version.Modified, l.Version.Revoked, l.Version.Content }).ToListAsync();
                result.Add(new Pulled(r.SourceKey!, r.ItemId, r.Tlp, r.Status, r.Title, r.Publisher, r.RemoteNode,
                    versions.Select(v => (v.StixId, v.Modified, v.Revoked)).ToList(), versions.Select(v => v.Content).ToList()));
            }

            return result;
        });

    /// <summary>Whether a demo person may see the item on this node (through <see cref="ItemAccess"/>).</summary>
    public Task<bool> CanSeeAsync(string email, Guid itemId) =>
        WithDbAsync(async (db, sp) =>
        {
            var person = await db.Users.SingleAsync(u => u.Email == email);
            var org = await db.Organisations.SingleAsync(o => o.Id == person.OrganisationId);
            var viewer = Viewer.For(person, org.Type, await sp.GetRequiredService<UserManager<Person>>().GetRolesAsync(person));
            return await sp.GetRequiredService<ItemAccess>().CanSeeAsync(viewer, itemId, CancellationToken.None);
        });
}

/// <summary>An item on the receiving node that came from elsewhere.</summary>
public sealed record Pulled(string SourceKey, Guid ItemId, Tlp Tlp, ItemStatus Status, string Title, string Publisher, string? RemoteNode,
    List<(string StixId, string? Modified, bool Revoked)> Versions, List<string> Contents);

/// <summary>Objects as a Schakel node serves them: with Schakel's extension naming the source item (made-up ids and times).</summary>
public static class SourceObjects
{
    private static int _counter;

    /// <summary>An indicator (new id unless given) with the extension for <paramref name="item"/>; markings as given.</summary>
    public static StixObject Indicator(SchakelItemRef item, string modified, string? id = null, string? marking = null, bool revoked = false) =>
        SchakelExtension.With(StixObject.Parse($$"""
            {"type":"indicator","spec_version":"2.1","id":"{{id ?? NewId("indicator")}}","created":"2024-01-01T00:00:00.000Z","modified":"{{modified}}",
             "name":"{{item.Title}}","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"{{(revoked ? ",\"revoked\":true" : "")}}
             {{(marking is null ? "" : $",\"object_marking_refs\":[\"{marking}\"]")}}}
            """), item);

    public static string NewId(string type) => $"{type}--{new Guid(Interlocked.Increment(ref _counter), 0x1234, 0x4567, [0x89, 0xab, 0, 0, 0, 0, 0, 1]):D}";

    /// <summary>Entries with date_added one millisecond and some microseconds apart, after <paramref name="after"/> entries.</summary>
    public static IEnumerable<CannedTaxiiServer.Entry> Entries(int after, params StixObject[] objects) =>
        objects.Select((o, i) => new CannedTaxiiServer.Entry($"2025-06-01T12:00:00.{(after + i + 1) * 1000 + 7:000000}Z", o.Json));

    public static SchakelItemRef Item(StixTlp tlp, string title, string status = "published") => new(Guid.NewGuid(), tlp, status, "ncsc", title);
}
