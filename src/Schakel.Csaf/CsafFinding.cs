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
    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
