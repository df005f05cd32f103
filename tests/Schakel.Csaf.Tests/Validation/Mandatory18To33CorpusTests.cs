using Schakel.Csaf.Validation;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>
/// The real documents against the mandatory tests 6.1.18 to 6.1.33: the published advisories are valid CSAF, so none of
/// these tests may fail on them; and the OASIS files that are valid examples of other tests must not fail these tests
/// either (a valid example of a mandatory test must be a valid document, so a false alarm here would break another test's
/// conformance row). Failing examples of other tests may rightly fail these too (6-2-08-02 lists md5 twice: 6.1.25).
/// </summary>
public sealed class Mandatory18To33CorpusTests
{
    private static readonly CsafValidator Validator = new(CsafReferenceData.None, new CsafValidatorOptions
    {
        Optional = false,
        Informative = false,
        OnlyTests = Mandatory18To33Tests.Ids.ToHashSet(),
    });

    [DataFact]
    public void Validate_RealAdvisoriesAndBulk_NoFindingFromTests18To33()
    {
        var files = TestData.Files("csaf/advisories", "*.json").Concat(TestData.Files("csaf/bulk", "*.json"))
            .Where(f => !f.EndsWith("-feed-tlp-white.json", StringComparison.Ordinal))
            .ToList();
        var problems = new List<string>();
        foreach (var file in files)
        {
            var report = Validator.Validate(TestData.Bytes(file));
            Assert.True(report.Runs.Count == Mandatory18To33Tests.Ids.Length, $"{file}: the tests did not run (not CSAF?)");
            problems.AddRange(report.Findings.Where(f => f.Group == CsafTestGroup.Mandatory).Select(f => $"{file}: {f}"));
            problems.AddRange(report.Runs.Where(r => r.Outcome == CsafTestOutcome.NotRun).Select(r => $"{file}: {r.TestId} not run: {r.Reason}"));
        }

        // Guards against a filter that silently tests nothing: the corpus has 23 advisories and the CISA OT 2022 bulk set.
        Assert.True(files.Count > 300, $"only {files.Count} files");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [DataFact]
    public void Validate_OasisValidExamplesOfEveryTest_NoFindingFromTests18To33()
    {
        var valid = OasisConformanceTests.Cases().Where(c => !c.ShouldFail).Select(c => c.File).Distinct().ToList();
        var problems = new List<string>();
        foreach (var file in valid)
        {
            problems.AddRange(Validator.Validate(TestData.Bytes(file)).Findings.Select(f => $"{file}: {f}"));
        }

        Assert.True(valid.Count > 90, $"only {valid.Count} valid examples");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
