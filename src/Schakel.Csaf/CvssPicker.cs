using System.Text.Json;

namespace Schakel.Csaf;

/// <summary>
/// Chooses the one CVSS score Schakel shows for a vulnerability (CSAF 2.0 3.2.3.11 scores): the highest
/// CVSS v3.x base score; only without any v3.x score, the highest v2 base score.
/// </summary>
internal static class CvssPicker
{
    public sealed record Score(double BaseScore, string? Severity, string? Vector, string? Version);

    public static Score? Pick(JsonElement vulnerability)
    {
        var scores = vulnerability.Items("scores").ToArray();
        var v3 = scores.Select(s => s.Obj("cvss_v3")).OfType<JsonElement>()
            .Select(c => c.Number("baseScore") is { } b
                ? new Score(b, c.Str("baseSeverity")?.ToUpperInvariant(), c.Str("vectorString"), c.Str("version"))
                : null)
            .OfType<Score>()
            .MaxBy(s => s.BaseScore);
        if (v3 is not null)
        {
            return v3;
        }

        return scores.Select(s => s.Obj("cvss_v2")).OfType<JsonElement>()
            .Select(c => c.Number("baseScore") is { } b
                ? new Score(b, V2Severity(b), c.Str("vectorString"), c.Str("version"))
                : null)
            .OfType<Score>()
            .MaxBy(s => s.BaseScore);
    }

    /// <summary>
    /// CVSS v2 defines no qualitative rating; these are the NVD's v2 ranges (Low 0.0–3.9, Medium 4.0–6.9,
    /// High 7.0–10.0), the ones most tools show for v2 scores.
    /// </summary>
    public static string V2Severity(double baseScore) => baseScore switch
    {
        < 4.0 => "LOW",
        < 7.0 => "MEDIUM",
        _ => "HIGH",
    };
}
