using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Schakel.Csaf.Validation.Support;

/// <summary>One item of <c>/document/tracking/revision_history</c> whose date and number could be read.</summary>
/// <param name="Index">Position in the document's list.</param>
/// <param name="Date">The <c>date</c> as written.</param>
/// <param name="Instant">The date as a comparable instant (sub-tick fractions kept).</param>
/// <param name="Number">The <c>number</c> as written.</param>
internal sealed record DatedRevision(int Index, string Date, RevisionInstant Instant, string Number)
{
    /// <summary>JSON pointer to the item's <c>number</c>.</summary>
    public string NumberPath => CsafPointer.Of("document", "tracking", "revision_history", Index, "number");
}

/// <summary>
/// An RFC 3339 date-time reduced to UTC whole seconds plus the fraction digits as written, so that any number of fraction
/// digits compares exactly (the OASIS suite tells <c>10:00:00.00010Z</c> from <c>10:00:00.000Z</c>).
/// </summary>
internal readonly record struct RevisionInstant(long UtcSeconds, string Fraction) : IComparable<RevisionInstant>
{
    public int CompareTo(RevisionInstant other)
    {
        var bySecond = UtcSeconds.CompareTo(other.UtcSeconds);
        if (bySecond != 0) return bySecond;
        var width = Math.Max(Fraction.Length, other.Fraction.Length);
        return string.CompareOrdinal(Fraction.PadRight(width, '0'), other.Fraction.PadRight(width, '0'));
    }
}

/// <summary>
/// The revision history as CSAF 2.0 tests 6.1.14 and 6.1.16 read it: sorted ascending by <c>date</c>, items with the
/// same date ascending by <c>number</c> (the OASIS test files 6-1-14-12 and 6-1-16-02/03 settle that tie).
/// </summary>
internal static partial class RevisionHistory
{
    [GeneratedRegex(@"^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?([Zz]|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    /// <summary>
    /// The items whose <c>date</c> is an RFC 3339 date-time and whose <c>number</c> is a string, sorted by date then number.
    /// <paramref name="complete"/> is false when some item could not be read (the schema reports that).
    /// </summary>
    public static IReadOnlyList<DatedRevision> Sorted(JsonElement root, out bool complete)
    {
        var items = new List<DatedRevision>();
        complete = true;
        var tracking = root.Obj("document")?.Obj("tracking");
        var i = 0;
        foreach (var item in tracking?.Items("revision_history") ?? [])
        {
            if (item.Str("date") is { } date && ParseInstant(date) is { } instant && item.Str("number") is { } number)
            {
                items.Add(new DatedRevision(i, date, instant, number));
            }
            else
            {
                complete = false;
            }

            i++;
        }

        return items.OrderBy(r => r.Instant).ThenBy(r => r.Number, SafeVersionComparer.Instance).ToList();
    }

    /// <summary>Parses an RFC 3339 date-time (any number of fraction digits); null when it is not one.</summary>
    public static RevisionInstant? ParseInstant(string text)
    {
        var m = DateTimePattern().Match(text);
        if (!m.Success) return null;
        int Part(int group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var zone = m.Groups[8].Value;
        var offset = zone is "Z" or "z" ? TimeSpan.Zero
            : TimeSpan.FromMinutes((zone[0] == '-' ? -1 : 1) * ((int.Parse(zone[1..3], CultureInfo.InvariantCulture) * 60) + int.Parse(zone[4..6], CultureInfo.InvariantCulture)));
        try
        {
            // A leap second (:60) is valid RFC 3339 but not representable; it counts as the next second.
            var leap = Part(6) == 60;
            var at = new DateTimeOffset(Part(1), Part(2), Part(3), Part(4), Part(5), leap ? 59 : Part(6), offset);
            return new RevisionInstant(at.ToUnixTimeSeconds() + (leap ? 1 : 0), m.Groups[7].Value.TrimEnd('0'));
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>
/// Orders CSAF version strings by <see cref="CsafVersion.Compare"/> where that is defined (both valid, same scheme) and
/// ordinally otherwise, so that sorting never throws on a mixed or broken history (6.1.30 and the schema report those).
/// </summary>
internal sealed class SafeVersionComparer : IComparer<string>
{
    public static SafeVersionComparer Instance { get; } = new();

    /// <summary>True when both are valid CSAF versions of the same scheme, so <see cref="CsafVersion.Compare"/> applies.</summary>
    public static bool Comparable(string a, string b) =>
        CsafVersion.IsValid(a) && CsafVersion.IsValid(b) && CsafVersion.IsInteger(a) == CsafVersion.IsInteger(b);

    public int Compare(string? x, string? y) =>
        x is not null && y is not null && Comparable(x, y) ? CsafVersion.Compare(x, y) : string.CompareOrdinal(x, y);
}
