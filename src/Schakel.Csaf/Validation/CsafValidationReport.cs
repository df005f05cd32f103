namespace Schakel.Csaf.Validation;

/// <summary>
/// The result of validating one document: every finding (schema first, then by test) and each test's outcome.
/// </summary>
public sealed class CsafValidationReport(IReadOnlyList<CsafTestFinding> findings, IReadOnlyList<CsafTestRun> runs)
{
    /// <summary>Every finding, errors and warnings.</summary>
    public IReadOnlyList<CsafTestFinding> Findings { get; } = findings;

    /// <summary>Each test's outcome, in test order. Empty when the file was not JSON or not CSAF.</summary>
    public IReadOnlyList<CsafTestRun> Runs { get; } = runs;

    /// <summary>Schema violations and failed mandatory tests.</summary>
    public IReadOnlyList<CsafTestFinding> Errors => Findings.Where(f => f.Severity == CsafSeverity.Error).ToList();

    /// <summary>Failed optional and informative tests.</summary>
    public IReadOnlyList<CsafTestFinding> Warnings => Findings.Where(f => f.Severity == CsafSeverity.Warning).ToList();

    /// <summary>Tests that did not run, with their reasons (e.g. <c>not run (offline)</c>).</summary>
    public IReadOnlyList<CsafTestRun> NotRun => Runs.Where(r => r.Outcome == CsafTestOutcome.NotRun).ToList();

    /// <summary>True when there is no error: the document is a valid CSAF 2.0 document (schema and every mandatory test).</summary>
    public bool IsValid => Findings.All(f => f.Severity != CsafSeverity.Error);

    /// <summary>The test ids that reported at least one finding.</summary>
    public IReadOnlySet<string> FailedTests => Findings.Select(f => f.TestId).ToHashSet(StringComparer.Ordinal);
}
