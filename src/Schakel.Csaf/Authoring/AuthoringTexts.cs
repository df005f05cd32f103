namespace Schakel.Csaf.Authoring;

/// <summary>
/// The fixed words an authored document contains (note titles, rating, kans/schade labels) in Dutch and English. The
/// reader recognises both languages, so a document is read back whatever its <c>lang</c>.
/// </summary>
internal sealed record AuthoringTexts(string Summary, string Impact, string Solution, string Risk, string Description,
    string Probability, string Damage, string Normal, string OriginalPrefix, string Low, string Medium, string High, string CanonicalUrl)
{
    public static readonly AuthoringTexts Dutch = new("Samenvatting", "Gevolgen", "Oplossingen", "Kans en schade", "Beschrijving",
        "Kans", "Schade", "Normaal", "Origineel document", "laag", "gemiddeld", "hoog", "Vaste URL van dit document");

    public static readonly AuthoringTexts English = new("Summary", "Impact", "Solutions", "Probability and damage", "Description",
        "Probability", "Damage", "Normal", "Original document", "low", "medium", "high", "Canonical URL");

    public static AuthoringTexts For(string lang) => lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Dutch;

    public static readonly AuthoringTexts[] All = [Dutch, English];

    /// <summary>The level in this language's words (the document's <c>lang</c>).</summary>
    public string Level(RiskLevel level) => level switch
    {
        RiskLevel.Low => Low,
        RiskLevel.Medium => Medium,
        _ => High,
    };

    /// <summary>The level a word means in any of the languages (case-insensitive), or null.</summary>
    public static RiskLevel? ParseLevel(string word) => All
        .SelectMany(t => new[] { (t.Low, RiskLevel.Low), (t.Medium, RiskLevel.Medium), (t.High, RiskLevel.High) })
        .Where(p => string.Equals(p.Item1, word, StringComparison.OrdinalIgnoreCase))
        .Select(p => (RiskLevel?)p.Item2).FirstOrDefault();

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
