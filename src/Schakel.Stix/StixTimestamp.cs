using System.Globalization;
using System.Text.RegularExpressions;

namespace Schakel.Stix;

/// <summary>
/// A STIX 2.1 timestamp (STIX 2.1 section 3.2): RFC 3339 in UTC, <c>YYYY-MM-DDTHH:mm:ss[.s+]Z</c>, with any number of
/// fractional digits. The text is kept exactly as received so that precision survives a round trip; comparison is on
/// the instant with full precision (more digits than .NET ticks hold are compared as decimal text).
/// </summary>
public sealed partial class StixTimestamp : IComparable<StixTimestamp>, IEquatable<StixTimestamp>
{
    private StixTimestamp(string text, DateTime seconds, string fraction)
    {
        Text = text;
        Seconds = seconds;
        Fraction = fraction;
    }

    /// <summary>The timestamp exactly as received, e.g. <c>2016-05-12T08:17:27.000Z</c>.</summary>
    public string Text { get; }

    /// <summary>The whole seconds, UTC.</summary>
    public DateTime Seconds { get; }

    /// <summary>The fractional digits as received, without the dot (empty when none), e.g. <c>000</c>.</summary>
    public string Fraction { get; }

    /// <summary>Number of fractional digits as received (its precision: 3 = milliseconds).</summary>
    public int Precision => Fraction.Length;

    /// <summary>The instant as a <see cref="DateTimeOffset"/> (UTC), truncated to 100 ns ticks.</summary>
    public DateTimeOffset ToDateTimeOffset()
    {
        var ticks = Fraction.Length == 0 ? 0 : long.Parse(Fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        return new DateTimeOffset(Seconds.AddTicks(ticks), TimeSpan.Zero);
    }

    /// <summary>
    /// A key that sorts ordinally in time order and is equal for equal instants whatever the precision written:
    /// <c>yyyy-MM-ddTHH:mm:ss.</c> followed by the fraction without trailing zeros, padded to at least 9 digits.
    /// Used to store versions (<c>modified</c>) in a database column.
    /// </summary>
    public string SortKey
    {
        get
        {
            var f = Fraction.TrimEnd('0').PadRight(9, '0');
            return Seconds.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + f + "Z";
        }
    }

    /// <summary>Parses a STIX timestamp; returns false for anything that is not RFC 3339 UTC with a <c>Z</c>.</summary>
    public static bool TryParse(string? text, out StixTimestamp timestamp)
    {
        timestamp = null!;
        if (text is null) return false;
        var m = Pattern().Match(text);
        if (!m.Success) return false;
        if (!DateTime.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var seconds))
            return false;
        timestamp = new StixTimestamp(text, DateTime.SpecifyKind(seconds, DateTimeKind.Utc), m.Groups[2].Value);
        return true;
    }

    /// <summary>Parses a STIX timestamp.</summary>
    /// <exception cref="FormatException">The text is not a STIX 2.1 timestamp.</exception>
    public static StixTimestamp Parse(string text) =>
        TryParse(text, out var t) ? t : throw new FormatException($"'{text}' is not a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z).");

    /// <summary>Formats an instant with millisecond precision, as STIX 2.1 requires for <c>created</c>/<c>modified</c> (section 3.2).</summary>
    public static StixTimestamp FromMilliseconds(DateTimeOffset instant) =>
        Parse(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>Formats an instant with microsecond precision (TAXII <c>date_added</c>, TAXII 2.1 section 3.1).</summary>
    public static StixTimestamp FromMicroseconds(DateTimeOffset instant) =>
        Parse(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));

    public int CompareTo(StixTimestamp? other) => other is null ? 1 : string.CompareOrdinal(SortKey, other.SortKey);

    public bool Equals(StixTimestamp? other) => other is not null && SortKey == other.SortKey;

    public override bool Equals(object? obj) => obj is StixTimestamp t && Equals(t);

    public override int GetHashCode() => SortKey.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;

    public static bool operator <(StixTimestamp a, StixTimestamp b) => a.CompareTo(b) < 0;

    public static bool operator >(StixTimestamp a, StixTimestamp b) => a.CompareTo(b) > 0;

    public static bool operator <=(StixTimestamp a, StixTimestamp b) => a.CompareTo(b) <= 0;

    public static bool operator >=(StixTimestamp a, StixTimestamp b) => a.CompareTo(b) >= 0;

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:(?:[0-5]\d|60))(?:\.(\d+))?Z$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
