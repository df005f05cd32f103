using System.Collections.Concurrent;

namespace Schakel.Csaf.Tests;

/// <summary>The real corpus: every CSAF file validates and reads; everything else is recognised as not CSAF.</summary>
public sealed class CorpusValidationTests
{
    private const string Advisories = "csaf/advisories";
    private const string Bulk = "csaf/bulk/cisa-ot-2022";

    // Files beside the advisories that are not JSON documents at all.
    private static readonly string[] NonJsonExtensions = [".asc", ".sha512", ".sha256", ".txt", ".csv"];

    public static IEnumerable<object[]> AdvisoryFiles() =>
        DataRows(() => TestData.Files(Advisories)
            .Where(f => !NonJsonExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Where(f => !f.EndsWith("-feed-tlp-white.json", StringComparison.Ordinal)));

    public static IEnumerable<object[]> DistributionMetadataFiles() =>
        DataRows(() => TestData.Files("csaf/distribution/oasis-examples", "*.json")
            .Append("csaf/advisories/cisa/IT/white/cisa-csaf-it-feed-tlp-white.json")
            .Append("csaf/distribution/gocsaf-testdata/processor-requirements/rolie.json"));

    [DataTheory]
    [MemberData(nameof(AdvisoryFiles))]
    public void Read_AdvisoryInCorpus_IsValidAndHasCoreFields(string file)
    {
        var result = CsafReader.Read(TestData.Bytes(file));

        Assert.True(result.IsSuccess, $"{file}: {result}");
        var info = result.Document!;
        Assert.False(string.IsNullOrWhiteSpace(info.TrackingId));
        Assert.True(CsafVersion.IsValid(info.Version), info.Version);
        Assert.Equal(TimeSpan.Zero, info.CurrentReleaseDate.Offset);
        Assert.True(info.CurrentReleaseDate >= info.InitialReleaseDate, file);
        Assert.NotEmpty(info.Products);
        Assert.True(CsafReader.LooksLikeCsaf(TestData.Bytes(file)));
    }

    [DataFact]
    public void Read_AdvisoryFolder_FindsEveryCsafFileAndSkipsOnlyTheFeed()
    {
        // Guards the theory above: if the filter or the folder changed, it could silently test nothing.
        var jsonFiles = TestData.Files(Advisories, "*.json").ToList();
        var statuses = jsonFiles.ToDictionary(f => f, f => CsafReader.Read(TestData.Bytes(f)).Status);

        Assert.Equal(24, jsonFiles.Count);
        Assert.Equal(23, statuses.Values.Count(s => s == CsafReadStatus.Valid));
        var notCsaf = Assert.Single(statuses, kv => kv.Value != CsafReadStatus.Valid);
        Assert.EndsWith("cisa-csaf-it-feed-tlp-white.json", notCsaf.Key);
        Assert.Equal(CsafReadStatus.NotCsaf, notCsaf.Value);
    }

    [DataFact]
    public void Read_AllBulkCisaOt2022InParallel_AllValid()
    {
        var files = TestData.Files(Bulk, "*.json").ToList();
        var failures = new ConcurrentBag<string>();
        var ids = new ConcurrentBag<string>();

        // Parallel on purpose: the schema is one shared static instance and must be safe to use concurrently.
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 4 }, file =>
        {
            var result = CsafReader.Read(TestData.Bytes(file));
            if (result.IsSuccess)
            {
                ids.Add(result.Document!.TrackingId);
            }
            else
            {
                failures.Add($"{file}: {result}");
            }
        });

        Assert.Equal(385, files.Count);
        Assert.Empty(failures);
        Assert.Equal(385, ids.Distinct().Count());
    }

    [DataTheory]
    [MemberData(nameof(DistributionMetadataFiles))]
    public void Read_DistributionMetadata_IsNotCsaf(string file)
    {
        var bytes = TestData.Bytes(file);

        var result = CsafReader.Read(bytes);

        Assert.Equal(CsafReadStatus.NotCsaf, result.Status);
        Assert.True(result.IsNotCsaf);
        Assert.False(CsafReader.LooksLikeCsaf(bytes));
        Assert.StartsWith("Not a CSAF document", Assert.Single(result.Findings).Message);
    }

    [DataFact]
    public void Read_RolieFeed_MessageNamesTheFeed()
    {
        var result = CsafReader.Read(TestData.Bytes("csaf/advisories/cisa/IT/white/cisa-csaf-it-feed-tlp-white.json"));

        Assert.Contains("ROLIE feed", Assert.Single(result.Findings).Message);
        Assert.Equal("", result.Findings[0].Path);
    }

    [DataFact]
    public void Read_OasisMandatoryTestFilesOutside618_PassSchema()
    {
        // The 6.1.x test files break mandatory rules the schema cannot express; only 6.1.8 breaks the schema.
        // Passing them all shows format validation (date-time, uri) does not reject real-world shapes.
        var files = TestData.Files("csaf/oasis-tests/validator/data", "*.json")
            .Where(f => Path.GetFileName(f).StartsWith("oasis_csaf_tc-csaf_2_0-2021-6-", StringComparison.Ordinal))
            .ToList();
        var rejected = files
            .Select(f => (File: f, Result: CsafReader.Read(TestData.Bytes(f))))
            .Where(x => !x.Result.IsSuccess)
            .Select(x => Path.GetFileName(x.File))
            .ToList();

        Assert.True(files.Count > 100, $"only {files.Count} OASIS test files found");
        Assert.Equal(
            ["oasis_csaf_tc-csaf_2_0-2021-6-1-08-01.json", "oasis_csaf_tc-csaf_2_0-2021-6-1-08-02.json", "oasis_csaf_tc-csaf_2_0-2021-6-1-08-03.json"],
            rejected);
    }

    private static IEnumerable<object[]> DataRows(Func<IEnumerable<string>> files) =>
        TestData.MissingReason is not null && !TestData.IsCi ? [] : files().Select(f => new object[] { f });
}
