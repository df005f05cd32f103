using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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

    /// <summary>A node on SQLite (default) or on a fresh PostgreSQL database (<c>Postgres</c>).</summary>
    public FederationNode(string provider = "Sqlite") : base(provider)
    {
    }

    /// <summary><c>http://127.0.0.1:PORT</c> once <see cref="Serve"/> ran.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Starts the node on a free loopback port (Kestrel) and returns its base URL (no trailing slash).</summary>
    public string Serve()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return BaseUrl;
    }

    /// <summary>
    /// Imports one indicator as a threat-intelligence item of the organisation of <paramref name="email"/> (by that person, needed for
    /// RED) with the label and audience given, or into <paramref name="into"/>; returns the item id.
    /// </summary>
    public Task<Guid> ImportIndicatorAsync(string title, Tlp label, string indicatorId, string modified, string[] audience, Guid? into = null, string email = "analist@ncsc.example.nl") =>
        WithDbAsync(async (db, sp) =>
        {
            var person = await db.Users.SingleAsync(u => u.Email == email);
            var bundle = $$"""
                {"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{"type":"indicator","spec_version":"2.1","id":"{{indicatorId}}",
                 "created":"2024-01-01T00:00:00.000Z","modified":"{{modified}}","name":"{{title}}","pattern":"[domain-name:value = 'x.example']",
                 "pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}]}
                """;
            var result = await sp.GetRequiredService<ThreatIntelImporter>().ImportAsync(Encoding.UTF8.GetBytes(bundle),
                new ThreatIntelImportRequest(person.OrganisationId, person.Id, into is null ? label : null,
                    audience.Select(a => AudienceSpec.TryParse(a, out var spec, out var e) ? spec : throw new ArgumentException(e)).ToList())
                { Title = title, IntoItemId = into });
            Assert.True(result.ItemId is not null, title + ": " + string.Join("; ", result.Errors.Select(e => e.Message)));
            return result.ItemId!.Value;
        });

    /// <summary>Relabels or retracts an item as the NCSC analyst (its originator), through <see cref="ItemChangeService"/>.</summary>
    public Task ChangeAsync(Guid itemId, Tlp? relabel, bool retract) =>
        WithDbAsync(async (db, sp) =>
        {
            var person = await db.Users.SingleAsync(u => u.Email == "analist@ncsc.example.nl");
            var org = await db.Organisations.SingleAsync(o => o.Id == person.OrganisationId);
            var viewer = Viewer.For(person, org.Type, await sp.GetRequiredService<UserManager<Person>>().GetRolesAsync(person));
            var changes = sp.GetRequiredService<ItemChangeService>();
            if (relabel is { } tlp) await changes.RelabelAsync(viewer, itemId, tlp);
            if (retract) await changes.RetractAsync(viewer, itemId, "Test: ingetrokken.");
            return 0;
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Federation:WorkerEnabled", "false");
        builder.UseSetting("Federation:PageSize", "3");
    }

    /// <summary>Adds a subscription as the command line would; fails the test when it is refused.</summary>
    public Task<int> SubscribeAsync(string url, string collection, Tlp maxTlp, params string[] audience) =>
        SubscribeAsync(new TaxiiSourceInput(url, collection, null, null, maxTlp, null, audience));

    /// <summary>Adds a subscription; fails the test when it is refused.</summary>
    public Task<int> SubscribeAsync(TaxiiSourceInput input) =>
        WithDbAsync(async (_, sp) =>
        {
            var (id, problems) = await sp.GetRequiredService<TaxiiSubscriptionService>().AddAsync(input, CancellationToken.None);
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
