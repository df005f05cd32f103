namespace Schakel.Csaf.Authoring;

/// <summary>
/// The fixed words an authored document contains (note titles, rating, kans/schade labels) in Dutch and English. The
/// reader recognises both languages, so a document is read back whatever its <c>lang</c>.
/// </summary>
internal sealed record AuthoringTexts(string Summary, string Impact, string Solution, string Risk, string Description,
    string Probability, string Damage, string Normal, string OriginalPrefix)
{
    public static readonly AuthoringTexts Dutch = new("Samenvatting", "Gevolgen", "Oplossingen", "Kans en schade", "Beschrijving",
        "Kans", "Schade", "Normaal", "Origineel document");

    public static readonly AuthoringTexts English = new("Summary", "Impact", "Solutions", "Probability and damage", "Description",
        "Probability", "Damage", "Normal", "Original document");

    public static AuthoringTexts For(string lang) => lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Dutch;

    public static readonly AuthoringTexts[] All = [Dutch, English];

    public static string Level(RiskLevel level) => level switch
    {
        RiskLevel.Low => "low",
        RiskLevel.Medium => "medium",
        _ => "high",
    };

    public static string Category(RemediationCategory c) => c switch
    {
        RemediationCategory.VendorFix => "vendor_fix",
        RemediationCategory.Workaround => "workaround",
        RemediationCategory.Mitigation => "mitigation",
        RemediationCategory.NoFixPlanned => "no_fix_planned",
        _ => "none_available",
    };

    public static RemediationCategory? ParseCategory(string? s) => s switch
    {
        "vendor_fix" => RemediationCategory.VendorFix,
        "workaround" => RemediationCategory.Workaround,
        "mitigation" => RemediationCategory.Mitigation,
        "no_fix_planned" => RemediationCategory.NoFixPlanned,
        "none_available" => RemediationCategory.NoneAvailable,
        _ => null,
    };
}
