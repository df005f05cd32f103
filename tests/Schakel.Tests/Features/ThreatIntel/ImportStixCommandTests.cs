using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Stix;
using Schakel.Stix.Validation;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.ThreatIntel.StixTestData;

namespace Schakel.Tests.Features.ThreatIntel;

/// <summary>
/// <c>schakel import stix PATH…</c> through the real executable: DESIGN.md section 3a (one import is one item), section 4
/// (exit codes 0, 1 with each reason on stderr, 2 for usage), STIX 2.1 section 3.6 (versions) and the FileSystemStore layout.
/// </summary>
public sealed class ImportStixCommandTests : IClassFixture<SchakelFactory>
{
    private readonly SchakelFactory _factory;

    public ImportStixCommandTests(SchakelFactory factory)
    {
        _factory = factory;
        _ = factory.Services; // starts the host: migrated database with the demo network
    }

    /// <summary>
    /// Every real bundle is one item; the rejected objects are the python-stix2 examples' SCO ids reused with other content
    /// (conflicts) and the objects the STIX 2.1 validator refuses (three artifacts with a truncated <c>payload_bin</c>).
    /// </summary>
    [DataFact]
    public async Task ImportStix_BundlesFolder_OneItemPerFileConflictsOnStderrExit1()
    {
        var root = TestEnvironment.Data("stix", "bundles");
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "stix", root, "--as", "ncsc", "--by", "analist@ncsc.example.nl");
        var files = RealBundles();
        var counter = new ConflictCounter();
        var expectedConflicts = files.Sum(f => counter.Add(File.ReadAllBytes(Path.Combine(root, f))));
        var expectedInvalid = files.Sum(f => ObjectsOf(File.ReadAllBytes(Path.Combine(root, f))).Count(o => InvalidIds(File.ReadAllBytes(Path.Combine(root, f))).Contains(o["id"]!.GetValue<string>())));
        Assert.True(expectedConflicts > 0, "the python-stix2 SCO examples reuse ids with other content");
        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains($"Imported {files.Count}, updated 0, unchanged 0, rejected 0, skipped 0 (not STIX); {expectedConflicts + expectedInvalid} object(s) not stored.", run.Stdout);
        var errors = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expectedConflicts, errors.Count(e => e.Contains(": conflict: ", StringComparison.Ordinal)));
        Assert.Equal(expectedInvalid, errors.Count(e => e.Contains(": invalid: ", StringComparison.Ordinal)));
        Assert.All(errors, e => Assert.Contains("sco-examples-bundle.json: ", e));
        foreach (var f in files) Assert.Contains(Path.GetFileName(f) + ": imported item ", run.Stdout);

        // A rule repeated over many objects (python-stix2's SCO ids that are not the deterministic UUIDv5, STIX 2.1 section 3.4)
        // is summarised: three examples and a count, so the conflicts are not buried.
        var lines = run.Stdout.Split('\n');
        Assert.InRange(lines.Count(l => l.Contains("sco-examples-bundle.json: warning: warning 3.4 ", StringComparison.Ordinal)), 1, 3);
        Assert.Matches(@"sco-examples-bundle\.json: warning: … and \d+ more warnings 3\.4 like these\.", run.Stdout);

        // The interop file: TLP 1.0 RED beside an unknown marking — the strictest (RED) wins, the unknown one is reported.
        Assert.Matches(@"interop-objectmarking-test\.json: imported item [0-9a-f-]{36} TLP:RED", run.Stdout);
        Assert.Contains($"interop-objectmarking-test.json: warning: Unknown marking {UnknownMarking}", run.Stdout);
        var items = await _factory.WithDbAsync((db, _) => db.ThreatIntelPayloads.CountAsync(p => p.Item.PublisherOrganisation.Key == "ncsc" && p.Item.Status == ItemStatus.Draft));
        Assert.True(items >= files.Count);
    }

    /// <summary>A FileSystemStore folder (<c>type/id/modified.json</c>) is one import and one item holding every version; again: unchanged.</summary>
    [DataFact]
    public async Task ImportStix_FileSystemStore_OneItemWithEveryVersionAgainUnchanged()
    {
        var store = TestEnvironment.Data("stix", "filesystem-store");
        var paths = Directory.GetFiles(store, "*.json", SearchOption.AllDirectories);
        var files = paths.Length;
        // The store holds a STIX 2.0 malware version and a marking definition without milliseconds: refused one by one
        // (exit 1, each on stderr), the rest is one item.
        var invalid = paths.Select(p => StixBundleReader.Read(File.ReadAllBytes(p)).Objects.Single())
            .Where(o => !StixValidator.Default.Validate(o).IsValid).Select(o => o.Id).ToList();
        Assert.NotEmpty(invalid);
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "stix", store, "--as", "z-cert", "--publish-to", "constituency:z-cert");
        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.All(invalid, id => Assert.Contains(id, run.Stderr));
        Assert.DoesNotContain("bundle/id", run.Stdout + run.Stderr);
        var line = run.Stdout.Split('\n').Single(l => l.Contains(": imported item ", StringComparison.Ordinal));
        var itemId = Guid.Parse(System.Text.RegularExpressions.Regex.Match(line, "item ([0-9a-f-]{36})").Groups[1].Value);
        var (links, status) = await _factory.WithDbAsync(async (db, _) => (
            await db.ItemStixObjects.CountAsync(l => l.ItemId == itemId),
            await db.Items.Where(i => i.Id == itemId).Select(i => i.Status).SingleAsync()));
        Assert.Equal(files - invalid.Count, links); // every valid file is one object version
        Assert.Equal(ItemStatus.Published, status);

        var again = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "stix", store, "--as", "z-cert");
        Assert.Contains($"unchanged item {itemId}", again.Stdout);
    }

    /// <summary>STIX 2.1 section 3.6 on the command line: new version and same version exit 0; a conflict exits 1 with the reason on stderr.</summary>
    [Fact]
    public async Task ImportStix_Versions_ExitCodesAndCounts()
    {
        var folder = Directory.CreateTempSubdirectory("schakel-stix-");
        try
        {
            var id = NewIndicatorId();
            async Task<CliRunner.Result> Run(string name, string content, params string[] extra)
            {
                var path = Path.Combine(folder.FullName, name);
                await File.WriteAllTextAsync(path, content);
                return await CliRunner.RunAsync(_factory.ConnectionString, null, ["import", "stix", path, "--as", "ibd", "--tlp", "GREEN", .. extra]);
            }

            var v1 = await Run("v1.json", Bundle(id, "2016-04-06T20:03:48.000Z", "v1"), "--publish-to", "network");
            Assert.True(v1.ExitCode == 0, v1.Stderr);
            Assert.Contains("TLP:GREEN (added 1, new versions 0, earlier versions 0, unchanged 0, conflicts 0, invalid 0)", v1.Stdout);

            var v2 = await Run("v2.json", Bundle(id, "2016-04-07T20:03:48.123456789Z", "v2"));
            Assert.True(v2.ExitCode == 0, v2.Stderr);
            Assert.Contains("(added 0, new versions 1, earlier", v2.Stdout);

            var same = await Run("same.json", Bundle(id, "2016-04-06T20:03:48.000Z", "v1"));
            Assert.True(same.ExitCode == 0, same.Stderr);
            Assert.Contains("unchanged 1, conflicts 0", same.Stdout);

            var conflict = await Run("conflict.json", Bundle(id, "2016-04-06T20:03:48.000Z", "v1 changed"));
            Assert.Equal(1, conflict.ExitCode);
            Assert.Contains($"conflict.json: conflict: {id} version 2016-04-06T20:03:48.000Z: ", conflict.Stderr);
            Assert.Contains("conflict.json: rejected: No object could be stored", conflict.Stderr);

            var revoked = await Run("revoked.json", Bundle(id, "2016-04-08T00:00:00.000001Z", "v3", revoked: true));
            Assert.True(revoked.ExitCode == 0, revoked.Stderr);
            var stored = await _factory.WithDbAsync((db, _) => db.StixObjectVersions.Where(v => v.StixId == id).OrderBy(v => v.VersionKey).Select(v => new { v.Modified, v.Revoked }).ToListAsync());
            Assert.Equal(["2016-04-06T20:03:48.000Z", "2016-04-07T20:03:48.123456789Z", "2016-04-08T00:00:00.000001Z"], stored.Select(s => s.Modified));
            Assert.True(stored[^1].Revoked);

            // A broken file among good ones: rejected with its reason, the others imported, exit 1.
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "broken.json"), "{\"type\":\"bundle\",");
            var mixed = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "stix", Path.Combine(folder.FullName, "broken.json"), Path.Combine(folder.FullName, "v2.json"), "--as", "ibd");
            Assert.Equal(1, mixed.ExitCode);
            Assert.Contains("broken.json: rejected: Not JSON", mixed.Stderr);
            Assert.Contains("rejected 1", mixed.Stdout);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("import", "stix", "x.json", "--tlp", "PURPLE")]
    [InlineData("import", "stix", "x.json", "--publish-to", "everyone")]
    [InlineData("import", "stix")]
    [InlineData("import", "stix", "--bogus", "x.json")]
    public async Task ImportStix_UsageError_Exit2(params string[] args)
    {
        var run = await CliRunner.RunAsync(_factory.ConnectionString, null, args);
        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Stderr);
    }

    [Fact]
    public async Task ImportStix_MissingFileOrUnknownOrganisation_Exit1()
    {
        var missing = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "stix", "does-not-exist.json");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such file", missing.Stderr);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, Bundle(NewIndicatorId(), "2016-04-06T20:03:48.000Z", "x"));
            var unknown = await CliRunner.RunAsync(_factory.ConnectionString, null, "import", "stix", file, "--as", "geen-organisatie");
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("--as", unknown.Stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
