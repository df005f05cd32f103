using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Schakel.Csaf.Validation.Support;

/// <summary>
/// The parts of a CSAF 2.0 version (<c>version_t</c>, section 3.1.11) that the revision history tests (6.1.18 to 6.1.22,
/// 6.1.30) look at.
/// </summary>
/// <param name="Text">The version as written.</param>
/// <param name="IsInteger">Integer versioning (3.1.11.1) rather than semantic versioning (3.1.11.2).</param>
/// <param name="Major">The integer version, or the major part of a semantic version (unbounded, SemVer sets no limit).</param>
/// <param name="PreRelease">The pre-release part without its leading <c>-</c> (<c>rc.1</c>), or null.</param>
/// <param name="Build">The build metadata without its leading <c>+</c>, or null.</param>
public sealed record VersionParts(string Text, bool IsInteger, BigInteger Major, string? PreRelease, string? Build);

/// <summary>One item of <c>/document/tracking/revision_history</c>, read defensively.</summary>
/// <param name="Index">Position in the array.</param>
/// <param name="Path">JSON pointer to the item.</param>
/// <param name="Number">The <c>number</c> string, or null when absent or not a string.</param>
/// <param name="Version">The parsed number, or null when it is not a valid <c>version_t</c>.</param>
/// <param name="Date">The <c>date</c>, or null when absent or not a date-time.</param>
public sealed record RevisionItem(int Index, string Path, string? Number, VersionParts? Version, DateTimeOffset? Date);

/// <summary>Reads document versions and the revision history for the tracking tests.</summary>
public static class RevisionNumbers
{
    /// <summary>Pointer to <c>/document/tracking/version</c>.</summary>
    public const string VersionPath = "/document/tracking/version";

    /// <summary>Pointer to <c>/document/tracking/revision_history</c>.</summary>
    public const string HistoryPath = "/document/tracking/revision_history";

    /// <summary>Splits a valid CSAF 2.0 version into its parts; null when <paramref name="text"/> is not a <c>version_t</c>.</summary>
    public static VersionParts? Parse(string? text)
    {
        if (text is null || !CsafVersion.IsValid(text)) return null;
        if (CsafVersion.IsInteger(text)) return new VersionParts(text, true, BigInteger.Parse(text, CultureInfo.InvariantCulture), null, null);

        // The grammar is digits.digits.digits[-pre][+build]: the first '-' starts the pre-release part unless it comes
        // after the '+' (build metadata may itself contain '-').
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var end = plus < 0 ? text.Length : plus;
        var pre = dash >= 0 && dash < end ? text[(dash + 1)..end] : null;
        var build = plus < 0 ? null : text[(plus + 1)..];
        var major = BigInteger.Parse(text[..text.IndexOf('.', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        return new VersionParts(text, false, major, pre, build);
    }

    /// <summary><c>/document/tracking</c>, or null when absent or not an object.</summary>
    public static JsonElement? Tracking(JsonElement root) => root.Obj("document") is { } document ? document.Obj("tracking") : null;

    /// <summary><c>/document/tracking/status</c> (<c>draft</c>, <c>interim</c> or <c>final</c>), or null.</summary>
    public static string? Status(JsonElement root) => Tracking(root)?.Str("status");

    /// <summary>True when the status is <c>final</c> or <c>interim</c>: a released document (tests 6.1.18 and 6.1.20).</summary>
    public static bool IsReleased(string? status) => status is "final" or "interim";

    /// <summary><c>/document/tracking/version</c> as written, or null.</summary>
    public static string? Version(JsonElement root) => Tracking(root)?.Str("version");

    /// <summary>Every object item of the revision history, in document order.</summary>
    public static IReadOnlyList<RevisionItem> Items(JsonElement root)
    {
        var items = new List<RevisionItem>();
        if (Tracking(root) is not { } tracking) return items;
        var i = 0;
        foreach (var item in tracking.Items("revision_history"))
        {
            var index = i++;
            if (item.ValueKind != JsonValueKind.Object) continue;
            var number = item.Str("number");
            items.Add(new RevisionItem(index, CsafPointer.Append(HistoryPath, index), number, Parse(number), ParseDate(item.Str("date"))));
        }

        return items;
    }

    /// <summary>
    /// The items that have both a valid number and a date, sorted ascending by date as the tests say; items with the same
    /// date keep version order (then document order), so that equal dates never make a finding on their own.
    /// </summary>
    public static IReadOnlyList<RevisionItem> ByDate(IEnumerable<RevisionItem> items) =>
        items.Where(i => i.Version is not null && i.Date is not null)
            .OrderBy(i => i.Date!.Value)
            .ThenBy(i => i.Version!.Major)
            .ThenBy(i => i.Index)
            .ToList();

    /// <summary>Parses an RFC 3339 date-time (as the schema's <c>date-time</c> format); null when it is not one.</summary>
    public static DateTimeOffset? ParseDate(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
