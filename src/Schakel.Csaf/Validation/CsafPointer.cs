namespace Schakel.Csaf.Validation;

/// <summary>Builds JSON Pointers (RFC 6901) for findings: <c>CsafPointer.Of("vulnerabilities", 0, "cve")</c> is <c>/vulnerabilities/0/cve</c>.</summary>
public static class CsafPointer
{
    /// <summary>Joins segments (strings are escaped, integers are array indexes) into a pointer.</summary>
    public static string Of(params object[] segments) =>
        string.Concat(segments.Select(s => "/" + (s is int i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : JsonPointerText.Escape(Convert.ToString(s, System.Globalization.CultureInfo.InvariantCulture) ?? ""))));

    /// <summary>Appends segments to an existing pointer.</summary>
    public static string Append(string pointer, params object[] segments) => pointer + Of(segments);
}
