using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Stix.Markings;
using Schakel.Stix.Taxii;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// The push half of two-node federation (issue 5: "a node can also push to a remote collection (POST envelope) and follow
/// the status resource"; TAXII 2.1 sections 5.5 Add Objects and 4.3 Get Status). Node A (the coordinator's) serves its TAXII
/// API on a real Kestrel port; node B (Z-CERT's) pushes an item Z-CERT imported on B with <c>schakel taxii push</c>, the way
/// a user would, using a Z-CERT analyst's token on A. Run on SQLite and on PostgreSQL (both nodes on the same provider).
/// </summary>
public sealed partial class TwoNodePushTests
{
    private const string ZcertAnalyst = FederationNode.ZcertAnalyst;
    private const string Modified = "2024-03-01T10:00:00.000Z";

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task CliPush_ZcertItemToOwnConstituencyOnA_OneItemByZcertThenUnchangedThenRefusedAndConflictReported(string provider)
    {
        using var a = new FederationNode(provider);
        a.Serve();
        using var b = new FederationNode(provider);
        var discovery = a.BaseUrl + "/taxii2/";
        var token = await a.TokenForAsync(ZcertAnalyst);

        // On A, the NCSC holds an indicator that B's second item will claim with the same id and modified but other content.
        var shared = SourceObjects.NewId("indicator");
        await a.ImportIndicatorAsync("ncsc", Tlp.Green, shared, Modified, ["org:z-cert"]);

        var own = SourceObjects.NewId("indicator");
        var itemOnB = await ImportOnBAsync(b, Bundle(Indicator(own, "Z-CERT: phishing ziekenhuizen")));
        var before = await ZcertItemsAsync(a);
        Assert.Empty(before);

        // First push: one object added, the status resource complete with one success.
        var first = await PushAsync(b, discovery, "constituency:z-cert", token, itemOnB);
        Assert.True(first.ExitCode == 0, $"exit {first.ExitCode}\n{first.Stdout}\n{first.Stderr}");
        Assert.Contains($"success {own} {Modified}: Added", first.Stdout, StringComparison.Ordinal);
        var status = await StatusOnAAsync(a, token, first.Stdout);
        Assert.Equal(("complete", 1, 1, 0, 0), (status.Status, status.TotalCount, status.SuccessCount, status.FailureCount, status.PendingCount));
        Assert.Equal(own, Assert.Single(status.Successes!).Id);

        // It became ONE new item on A, published by Z-CERT as GREEN (its marking) to Z-CERT's constituency, holding the object.
        var pushed = Assert.Single(await ZcertItemsAsync(a));
        Assert.Equal((Tlp.Green, ItemStatus.Published, "taxii-envelope"), (pushed.Tlp, pushed.Status, pushed.Format));
        Assert.Equal(["constituency:z-cert"], pushed.Audience);
        Assert.Equal([own], pushed.Objects);
        Assert.True(await a.CanSeeAsync("ict@ziekenhuis-rijnoever.example.nl", pushed.ItemId), "a member of Z-CERT's constituency receives it on A");
        Assert.False(await a.CanSeeAsync("analist@ibd.example.nl", pushed.ItemId), "IBD is not in Z-CERT's constituency");

        // Second push of the same item: a success that changed nothing, and still one item.
        var second = await PushAsync(b, discovery, "constituency:z-cert", token, itemOnB);
        Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}\n{second.Stdout}\n{second.Stderr}");
        Assert.Contains($"success {own} {Modified}: Unchanged", second.Stdout, StringComparison.Ordinal);
        var again = await StatusOnAAsync(a, token, second.Stdout);
        Assert.Equal(("complete", 1, 0), (again.Status, again.SuccessCount, again.FailureCount));
        Assert.Equal(pushed.ItemId, Assert.Single(await ZcertItemsAsync(a)).ItemId);

