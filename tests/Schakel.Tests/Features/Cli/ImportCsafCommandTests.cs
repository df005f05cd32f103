using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Cli;

public sealed class ImportCsafCommandTests : IClassFixture<SchakelFactory>
{
    private readonly SchakelFactory _factory;

    public ImportCsafCommandTests(SchakelFactory factory)
    {
        _factory = factory;
        _ = factory.Services; // starts the host: migrated database with the demo network
    }

    [DataFact]
    public async Task ImportCsaf_Folder_ImportsEveryAdvisoryPublishesAndReportsSkipped()
    {
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "csaf", TestEnvironment.Data("csaf", "advisories"), "--as", "z-cert", "--publish-to", "constituency:z-cert");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Imported 23, updated 0, unchanged 0, rejected 0, skipped 1 (not CSAF)", run.Stdout);
        Assert.Contains("cisa-csaf-it-feed-tlp-white.json: skipped", run.Stdout);

        var (items, healthMembers) = await _factory.WithDbAsync(async (db, _) =>
        {
            var zcert = await db.Organisations.SingleAsync(o => o.Key == "z-cert");
            var published = await db.Items.Where(i => i.PublisherOrganisationId == zcert.Id && i.Status == ItemStatus.Published).Select(i => i.Id).ToListAsync();
            var members = await db.ConstituencyMemberships.CountAsync(m => m.LinkingOrganisationId == zcert.Id);
            return (published, members);
        });
        Assert.Equal(23, items.Count);
        var perItem = await _factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == items[0]).CountAsync());
        Assert.Equal(healthMembers, perItem);

        // Running it again changes nothing.
        var again = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "csaf", TestEnvironment.Data("csaf", "advisories"), "--as", "z-cert");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Imported 0, updated 0, unchanged 23, rejected 0", again.Stdout);
    }

    [DataFact]
    public async Task ImportCsaf_RedToPerson_NeedsPublishingAnalystAndReachesOnlyThatPerson()
    {
        var file = Schakel.Tests.Features.Api.ApiTestClient.RealAdvisory("bsi-2022-0001.json");
        var withoutPerson = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "csaf", file, "--as", "ibd", "--tlp", "RED", "--publish-to", "person:ict@ziekenhuis-rijnoever.example.nl");
        Assert.Equal(1, withoutPerson.ExitCode);
        Assert.Contains("publishing person", withoutPerson.Stderr);
        var notAnalyst = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "csaf", file, "--as", "ibd", "--by", "ict@ziekenhuis-rijnoever.example.nl", "--tlp", "RED");
        Assert.Equal(1, notAnalyst.ExitCode);
        Assert.Contains("--by", notAnalyst.Stderr);

        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "csaf", file, "--as", "ibd", "--by", "analist@ibd.example.nl", "--tlp", "RED",
            "--publish-to", "person:ict@ziekenhuis-rijnoever.example.nl");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var deliveries = await _factory.WithDbAsync((db, _) => db.Deliveries
            .Where(d => d.Item.Tlp == Tlp.Red && d.Item.PublisherOrganisation.Key == "ibd").Select(d => new { d.RecipientPersonId, d.RecipientOrganisation.Key }).ToListAsync());
        var only = Assert.Single(deliveries);
        Assert.Equal("ziekenhuis-rijnoever", only.Key);
        Assert.NotNull(only.RecipientPersonId);
    }

    [DataFact]
    public async Task ImportCsaf_InvalidAmongValid_Exit1OneLinePerRejectedFile()
    {
        var bad1 = TestEnvironment.Data("csaf", "oasis-tests", "validator", "data", "mandatory", "oasis_csaf_tc-csaf_2_0-2021-6-1-08-01.json");
        var bad2 = TestEnvironment.Data("csaf", "oasis-tests", "validator", "data", "mandatory", "oasis_csaf_tc-csaf_2_0-2021-6-1-08-02.json");
        var good = TestEnvironment.Data("csaf", "bulk", "cisa-ot-2022", "icsa-22-006-01.json");
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "csaf", bad1, good, bad2, "--as", "ibd");
        Assert.Equal(1, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.Contains("6-1-08-01.json: rejected: ", StringComparison.Ordinal) && l.Contains("[schema] /vulnerabilities/0/scores/0/cvss_v3", StringComparison.Ordinal));
        Assert.Contains("Imported 1,", run.Stdout);
        Assert.Contains("rejected 2", run.Stdout);
    }

    [Theory]
    [InlineData("import", "csaf", "nothing.json", "--publish-to", "everyone")]
    [InlineData("import", "csaf", "nothing.json", "--tlp", "PURPLE")]
    [InlineData("import", "csaf")]
    [InlineData("import", "csaf", "--bogus", "x.json")]
    [InlineData("import", "stixx", "x")]
    [InlineData("token", "create")]
    [InlineData("token", "create", "--user", "analist@ncsc.example.nl", "--days", "0")]
    [InlineData("token", "create", "--user", "analist@ncsc.example.nl", "--days", "abc")]
    [InlineData("token", "create", "--user", "analist@ncsc.example.nl", "--days", "999999999")]
    [InlineData("user", "add", "--email", "a@b.example.nl", "--org", "ncsc", "--role", "Emperor")]
    public async Task Cli_UsageError_Exit2(params string[] args)
    {
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, args);
        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Stderr);
    }

    [DataFact]
    public async Task ImportCsaf_FolderWithBrokenJson_RejectedNotSkipped()
    {
        var folder = Directory.CreateTempSubdirectory("schakel-import-");
        try
        {
            var real = await File.ReadAllBytesAsync(TestEnvironment.Data("csaf", "bulk", "cisa-ot-2022", "icsa-22-013-01.json"));
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "truncated.json"), real[..(real.Length / 2)]);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "feed.json"), """{"feed":{"id":"x","entry":[]}}""");
            var noVersion = System.Text.Json.Nodes.JsonNode.Parse(real)!;
            noVersion["document"]!.AsObject().Remove("csaf_version");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "no-version.json"), noVersion.ToJsonString());
            var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "csaf", folder.FullName, "--as", "ibd");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("truncated.json: rejected", run.Stderr);
            Assert.Contains("no-version.json: rejected", run.Stderr); // meant as CSAF (it has a document), so not skipped
            Assert.Contains("feed.json: skipped", run.Stdout);
            Assert.Contains("rejected 2, skipped 1", run.Stdout);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task NetworkExport_UnwritablePath_Exit1WithReason()
    {
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "network", "export", Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid(), "x.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot write", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr); // a reason, not a stack trace
    }

    [Fact]
    public async Task TokenCreate_DeactivatedOrganisation_Exit1()
    {
        await _factory.CreatePersonAsync("ict@hogeschool-ijsselland.example.nl", "hogeschool-ijsselland", "Reader");
        await _factory.WithDbAsync(async (db, _) =>
        {
            var org = await db.Organisations.SingleAsync(o => o.Key == "hogeschool-ijsselland");
            org.IsActive = false;
            return await db.SaveChangesAsync();
        });
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "token", "create", "--user", "ict@hogeschool-ijsselland.example.nl");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("deactivated", run.Stderr);
        Assert.Empty(run.Stdout.Trim());
    }

    [Fact]
    public async Task ImportCsaf_MissingPath_Exit1()
    {
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "csaf", "does-not-exist.json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no such file", run.Stderr);
    }

    [Fact]
    public async Task UserAddAndTokenCreate_PasswordOnStdin_TokenAloneOnStdout()
    {
        var add = await CliRunner.RunAsync(_factory.ConnectionString, "a-long-enough-Passw0rd\n", "user", "add", "--email", "nieuw@ibd.example.nl", "--org", "ibd", "--role", "Analyst");
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.DoesNotContain("Password:", add.Stdout);

        var generated = await CliRunner.RunAsync(_factory.ConnectionString, null, "user", "add", "--email", "tweede@ibd.example.nl", "--org", "ibd", "--role", "Reader");
        Assert.Equal(0, generated.ExitCode);
        Assert.Matches("Password: [A-Za-z0-9]{20}", generated.Stdout);

        var unknownOrg = await CliRunner.RunAsync(_factory.ConnectionString, null, "user", "add", "--email", "x@y.example.nl", "--org", "nope", "--role", "Reader");
        Assert.Equal(1, unknownOrg.ExitCode);
        Assert.Contains("nope", unknownOrg.Stderr);

        var token = await CliRunner.RunAsync(_factory.ConnectionString, null, "token", "create", "--user", "nieuw@ibd.example.nl");
        Assert.Equal(0, token.ExitCode);
        var line = Assert.Single(token.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sk_", line);
        var stored = await _factory.WithDbAsync((db, _) => db.ApiTokens.Where(t => t.Person.Email == "nieuw@ibd.example.nl").Select(t => t.TokenHash).SingleAsync());
        Assert.NotEqual(line.Trim(), stored); // only the hash is stored
    }
}
