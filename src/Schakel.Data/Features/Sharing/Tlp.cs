namespace Schakel.Features.Sharing;

/// <summary>
/// TLP 2.0 labels, ordered from least to most strict so that <c>a &gt; b</c> means "a is stricter".
/// Source: FIRST TLP 2.0 (https://www.first.org/tlp/).
/// </summary>
public enum Tlp
{
    Clear = 0,
    Green = 1,
    Amber = 2,
    AmberStrict = 3,
    Red = 4,
}

/// <summary>Text forms of <see cref="Tlp"/>: <c>CLEAR|GREEN|AMBER|AMBER+STRICT|RED</c>.</summary>
public static class TlpLabels
{
    /// <summary>The label as TLP 2.0 writes it, e.g. <c>AMBER+STRICT</c>.</summary>
    public static string ToLabel(this Tlp tlp) => tlp switch
    {
        Tlp.Clear => "CLEAR",
        Tlp.Green => "GREEN",
        Tlp.Amber => "AMBER",
        Tlp.AmberStrict => "AMBER+STRICT",
        Tlp.Red => "RED",
        _ => throw new ArgumentOutOfRangeException(nameof(tlp)),
    };

    /// <summary>
    /// Parses a TLP 2.0 label, case-insensitive, with or without a <c>TLP:</c> prefix. TLP 1.0's WHITE is read as CLEAR.
    /// Returns false for anything else.
    /// </summary>
    public static bool TryParse(string? text, out Tlp tlp)
    {
        var t = (text ?? "").Trim().ToUpperInvariant();
        if (t.StartsWith("TLP:", StringComparison.Ordinal)) t = t[4..];
        (bool ok, tlp) = t switch
        {
            "CLEAR" or "WHITE" => (true, Tlp.Clear),
            "GREEN" => (true, Tlp.Green),
            "AMBER" => (true, Tlp.Amber),
            "AMBER+STRICT" or "AMBER_STRICT" or "AMBERSTRICT" => (true, Tlp.AmberStrict),
            "RED" => (true, Tlp.Red),
            _ => (false, Tlp.AmberStrict),
        };
        return ok;
    }

    /// <summary>The stricter of two labels.</summary>
    public static Tlp Stricter(Tlp a, Tlp b) => a >= b ? a : b;
}
