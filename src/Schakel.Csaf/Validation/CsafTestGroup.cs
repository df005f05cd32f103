namespace Schakel.Csaf.Validation;

/// <summary>Which part of CSAF 2.0 section 6 (or section 9.1.14 for the schema) a test belongs to.</summary>
public enum CsafTestGroup
{
    /// <summary>Conformance to the CSAF 2.0 JSON schema (section 9.1.14, "basic validator"). Test id <c>schema</c>.</summary>
    Schema,

    /// <summary>Section 6.1: a document that fails one is not a valid CSAF document. Findings are errors.</summary>
    Mandatory,

    /// <summary>Section 6.2: should hold; findings are warnings.</summary>
    Optional,

    /// <summary>Section 6.3: hints for better documents; findings are warnings.</summary>
    Informative,
}

/// <summary>How serious a finding is: errors make a document invalid, warnings do not.</summary>
public enum CsafSeverity
{
    /// <summary>A schema violation or a failed mandatory test (section 6.1).</summary>
    Error,

    /// <summary>A failed optional (6.2) or informative (6.3) test.</summary>
    Warning,
}

/// <summary>What happened to one test on one document.</summary>
public enum CsafTestOutcome
{
    /// <summary>The test ran and found nothing.</summary>
    Passed,

    /// <summary>The test ran and reported at least one finding.</summary>
    Failed,

    /// <summary>
    /// The test could not run: the outside data it needs is missing (for example no spell checker installed), it needs
    /// the live internet (6.3.6, 6.3.7) or the document is too broken for it. Never counted as passed.
    /// </summary>
    NotRun,
}
