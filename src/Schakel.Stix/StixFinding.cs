namespace Schakel.Stix;

/// <summary>How serious a finding is: errors make an object or bundle invalid, warnings do not.</summary>
public enum StixSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One problem found in STIX content: <see cref="ObjectId"/> names the object (null for the bundle itself),
/// <see cref="Path"/> is a JSON pointer inside it (RFC 6901, "" for the whole object), <see cref="Rule"/> names the
/// rule or specification section that was broken (e.g. <c>3.2</c>, <c>schema</c>).
/// </summary>
public sealed record StixFinding(StixSeverity Severity, string? ObjectId, string Path, string Message, string Rule = "")
{
    public override string ToString() =>
        $"{(Severity == StixSeverity.Error ? "error" : "warning")}{(Rule.Length > 0 ? " " + Rule : "")} {ObjectId ?? "bundle"}{Path}: {Message}";
}