        // The inbox is never writable (can_write false): a clear error and exit 1, nothing posted.
        var refused = await PushAsync(b, discovery, "inbox", token, itemOnB);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("may not be written with these credentials (can_write is false)", refused.Stderr, StringComparison.Ordinal);
        Assert.Single(await ZcertItemsAsync(a));

        // An item with the NCSC's indicator id and version but other content: the conflict is a failure in the status, exit 1.
        var fresh = SourceObjects.NewId("indicator");
        var conflicting = await ImportOnBAsync(b, Bundle(Indicator(shared, "Z-CERT: andere inhoud"), Indicator(fresh, "Z-CERT: nieuw")));
        var conflict = await PushAsync(b, discovery, "constituency:z-cert", token, conflicting);
        Assert.True(conflict.ExitCode == 1, $"exit {conflict.ExitCode}\n{conflict.Stdout}\n{conflict.Stderr}");
        Assert.Contains($"failure {shared} {Modified}: ", conflict.Stderr, StringComparison.Ordinal);
        Assert.Contains("already held with different content", conflict.Stderr, StringComparison.Ordinal);
        var withConflict = await StatusOnAAsync(a, token, conflict.Stdout);
        Assert.Equal(("complete", 2, 1, 1), (withConflict.Status, withConflict.TotalCount, withConflict.SuccessCount, withConflict.FailureCount));
        Assert.Equal(shared, Assert.Single(withConflict.Failures!).Id);
        Assert.Equal(fresh, Assert.Single(withConflict.Successes!).Id);
        // The NCSC's version is kept: the second Z-CERT item on A holds only the new indicator.
        var items = await ZcertItemsAsync(a);
        Assert.Equal(2, items.Count);
        Assert.Equal([fresh], items.Single(i => i.ItemId != pushed.ItemId).Objects);
    }

    /// <summary>
    /// Push and pull between the same two nodes (TAXII 2.1 sections 5.5 and 5.4): what B pushed comes back when B pulls A's
    /// inbox with the same organisation's token; it is counted as its own and no second item appears on B. An item Z-CERT's
    /// people published directly on A (not held on B) still arrives.
    /// </summary>
    [Fact]
    public async Task PushThenPull_SameOrganisation_PushedItemNotEchoedBackOthersArrive()
    {
        using var a = new FederationNode();
        a.Serve();
        using var b = new FederationNode();
        var discovery = a.BaseUrl + "/taxii2/";
        var token = await a.TokenForAsync(ZcertAnalyst);

        var own = SourceObjects.NewId("indicator");
        var itemOnB = await ImportOnBAsync(b, Bundle(Indicator(own, "Z-CERT: phishing ziekenhuizen")));
        var push = await PushAsync(b, discovery, "constituency:z-cert", token, itemOnB);
        Assert.True(push.ExitCode == 0, $"exit {push.ExitCode}\n{push.Stdout}\n{push.Stderr}");
        var direct = SourceObjects.NewId("indicator");
        await a.ImportIndicatorAsync("Z-CERT op A", Tlp.Green, direct, Modified, ["constituency:z-cert"], email: ZcertAnalyst);

        var pull = await CliRunner.RunAsync(b.ConnectionString, null, "taxii", "pull", discovery, "--collection", "inbox", "--token", token,
            "--max-tlp", "GREEN", "--publish-to", "org:z-cert");
        Assert.True(pull.ExitCode == 0, $"exit {pull.ExitCode}\n{pull.Stdout}\n{pull.Stderr}");
        Assert.Contains("items created 1,", pull.Stdout, StringComparison.Ordinal);
        Assert.Contains("own already held 1,", pull.Stdout, StringComparison.Ordinal);
        var pulled = await b.WithDbAsync((db, _) => db.ItemStixObjects.AsNoTracking()
            .Where(l => l.Item.PublisherOrganisation.RemoteNode != null).Select(l => l.Version.StixId).ToListAsync());
        Assert.Equal([direct], pulled);
        Assert.Equal(1, await b.WithDbAsync((db, _) => db.ItemStixObjects.CountAsync(l => l.Version.StixId == own)));
    }

    private sealed record ItemOnA(Guid ItemId, Tlp Tlp, ItemStatus Status, string Format, List<string> Audience, List<string> Objects);

    private static string Indicator(string id, string name) => $$"""
        {"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"2024-01-01T00:00:00.000Z","modified":"{{Modified}}","name":"{{name}}",
         "pattern":"[domain-name:value = 'zorg-phish.example']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","object_marking_refs":["{{TlpMarkings.Tlp2Green}}"]}
        """;

    private static string Bundle(params string[] objects) => $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{string.Join(",", objects)}}]}""";

    /// <summary>Imports a bundle on B as Z-CERT's analyst, labelled by its markings, published to Z-CERT's own constituency.</summary>
    private static Task<Guid> ImportOnBAsync(FederationNode b, string bundle) =>
        b.WithDbAsync(async (db, sp) =>
        {
            var person = await db.Users.SingleAsync(u => u.Email == ZcertAnalyst);
            var result = await sp.GetRequiredService<ThreatIntelImporter>().ImportAsync(Encoding.UTF8.GetBytes(bundle),
                new ThreatIntelImportRequest(person.OrganisationId, person.Id, null, [new AudienceSpec(AudienceKind.Constituency, "z-cert")]));
            Assert.True(result.ItemId is not null, string.Join("; ", result.Errors.Select(e => e.Message)));
            Assert.Equal(Tlp.Green, result.Label);
            return result.ItemId!.Value;
        });

    private static Task<CliRunner.Result> PushAsync(FederationNode b, string discovery, string collection, string token, Guid itemId) =>
        CliRunner.RunAsync(b.ConnectionString, null, "taxii", "push", discovery, itemId.ToString(), "--collection", collection, "--token", token, "--wait", "10");

    /// <summary>Reads the status resource the push printed (<c>Status ID: …</c>) from A as Z-CERT (TAXII 2.1 section 4.3).</summary>
    private static async Task<TaxiiStatus> StatusOnAAsync(FederationNode a, string token, string stdout)
    {
        var match = StatusLine().Match(stdout);
        Assert.True(match.Success, "no status line in: " + stdout);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{a.BaseUrl}/taxii2/api/status/{match.Groups[1].Value}/");
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Accept.ParseAdd(TaxiiMediaTypes.Taxii);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TaxiiStatus>(TaxiiMediaTypes.Json))!;
    }

    /// <summary>The threat-intelligence items Z-CERT publishes on A, oldest first, with their audience and object ids.</summary>
    private static Task<List<ItemOnA>> ZcertItemsAsync(FederationNode a) =>
        a.WithDbAsync(async (db, _) =>
        {
            var items = await db.Items.AsNoTracking().Where(i => i.PublisherOrganisation.Key == "z-cert" && i.Kind == ItemKind.ThreatIntel)
                .OrderBy(i => i.CreatedAt).Select(i => new { i.Id, i.Tlp, i.Status }).ToListAsync();
            var result = new List<ItemOnA>();
            foreach (var i in items)
            {
                var format = await db.ThreatIntelPayloads.Where(p => p.ItemId == i.Id).Select(p => p.Format).SingleAsync();
                var audience = (await db.AudienceEntries.Where(e => e.ItemId == i.Id).Select(e => new { e.Kind, e.Value }).ToListAsync())
                    .Select(e => new AudienceSpec(e.Kind, e.Value).ToString()).ToList();
                var objects = await db.ItemStixObjects.Where(l => l.ItemId == i.Id).Select(l => l.Version.StixId).ToListAsync();
                result.Add(new ItemOnA(i.Id, i.Tlp, i.Status, format, audience, objects));
            }

            return result;
        });

    [GeneratedRegex(@"^Status ([0-9a-f-]{36}): ", RegexOptions.Multiline)]
    private static partial Regex StatusLine();
}
