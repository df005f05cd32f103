using System.Text.RegularExpressions;

namespace Schakel.Csaf;

/// <summary>
/// The file name rule of CSAF 2.0 section 5.1: the value of <c>/document/tracking/id</c> in lower case, with every
/// run of characters outside <c>[+\-a-z0-9]</c> replaced by a single <c>_</c>, followed by <c>.json</c>.
/// </summary>
public static partial class CsafFileName
{
    /// <summary>The file name for a tracking id, e.g. <c>"OASIS: #/CSAF_TC-2.0"</c> → <c>"oasis_csaf_tc-2_0.json"</c>.</summary>
    /// <exception cref="ArgumentException">The id is null or empty.</exception>
    public static string FromTrackingId(string trackingId)
    {
        ArgumentException.ThrowIfNullOrEmpty(trackingId);
        // ToLowerInvariant first so that 'A'-'Z' survive as letters; the spec lower-cases before replacing.
        return NotAllowed().Replace(trackingId.ToLowerInvariant(), "_") + ".json";
    }

    /// <summary>True when <paramref name="fileName"/> (without folder) is the 5.1 name for <paramref name="trackingId"/>.</summary>
    public static bool Matches(string fileName, string trackingId) =>
        string.Equals(fileName, FromTrackingId(trackingId), StringComparison.Ordinal);

    [GeneratedRegex("[^+\\-a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowed();
}
