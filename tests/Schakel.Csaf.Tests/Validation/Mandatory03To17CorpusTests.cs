using Schakel.Csaf.Validation;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>The real advisories are valid documents: mandatory tests 6.1.3–6.1.17 find nothing in them.</summary>
public sealed class Mandatory03To17CorpusTests
{
    private static readonly HashSet<string> Ids = Enumerable.Range(3, 15).Select(i => $"6.1.{i}").ToHashSet();

    [DataFact]
    public void Validate_RealAdvisoriesAndBulk_NoFindingFromTests0603To0617()
    {
        var files = TestData.Files("csaf/advisories", "*.json").Concat(TestData.Files("csaf/bulk", "*.json"))
            .Where(f => !f.EndsWith("-feed-tlp-white.json", StringComparison.Ordinal))
            .ToList();
        var validator = new CsafValidator(options: new CsafValidatorOptions { OnlyTests = Ids });
        var findings = new List<string>();
        var runs = 0;
        foreach (var file in files)
        {
            var report = validator.Validate(TestData.Bytes(file));
            runs += report.Runs.Count(r => r.Outcome != CsafTestOutcome.NotRun);
            findings.AddRange(report.Findings.Where(f => Ids.Contains(f.TestId)).Select(f => $"{file}: {f}"));
            Assert.DoesNotContain(report.Runs, r => r.Reason?.StartsWith("internal error", StringComparison.Ordinal) == true);
        }

        // Guards against silently testing nothing: the corpus holds 400 documents or so, each tested by 13 or more tests.
        Assert.True(files.Count > 300, $"only {files.Count} files");
        Assert.True(runs >= files.Count * 13, $"only {runs} test runs over {files.Count} files");
        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings.Take(50)));
    }
}
