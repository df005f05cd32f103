namespace Schakel.Csaf.Validation.Support;

/// <summary>
/// Checks a package URL against the purl specification (package-url/purl-spec, "PURL-SPECIFICATION.rst": the rules for
/// each component and "How to parse a purl string in its components"), as mandatory test 6.1.13 requires. Only the
/// rules common to all types are checked; type-specific conventions are not.
/// </summary>
internal static class Purl
{
    /// <summary>Why <paramref name="purl"/> is not a valid package URL, or null when it is.</summary>
    public static string? Problem(string purl)
    {
        var rest = purl;

        // Subpath after '#': segments separated by '/', none of them '.' or '..' once decoded.
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            var subpath = rest[(hash + 1)..];
            rest = rest[..hash];
            foreach (var segment in subpath.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Decode(segment) is not { } decoded) return $"the subpath segment '{segment}' has a broken percent-encoding";
                if (decoded is "." or "..") return $"the subpath contains the segment '{decoded}'";
            }
        }

        // Qualifiers after '?': key=value pairs separated by '&'; keys unique, of letters, digits, '.', '-', '_', not starting with a digit.
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0) return $"the qualifier '{pair}' is not a key=value pair";
                var key = pair[..equals];
                if (!IsKey(key)) return $"the qualifier key '{key}' may hold only letters, digits, '.', '-' and '_' and must not start with a digit";
                if (!keys.Add(key)) return $"the qualifier key '{key}' occurs more than once";
                if (Decode(pair[(equals + 1)..]) is null) return $"the value of qualifier '{key}' has a broken percent-encoding";
            }

            rest = rest[..question];
        }

        // Scheme: the constant "pkg".
        var colon = rest.IndexOf(':');
        if (colon < 0 || !rest[..colon].Equals("pkg", StringComparison.OrdinalIgnoreCase)) return "it does not start with the scheme 'pkg:'";
        rest = rest[(colon + 1)..].Trim('/');

        // Type: up to the first '/', letters, digits, '.', '+', '-', not starting with a digit, never percent-encoded.
        var slash = rest.IndexOf('/');
        var type = slash < 0 ? rest : rest[..slash];
        if (type.Length == 0) return "the type is missing";
        if (!IsType(type)) return $"the type '{type}' may hold only ASCII letters, digits, '.', '+' and '-' and must not start with a digit";
        if (slash < 0) return "the name is missing";
        rest = rest[(slash + 1)..];

        // Version after the last '@'.
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            if (Decode(rest[(at + 1)..]) is null) return "the version has a broken percent-encoding";
            rest = rest[..at];
        }

        // Name after the last '/', required; the rest is the namespace.
        rest = rest.TrimEnd('/');
        var lastSlash = rest.LastIndexOf('/');
        var name = lastSlash < 0 ? rest : rest[(lastSlash + 1)..];
        if (Decode(name) is not { } decodedName) return $"the name '{name}' has a broken percent-encoding";
        if (decodedName.Length == 0) return "the name is missing";
        if (lastSlash >= 0)
        {
            foreach (var segment in rest[..lastSlash].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Decode(segment) is not { } decoded) return $"the namespace segment '{segment}' has a broken percent-encoding";
                if (decoded.Contains('/')) return $"the namespace segment '{segment}' contains an encoded '/'";
            }
        }

        return null;
    }

    private static bool IsType(string type) =>
        !char.IsAsciiDigit(type[0]) && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-');

    private static bool IsKey(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>Percent-decodes; null when a '%' is not followed by two hex digits.</summary>
    private static string? Decode(string text)
    {
        if (!text.Contains('%')) return text;
        for (var i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%', i + 1))
        {
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])) return null;
        }

        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
