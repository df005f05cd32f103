namespace Schakel.Csaf;

/// <summary>
/// One problem found while reading or validating a CSAF 2.0 document.
/// </summary>
/// <param name="Path">
/// JSON Pointer (RFC 6901) into the document, e.g. <c>/document/tracking/id</c>; for a missing required
/// property it names the property that should be there. Empty for whole-document problems (too large,
/// not JSON, not CSAF).
/// </param>
/// <param name="Message">Human-readable reason in English, one sentence, no trailing path.</param>
public sealed record CsafFinding(string Path, string Message)
{
    /// <summary>
    /// The CSAF 2.0 test that found it (<c>schema</c>, <c>6.1.16</c>, <c>6.2.3</c>, …) when it came from
    /// <see cref="Validation.CsafValidator"/>; null for reading problems (too large, not JSON, not CSAF).
    /// </summary>
    public string? TestId { get; init; }

    /// <inheritdoc />
    public override string ToString() => (TestId is null ? "" : $"[{TestId}] ") + (Path.Length == 0 ? Message : $"{Path}: {Message}");

    /// <summary>The finding of a validator test as a reading finding, keeping its test id.</summary>
    public static CsafFinding From(Validation.CsafTestFinding finding) =>
        new(finding.Path, finding.Message) { TestId = finding.TestId };
}
