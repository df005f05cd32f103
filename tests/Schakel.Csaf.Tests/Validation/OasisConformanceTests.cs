using System.Text.Json;
using Schakel.Csaf.Validation;
using Xunit.Abstractions;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>
/// The OASIS CSAF TC test files (<c>csaf/oasis-tests/validator/data/testcases.json</c>): every file meant to fail a test
/// fails that test and is reported with its id; every valid example passes it (and, for the mandatory tests, is a valid
/// document). Deviations must be listed in <see cref="KnownDeviations"/> with the reason, which docs/csaf-conformance.md repeats.
/// </summary>
public sealed class OasisConformanceTests(ITestOutputHelper output)
{
    private const string Folder = "csaf/oasis-tests/validator/data";

    /// <summary>Tests that need the live internet: reported as "not run (offline)" by design (issue: 6.3.6, 6.3.7).</summary>
    internal static readonly IReadOnlySet<string> OfflineTests = new HashSet<string> { "6.3.6", "6.3.7" };

    /// <summary>File (relative to the test data folder) and test id that do not behave as the suite says, with the reason.</summary>
    internal static readonly IReadOnlyDictionary<(string File, string TestId), string> KnownDeviations =
        new Dictionary<(string File, string TestId), string>();

    public static IEnumerable<object[]> TestIds() =>
        TestData.MissingReason is not null && !TestData.IsCi ? [] : Cases().Select(c => c.TestId).Distinct().Select(id => new object[] { id });

    [DataTheory]
    [MemberData(nameof(TestIds))]
    public void OasisTestFiles_ForTest_BehaveAsTheSuiteSays(string testId)
    {
        var problems = new List<string>();
        foreach (var c in Cases().Where(c => c.TestId == testId))
        {
            var verdict = Judge(c);
            if (verdict.Behaves || KnownDeviations.ContainsKey((c.File, c.TestId))) continue;
            problems.Add($"{c.File} ({(c.ShouldFail ? "should fail" : "should pass")} {c.TestId}): {verdict.Detail}");
        }

        foreach (var p in problems) output.WriteLine(p);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [DataFact]
    public void OasisTestFiles_All_PassRateAndListedDeviationsStillOccur()
    {
        var cases = Cases();
        var verdicts = cases.Select(c => (Case: c, Verdict: Judge(c))).ToList();
        var behaving = verdicts.Count(v => v.Verdict.Behaves);
        output.WriteLine($"{behaving} of {verdicts.Count} (file, test) cases behave as the suite says ({100.0 * behaving / verdicts.Count:F1} %).");
        foreach (var group in verdicts.GroupBy(v => v.Case.Group))
        {
            output.WriteLine($"  {group.Key}: {group.Count(v => v.Verdict.Behaves)} of {group.Count()}");
        }

        foreach (var v in verdicts.Where(v => !v.Verdict.Behaves)) output.WriteLine($"  deviation: {v.Case.File} {v.Case.TestId}: {v.Verdict.Detail}");

        // A listed deviation that no longer occurs must be removed from the list (and from docs/csaf-conformance.md).
        foreach (var key in KnownDeviations.Keys)
        {
            Assert.Contains(verdicts, v => v.Case.File == key.File && v.Case.TestId == key.TestId && !v.Verdict.Behaves);
        }

        Assert.Equal(verdicts.Count, behaving + KnownDeviations.Count);
    }

    [DataFact]
    public void Validator_EveryTestOfTheSuite_IsImplemented()
    {
        var implemented = CsafValidator.Tests.Select(t => t.Id).ToHashSet();
        var expected = Cases().Select(c => c.TestId).Distinct().ToList();
        var missing = expected.Where(id => !implemented.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "Not implemented: " + string.Join(", ", missing));
        for (var i = 1; i <= 33; i++) Assert.True(implemented.Any(id => id == $"6.1.{i}" || id.StartsWith($"6.1.{i}.", StringComparison.Ordinal)), $"6.1.{i} is not implemented.");
    }

    internal sealed record Case(string TestId, string Group, string File, bool ShouldFail);

    internal sealed record Verdict(bool Behaves, string Detail);

    internal static IReadOnlyList<Case> Cases()
    {
        using var json = JsonDocument.Parse(TestData.Bytes(Folder + "/testcases.json"));
        var cases = new List<Case>();
        foreach (var test in json.RootElement.GetProperty("tests").EnumerateArray())
        {
            var id = test.GetProperty("id").GetString()!;
            var group = test.GetProperty("group").GetString()!;
            foreach (var (list, shouldFail) in new[] { ("failures", true), ("valid", false) })
            {
                if (!test.TryGetProperty(list, out var files)) continue;
                foreach (var f in files.EnumerateArray()) cases.Add(new Case(id, group, Folder + "/" + f.GetProperty("name").GetString(), shouldFail));
            }
        }

        return cases;
    }

    internal static Verdict Judge(Case c)
    {
        var report = CsafValidator.Default.Validate(TestData.Bytes(c.File));
        var run = report.Runs.FirstOrDefault(r => r.TestId == c.TestId);
        if (run is null) return new Verdict(false, "the test is not implemented");
        if (run.Outcome == CsafTestOutcome.NotRun)
        {
            return new Verdict(OfflineTests.Contains(c.TestId) && run.Reason == "not run (offline)", "not run: " + run.Reason);
        }

        var own = report.Findings.Where(f => f.TestId == c.TestId).ToList();
        if (c.ShouldFail)
        {
            return own.Count > 0 ? new Verdict(true, "") : new Verdict(false, "the test passed; expected a finding " + c.TestId);
        }

        if (own.Count > 0) return new Verdict(false, "unexpected: " + string.Join("; ", own));
        // A valid example of a mandatory test is a valid CSAF document: no schema error, no other mandatory failure.
        if (c.Group == "mandatory" && !report.IsValid) return new Verdict(false, "not a valid document: " + string.Join("; ", report.Errors));
        return new Verdict(true, "");
    }
}
