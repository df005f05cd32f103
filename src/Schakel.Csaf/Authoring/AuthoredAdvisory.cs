namespace Schakel.Csaf.Authoring;

/// <summary>NCSC-style rating of an advisory, written as <c>document.aggregate_severity.text</c>.</summary>
public enum AdvisoryRating
{
    /// <summary>"Normaal" (Dutch) / "Normal" (English).</summary>
    Normaal,

    /// <summary>"Urgent" in both languages.</summary>
    Urgent,
}

/// <summary>The older NCSC probability ("kans") and damage ("schade") levels.</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
}

/// <summary>The TLP 1.0 labels CSAF 2.0 knows (<c>document.distribution.tlp.label</c>).</summary>
public enum CsafTlpLabel
{
    White,
    Green,
    Amber,
    Red,
}

/// <summary><c>document.tracking.status</c> of an authored document (a draft in Schakel is still released as one of these).</summary>
public enum AuthoredStatus
{
    /// <summary><c>final</c>: the information is not expected to change.</summary>
    Final,

    /// <summary><c>interim</c>: the information is expected to change.</summary>
    Interim,
}

/// <summary>CSAF 2.0 remediation categories (<c>vulnerabilities[].remediations[].category</c>).</summary>
public enum RemediationCategory
{
    VendorFix,
    Workaround,
    Mitigation,
    NoFixPlanned,
    NoneAvailable,
}

/// <summary>A product an analyst names: vendor, product name and its affected versions; no versions means "versions unknown".</summary>
/// <param name="Vendor">Vendor name, e.g. <c>Citrix</c>.</param>
/// <param name="Name">Product name, e.g. <c>NetScaler ADC</c>.</param>
/// <param name="Versions">
/// Affected versions, each either a single version (<c>14.1-12.35</c>, written as <c>product_version</c>) or a range
/// (<c>vers:</c> string or text with <c>&lt;</c>, <c>&gt;</c> or words such as "before", written as <c>product_version_range</c>).
/// Empty: versions unknown; the product name itself is the product.
/// </param>
public sealed record AuthoredProduct(string Vendor, string Name, IReadOnlyList<string> Versions)
{
    /// <summary>True when no versions are given.</summary>
    public bool VersionsUnknown => Versions.Count == 0;
}

/// <summary>One vulnerability by CVE id, with an optional description (written as the vulnerability's description note).</summary>
public sealed record AuthoredVulnerability(string Cve, string? Description = null);

/// <summary>
/// One remediation: category, text, optional URL; for one CVE (null: every CVE of the advisory) and one product
/// (an index into <see cref="AuthoredAdvisory.Products"/>, null: every product).
/// </summary>
public sealed record AuthoredRemediation(RemediationCategory Category, string Text, string? Url = null, string? Cve = null, int? ProductIndex = null);

/// <summary>An external reference: absolute URL and a short summary.</summary>
public sealed record AuthoredReference(string Url, string Summary);

/// <summary>
/// What an analyst writes for a security advisory; <see cref="CsafAdvisoryBuilder"/> turns it into a CSAF 2.0
/// <c>csaf_security_advisory</c>, <see cref="CsafAdvisoryReader"/> reads it back from such a document.
/// </summary>
public sealed record AuthoredAdvisory
{
    public required string Title { get; init; }

    /// <summary>Document language (<c>document.lang</c>), <c>nl</c> by default.</summary>
    public string Lang { get; init; } = "nl";

    /// <summary>Summary ("samenvatting"), required: note category <c>summary</c>.</summary>
    public required string Summary { get; init; }

    /// <summary>Impact ("gevolgen"): note category <c>general</c>.</summary>
    public string? Impact { get; init; }

    /// <summary>What to do ("oplossingen", recommended action): note category <c>general</c>.</summary>
    public string? Solution { get; init; }

    public AdvisoryRating Rating { get; init; } = AdvisoryRating.Normaal;

    /// <summary>Older NCSC "kans"; kept as a note of category <c>other</c> when given.</summary>
    public RiskLevel? Probability { get; init; }

    /// <summary>Older NCSC "schade"; kept as a note of category <c>other</c> when given.</summary>
    public RiskLevel? Damage { get; init; }

    public CsafTlpLabel Tlp { get; init; } = CsafTlpLabel.Amber;

    /// <summary><c>document.distribution.text</c>, e.g. the AMBER+STRICT handling TLP 1.0 cannot express.</summary>
    public string? DistributionText { get; init; }

    public AuthoredStatus Status { get; init; } = AuthoredStatus.Final;
    public IReadOnlyList<AuthoredVulnerability> Vulnerabilities { get; init; } = [];
    public IReadOnlyList<AuthoredProduct> Products { get; init; } = [];
    public IReadOnlyList<AuthoredRemediation> Remediations { get; init; } = [];
    public IReadOnlyList<AuthoredReference> References { get; init; } = [];
}
