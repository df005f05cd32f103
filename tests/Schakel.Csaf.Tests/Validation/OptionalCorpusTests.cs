using System.Collections.Concurrent;
using Schakel.Csaf.Validation;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>The optional tests on the real advisories (<c>csaf/advisories</c>, <c>csaf/bulk</c>): they run on every one and only warn.</summary>
public sealed class OptionalCorpusTests
{
    private static readonly CsafValidator Validator = new(CsafReferenceData.Default, new CsafValidatorOptions { Informative = false });

    [DataFact]
    public void OptionalTests_RealAdvisories_RunOnEveryDocumentAndOnlyWarn()
    {
        var files = TestData.Files("csaf/advisories", "*.json")
            .Where(f => !f.EndsWith("-feed-tlp-white.json", StringComparison.Ordinal))
            .Concat(TestData.Files("csaf/bulk", "*.json"))
            .ToList();
        var problems = new ConcurrentBag<string>();
        var warned = new ConcurrentDictionary<string, int>();

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            var report = Validator.Validate(TestData.Bytes(file));
            var optional = report.Runs.Where(r => r.Group == CsafTestGroup.Optional).ToList();
            if (optional.Count != 20) problems.Add($"{file}: {optional.Count} optional tests ran, expected 20");
            foreach (var run in optional.Where(r => r.Outcome == CsafTestOutcome.NotRun)) problems.Add($"{file}: {run.TestId} did not run: {run.Reason}");
            foreach (var f in report.Findings.Where(f => f.Group == CsafTestGroup.Optional))
            {
                if (f.Severity != CsafSeverity.Warning) problems.Add($"{file}: {f} is not a warning");
                warned.AddOrUpdate(f.TestId, 1, (_, n) => n + 1);
            }
        });

        Assert.True(files.Count > 400, $"only {files.Count} advisories found");
        Assert.True(problems.IsEmpty, string.Join(Environment.NewLine, problems.Take(20)));
        // Real advisories commonly lack product identification helpers and canonical URLs; the tests must see that.
        Assert.True(warned.ContainsKey("6.2.16") && warned.ContainsKey("6.2.11"), string.Join(", ", warned.Keys));
    }
}
