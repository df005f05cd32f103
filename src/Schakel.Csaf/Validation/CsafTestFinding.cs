namespace Schakel.Csaf.Validation;

/// <summary>
/// One finding of one test.
/// </summary>
/// <param name="TestId">The test's section number, e.g. <c>6.1.16</c> or <c>6.1.27.3</c>, or <c>schema</c>.</param>
/// <param name="Group">The section the test belongs to.</param>
/// <param name="Path">JSON Pointer (RFC 6901) to the offending value, e.g. <c>/document/tracking/version</c>; empty for the whole document.</param>
/// <param name="Message">Why, in English, one sentence.</param>
public sealed record CsafTestFinding(string TestId, CsafTestGroup Group, string Path, string Message)
{
    /// <summary>Error for the schema and mandatory tests, warning for optional and informative ones.</summary>
    public CsafSeverity Severity => Group is CsafTestGroup.Schema or CsafTestGroup.Mandatory ? CsafSeverity.Error : CsafSeverity.Warning;

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Severity == CsafSeverity.Error ? "error" : "warning")} {TestId}{(Path.Length == 0 ? "" : " " + Path)}: {Message}";
}

/// <summary>One test's outcome on one document; <paramref name="Reason"/> says why a test did not run.</summary>
public sealed record CsafTestRun(string TestId, CsafTestGroup Group, CsafTestOutcome Outcome, string? Reason = null);
