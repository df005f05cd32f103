using System.Globalization;
using System.Text.RegularExpressions;

namespace Schakel.Csaf;

/// <summary>
/// Document versions as defined in CSAF 2.0 section 3.1.11 (version_t): either integer versioning
/// (<c>0</c>, <c>1</c>, <c>2</c>, ... without leading zeros, 3.1.11.1) or semantic versioning per SemVer 2.0.0
/// (<c>1.0.0</c>, <c>1.0.0-rc.1+build.5</c>, 3.1.11.2). Comparison follows SemVer 2.0.0 precedence (section 11):
/// major, minor, patch numerically; a pre-release sorts before its release; pre-release identifiers compare
/// numerically when numeric, otherwise ordinally (ASCII), numeric before alphanumeric, and a shorter list of
/// equal identifiers first; build metadata is ignored.
/// </summary>
public static partial class CsafVersion
{
    // The two alternatives of the version_t pattern in the CSAF 2.0 JSON schema. [0-9] rather than \d, which in
    // .NET also matches non-ASCII digits, and \z rather than $, which in .NET also matches before a final "\n".
    [GeneratedRegex(@"^(0|[1-9][0-9]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerVersion();

    [GeneratedRegex(
        @"^(?<major>0|[1-9][0-9]*)\.(?<minor>0|[1-9][0-9]*)\.(?<patch>0|[1-9][0-9]*)" +
        @"(?:-(?<pre>(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?" +
        @"(?:\+(?<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex SemanticVersion();

    /// <summary>True when <paramref name="version"/> is a valid CSAF 2.0 integer or semantic version.</summary>
    public static bool IsValid(string? version) =>
        version is not null && (IntegerVersion().IsMatch(version) || SemanticVersion().IsMatch(version));

    /// <summary>True for an integer version (3.1.11.1), false for a semantic one; throws for neither.</summary>
    /// <exception cref="FormatException">Not a valid CSAF 2.0 version.</exception>
    public static bool IsInteger(string version) => Parse(version, nameof(version)).IsInteger;

    /// <summary>
    /// Compares two document versions of the same document.
    /// </summary>
    /// <returns>Negative when <paramref name="a"/> is older, zero when equal in precedence, positive when newer.</returns>
    /// <exception cref="FormatException">
    /// Either string is not a CSAF 2.0 version, or one is integer and the other semantic: CSAF 2.0 3.1.11 requires
    /// a document to keep one versioning scheme throughout its history (mandatory test 6.1.30), so "2" and "1.0.0"
    /// have no defined order.
    /// </exception>
    public static int Compare(string a, string b)
    {
        var left = Parse(a, nameof(a));
        var right = Parse(b, nameof(b));
        if (left.IsInteger != right.IsInteger)
        {
            throw new FormatException(
                $"Cannot compare '{a}' with '{b}': one uses integer and the other semantic versioning, and CSAF 2.0 " +
                "section 3.1.11 defines no order between the two schemes (a document must keep one scheme).");
        }

        var result = CompareNumeric(left.Major, right.Major);
        if (result == 0) result = CompareNumeric(left.Minor, right.Minor);
        if (result == 0) result = CompareNumeric(left.Patch, right.Patch);
        if (result == 0) result = ComparePreRelease(left.PreRelease, right.PreRelease);
        return Math.Sign(result);
    }

    private static Parsed Parse(string? version, string parameter)
    {
        if (version is null)
        {
            throw new FormatException($"Version '{parameter}' is null.");
        }

        if (IntegerVersion().IsMatch(version))
        {
            return new Parsed(true, version, "0", "0", []);
        }

        var match = SemanticVersion().Match(version);
        if (!match.Success)
        {
            throw new FormatException(
                $"'{version}' is not a CSAF 2.0 version (section 3.1.11): expected an integer without leading zeros " +
                "such as '1' or a semantic version such as '1.0.0' or '1.0.0-rc.1'.");
        }

        var pre = match.Groups["pre"].Success ? match.Groups["pre"].Value.Split('.') : [];
        return new Parsed(false, match.Groups["major"].Value, match.Groups["minor"].Value, match.Groups["patch"].Value, pre);
    }

    // Numeric identifiers may exceed long (SemVer sets no limit), so compare canonical digit strings by length
    // first, then ordinally; the grammar rules out leading zeros, so this is numeric order.
    private static int CompareNumeric(string x, string y) =>
        x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);

    private static int ComparePreRelease(string[] x, string[] y)
    {
        // A version without pre-release has higher precedence than one with (SemVer 11.3).
        if (x.Length == 0 || y.Length == 0)
        {
            return y.Length.CompareTo(x.Length);
        }

        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var xNumeric = x[i].All(char.IsAsciiDigit);
            var yNumeric = y[i].All(char.IsAsciiDigit);
            var result = (xNumeric, yNumeric) switch
            {
                (true, true) => CompareNumeric(x[i], y[i]),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(x[i], y[i]),
            };
            if (result != 0)
            {
                return result;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    private sealed record Parsed(bool IsInteger, string Major, string Minor, string Patch, string[] PreRelease);
}

/// <summary>An <see cref="IComparer{T}"/> over CSAF 2.0 version strings using <see cref="CsafVersion.Compare"/>.</summary>
public sealed class CsafVersionComparer : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static CsafVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    /// <exception cref="FormatException">See <see cref="CsafVersion.Compare"/>.</exception>
    public int Compare(string? x, string? y) => CsafVersion.Compare(x!, y!);
}
