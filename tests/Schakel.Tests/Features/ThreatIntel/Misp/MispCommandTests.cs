using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Stix.Misp;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.ThreatIntel.Misp;

/// <summary>
/// <c>schakel import misp</c>, <c>schakel export misp</c> and <c>GET /api/v1/items/{id}/misp</c>: the real CIRCL events
/// imported and exported again, TLP from the <c>tlp:</c> tag (DESIGN.md section 3: stricter allowed, looser refused),
/// distribution and sharing groups to audiences, and export authorised by ItemAccess (404 when not visible).
/// </summary>
public sealed class MispCommandTests : IClassFixture<SchakelFactory>
{
    private readonly SchakelFactory _factory;

    public MispCommandTests(SchakelFactory factory)
    {
        _factory = factory;
        _ = factory.Services;
    }

    [DataFact]
    public async Task ImportMisp_RealEvents_ImportedAndExportedWithEveryMappedAttribute()
    {
        var folder = TestEnvironment.Data("misp", "events");
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", folder, "--as", "ncsc", "--publish-to", "network");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("warning: not mapped: object virustotal-report", run.Stderr);
        // misp_event.json is distribution 0 (your organisation only): published wider as asked, and said so.
        Assert.Contains("misp_event.json: warning: not mapped: distribution 0 (", run.Stderr);
        Assert.Contains("published to network as asked", run.Stderr);
        var client = await _factory.ClientForAsync("analist@z-cert.example.nl");

        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var original = MispEventReader.Read(await File.ReadAllBytesAsync(file)).Event!;
            var mapped = MispToStix.Convert(original).MappedAttributes;
            var (itemId, format, bytes) = await _factory.WithDbAsync(async (db, _) =>
                await db.ThreatIntelPayloads.Where(p => p.Item.Title == original.Info && p.Item.PublisherOrganisation.Key == "ncsc")
                    .Select(p => new ValueTuple<Guid, string, byte[]>(p.ItemId, p.Format, p.Original)).SingleAsync());
            Assert.Equal("misp-event", format);
            Assert.Equal(await File.ReadAllBytesAsync(file), bytes);

            var response = await client.GetAsync($"/api/v1/items/{itemId}/misp");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var exported = MispEventReader.Read(await response.Content.ReadAsByteArrayAsync()).Event!;
            Assert.Equal(original.Uuid, exported.Uuid);
            // Registry keys come back with the full hive name STIX requires (MispRegistryKeys).
            foreach (var a in original.Attributes.Where(a => mapped.Contains(a.Uuid)))
                Assert.Contains(exported.Attributes, b => b.Uuid == a.Uuid && b.Type == a.Type && b.Value == (a.Type == "regkey" ? MispRegistryKeys.Normalise(a.Value) : a.Value));
            foreach (var o in original.Objects)
                Assert.All(o.Attributes, a => Assert.Contains(exported.Objects.Single(x => x.Uuid == o.Uuid).Attributes, b => b.Type == a.Type && b.Value == a.Value));
        }

        var again = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", folder, "--as", "ncsc", "--publish-to", "network");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(5, again.Stdout.Split('\n').Count(l => l.Contains(": unchanged item", StringComparison.Ordinal)));
    }

    [DataFact]
    public async Task ImportMisp_TlpWhiteEvent_ClearStricterAllowed()
    {
        var file = TestEnvironment.Data("misp", "events", "57c4445b-c548-4654-af0b-4be3950d210f.json");
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--as", "ibd", "--tlp", "GREEN", "--publish-to", "network");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("TLP:GREEN", run.Stdout);
    }

    [Fact]
    public async Task ImportMisp_AmberEventLooserLabel_Refused()
    {
        var file = await WriteEventAsync(Event("00000000-0000-4000-8000-00000000a001", "tlp:amber", "1"));
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--as", "ncsc", "--tlp", "GREEN", "--publish-to", "network");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("never looser", run.Stderr);
    }

    [Fact]
    public async Task ExportMisp_AmberEvent_RecipientGetsItOthersGet404()
    {
        var file = await WriteEventAsync(Event("00000000-0000-4000-8000-00000000a002", "tlp:amber", "1"));
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--as", "ncsc", "--publish-to", "org:z-cert");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var itemId = await ItemAsync("Synthetic 00000000-0000-4000-8000-00000000a002");

        var recipient = await (await _factory.ClientForAsync("analist@z-cert.example.nl")).GetAsync($"/api/v1/items/{itemId}/misp");
        Assert.Equal(HttpStatusCode.OK, recipient.StatusCode);
        var ev = JsonNode.Parse(await recipient.Content.ReadAsStringAsync())!["Event"]!;
        Assert.Equal("tlp:amber", ev["Tag"]![0]!["name"]!.ToString());
        Assert.Equal("4", ev["distribution"]!.ToString()); // org:z-cert: a sharing group of one organisation

        var other = await (await _factory.ClientForAsync("analist@ibd.example.nl")).GetAsync($"/api/v1/items/{itemId}/misp");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var anonymous = await _factory.CreateClient().GetAsync($"/api/v1/items/{itemId}/misp");
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);

        var cliOther = await CliRunner.RunAsync(_factory.ConnectionString, null, "export", "misp", itemId.ToString(), "--as", "analist@ibd.example.nl");
        Assert.Equal(1, cliOther.ExitCode);
        var cliRecipient = await CliRunner.RunAsync(_factory.ConnectionString, null, "export", "misp", itemId.ToString(), "--as", "analist@z-cert.example.nl");
        Assert.True(cliRecipient.ExitCode == 0, cliRecipient.Stderr);
        Assert.Contains("\"tlp:amber\"", cliRecipient.Stdout);
    }

    [Fact]
    public async Task ImportMisp_SharingGroupOfKnownOrganisations_PublishedToThem()
    {
        var names = await _factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "z-cert" || o.Key == "ibd").Select(o => o.Name).ToListAsync());
        var file = await WriteEventAsync(Event("00000000-0000-4000-8000-00000000a003", "tlp:green", "4", names));
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--as", "ncsc");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var itemId = await ItemAsync("Synthetic 00000000-0000-4000-8000-00000000a003");
        var recipients = await _factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == itemId).Select(d => d.RecipientOrganisation.Key).OrderBy(k => k).ToListAsync());
        Assert.Equal(["ibd", "z-cert"], recipients);
    }

    [Fact]
    public async Task ImportMisp_SharingGroupWithUnknownMember_DraftAndReported()
    {
        var file = await WriteEventAsync(Event("00000000-0000-4000-8000-00000000a004", "tlp:green", "4", ["PifPafPoum"]));
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--as", "ncsc");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("PifPafPoum", run.Stderr);
        Assert.Contains("draft", run.Stdout);
        var itemId = await ItemAsync("Synthetic 00000000-0000-4000-8000-00000000a004");
        Assert.Equal(ItemStatus.Draft, await _factory.WithDbAsync((db, _) => db.Items.Where(i => i.Id == itemId).Select(i => i.Status).SingleAsync()));
        var report = await _factory.WithDbAsync((db, _) => db.ThreatIntelPayloads.Where(p => p.ItemId == itemId).Select(p => p.Report).SingleAsync());
        Assert.Contains("PifPafPoum", report);
    }

    /// <summary>
    /// An event without a distribution (MISP feed format) imported with <c>--publish-to</c>, twice: published, and neither run
    /// tells the user to choose an audience (one was given) or reports the missing distribution.
    /// </summary>
    [Fact]
    public async Task ImportMisp_NoDistributionWithAudienceTwice_NoChooseAudienceNote()
    {
        var file = await WriteEventAsync(WithoutDistribution("00000000-0000-4000-8000-00000000a005"));
        foreach (var outcome in new[] { "imported", "unchanged" })
        {
            var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--as", "ncsc", "--publish-to", "network");
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains($": {outcome} item ", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("published to network", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("audience when publishing", run.Stdout + run.Stderr, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("no distribution", run.Stdout + run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("draft", run.Stdout, StringComparison.Ordinal);
        }

        var itemId = await ItemAsync("Synthetic 00000000-0000-4000-8000-00000000a005");
        Assert.Equal(ItemStatus.Published, await _factory.WithDbAsync((db, _) => db.Items.Where(i => i.Id == itemId).Select(i => i.Status).SingleAsync()));
        var report = await _factory.WithDbAsync((db, _) => db.ThreatIntelPayloads.Where(p => p.ItemId == itemId).Select(p => p.Report).SingleAsync());
        Assert.DoesNotContain("audience when publishing", report ?? "", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The same event without an audience: a draft with the note to choose the audience, on the first run and on the second
    /// (still a draft); once published with <c>--publish-to</c>, a run without it leaves it published and gives no such note.
    /// </summary>
    [Fact]
    public async Task ImportMisp_NoDistributionNoAudience_DraftNoteOnlyWhileDraft()
    {
        var file = await WriteEventAsync(WithoutDistribution("00000000-0000-4000-8000-00000000a006"));
        for (var i = 0; i < 2; i++)
        {
            var draft = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--as", "ncsc");
            Assert.True(draft.ExitCode == 0, draft.Stderr);
            Assert.Contains(", draft (Stored as a draft: The event states no distribution. Choose the audience when publishing (--publish-to).)", draft.Stdout, StringComparison.Ordinal);
            Assert.Contains("not mapped: distribution no distribution", draft.Stderr, StringComparison.Ordinal);
        }

        var published = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--as", "ncsc", "--publish-to", "network");
        Assert.True(published.ExitCode == 0, published.Stderr);
        Assert.Contains("published to network", published.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("audience when publishing", published.Stdout + published.Stderr, StringComparison.OrdinalIgnoreCase);

        var again = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--as", "ncsc");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains(": unchanged item ", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("published, audience unchanged", again.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("audience when publishing", again.Stdout + again.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("draft", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportMisp_NotAnEvent_Exit1WithReason()
    {
        var file = await WriteEventAsync("""{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[]}""");
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--as", "ncsc");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a MISP event", run.Stderr);
        var usage = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "misp", file, "--tlp", "PURPLE");
        Assert.Equal(2, usage.ExitCode);
    }

    private Task<Guid> ItemAsync(string title) => _factory.WithDbAsync((db, _) => db.Items.Where(i => i.Title == title).Select(i => i.Id).SingleAsync());

    private static async Task<string> WriteEventAsync(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"misp-{Guid.NewGuid()}.json");
        await File.WriteAllTextAsync(path, json, Encoding.UTF8);
        return path;
    }

    /// <summary>A synthetic GREEN event in MISP's feed format: no <c>distribution</c>.</summary>
    private static string WithoutDistribution(string uuid) => Event(uuid, "tlp:green", "1").Replace(",\"distribution\":\"1\"", "", StringComparison.Ordinal);

    private static string Event(string uuid, string tlp, string distribution, IEnumerable<string>? groupMembers = null)
    {
        var group = groupMembers is null ? "" : ",\"sharing_group_id\":\"7\",\"SharingGroup\":{\"id\":\"7\",\"name\":\"Test group\",\"SharingGroupOrg\":["
            + string.Join(",", groupMembers.Select(n => $"{{\"Organisation\":{{\"name\":\"{n}\"}}}}")) + "]}";
        return $$$"""
            {"Event":{"uuid":"{{{uuid}}}","info":"Synthetic {{{uuid}}}","date":"2024-05-01","timestamp":"1714550400","published":true,"distribution":"{{{distribution}}}"{{{group}}},
             "Orgc":{"name":"NCSC"},"Tag":[{"name":"{{{tlp}}}"}],
             "Attribute":[{"uuid":"1{{{uuid[1..]}}}","type":"ip-dst","category":"Network activity","value":"198.51.100.9","to_ids":true,"timestamp":"1714550400"}]}}
            """;
    }
}
