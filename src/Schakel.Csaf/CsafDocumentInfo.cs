namespace Schakel.Csaf;

/// <summary>
/// The fields of one schema-valid CSAF 2.0 document that Schakel uses (CSAF 2.0 sections 3.2.1 document,
/// 3.2.2 product_tree, 3.2.3 vulnerabilities). Immutable; all times are UTC; optional fields that the document
/// leaves out are null (strings, scores) or empty (lists).
/// </summary>
public sealed record CsafDocumentInfo
{
    /// <summary><c>/document/tracking/id</c>, unique within the publisher's namespace (3.2.1.12.6).</summary>
    public required string TrackingId { get; init; }

    /// <summary><c>/document/tracking/version</c>: integer or semantic version, see <see cref="CsafVersion"/>.</summary>
    public required string Version { get; init; }

    /// <summary><c>/document/tracking/status</c>: <c>draft</c>, <c>interim</c> or <c>final</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>/document/tracking/initial_release_date</c>, converted to UTC.</summary>
    public required DateTimeOffset InitialReleaseDate { get; init; }

    /// <summary><c>/document/tracking/current_release_date</c>, converted to UTC.</summary>
    public required DateTimeOffset CurrentReleaseDate { get; init; }

    /// <summary><c>/document/title</c>.</summary>
    public required string Title { get; init; }

    /// <summary><c>/document/category</c>, e.g. <c>csaf_security_advisory</c>, <c>csaf_vex</c>, <c>csaf_base</c>.</summary>
    public required string Category { get; init; }

    /// <summary><c>/document/csaf_version</c>; always <c>2.0</c> for a valid document.</summary>
    public required string CsafVersion { get; init; }

    /// <summary><c>/document/lang</c> (BCP 47 tag) or null.</summary>
    public string? Lang { get; init; }

    /// <summary><c>/document/publisher/name</c>.</summary>
    public required string PublisherName { get; init; }

    /// <summary><c>/document/publisher/namespace</c>, normalised by <see cref="CsafReader.NormaliseNamespace"/>.</summary>
    public required string PublisherNamespace { get; init; }

    /// <summary><c>/document/publisher/category</c>, e.g. <c>vendor</c>, <c>coordinator</c>, <c>discoverer</c>.</summary>
    public required string PublisherCategory { get; init; }

    /// <summary>
    /// Raw <c>/document/distribution/tlp/label</c> (TLP 1.0: WHITE, GREEN, AMBER, RED) or null when the document
    /// carries no TLP. Deliberately not mapped: what "no TLP" means is a policy decision for the caller.
    /// </summary>
    public string? TlpLabel { get; init; }

    /// <summary><c>/document/distribution/tlp/url</c> or null.</summary>
    public string? TlpUrl { get; init; }

    /// <summary><c>/document/distribution/text</c> or null.</summary>
    public string? DistributionText { get; init; }

    /// <summary><c>/document/aggregate_severity/text</c> (free text, e.g. "Important") or null.</summary>
    public string? AggregateSeverity { get; init; }

    /// <summary>Document-level notes (<c>/document/notes</c>).</summary>
    public required IReadOnlyList<CsafNote> Notes { get; init; }

    /// <summary>Document-level references (<c>/document/references</c>).</summary>
    public required IReadOnlyList<CsafReference> References { get; init; }

    /// <summary>Every vulnerability in document order (<c>/vulnerabilities</c>).</summary>
    public required IReadOnlyList<CsafVulnerability> Vulnerabilities { get; init; }

    /// <summary>Every product leaf of the product tree, flattened; see <see cref="CsafProduct"/>.</summary>
    public required IReadOnlyList<CsafProduct> Products { get; init; }

    /// <summary>
    /// Product id to full product name for every product in <see cref="Products"/> (first one wins should a
    /// document repeat an id, which mandatory test 6.1.2 forbids but the schema allows). Ordinal keys.
    /// </summary>
    public required IReadOnlyDictionary<string, string> ProductNames { get; init; }

    /// <summary>Highest <see cref="CsafVulnerability.BaseScore"/> over all vulnerabilities, or null if none is scored.</summary>
    public double? MaxBaseScore { get; init; }

    /// <summary>The severity that goes with <see cref="MaxBaseScore"/>, or null.</summary>
    public string? MaxSeverity { get; init; }
}

/// <summary>A note (CSAF 2.0 3.1.8 notes_t): category (e.g. <c>summary</c>, <c>details</c>), optional title, text.</summary>
public sealed record CsafNote(string Category, string? Title, string Text);

/// <summary>A reference (CSAF 2.0 3.1.10 references_t): URL, summary and category (<c>self</c> or <c>external</c>, default external).</summary>
public sealed record CsafReference(string Url, string Summary, string Category);

/// <summary>A CWE (CSAF 2.0 3.2.3.3): id like <c>CWE-79</c> and its name.</summary>
public sealed record CsafCwe(string Id, string Name);

/// <summary>
/// A remediation (CSAF 2.0 3.2.3.12): category (<c>vendor_fix</c>, <c>workaround</c>, <c>mitigation</c>,
/// <c>no_fix_planned</c>, <c>none_available</c>), details, optional URL, and the product ids it applies to —
/// its own <c>product_ids</c> plus the members of its <c>group_ids</c>, deduplicated in document order.
/// </summary>
public sealed record CsafRemediation(string Category, string Details, string? Url, IReadOnlyList<string> ProductIds);

/// <summary>
/// The product status of a vulnerability (CSAF 2.0 3.2.3.9): product ids per category; each list empty when
/// the document leaves that category out.
/// </summary>
public sealed record CsafProductStatus(
    IReadOnlyList<string> FirstAffected,
    IReadOnlyList<string> FirstFixed,
    IReadOnlyList<string> Fixed,
    IReadOnlyList<string> KnownAffected,
    IReadOnlyList<string> KnownNotAffected,
    IReadOnlyList<string> LastAffected,
    IReadOnlyList<string> Recommended,
    IReadOnlyList<string> UnderInvestigation)
{
    /// <summary>A status with every category empty.</summary>
    public static CsafProductStatus Empty { get; } = new([], [], [], [], [], [], [], []);
}

/// <summary>
/// One vulnerability (CSAF 2.0 3.2.3). The score is the highest CVSS v3.x base score over its <c>scores</c>;
/// only when it has no v3.x score at all is the highest CVSS v2 score used.
/// </summary>
public sealed record CsafVulnerability
{
    /// <summary><c>cve</c> (e.g. <c>CVE-2024-1234</c>) or null.</summary>
    public string? Cve { get; init; }

    /// <summary><c>title</c> or null.</summary>
    public string? Title { get; init; }

    /// <summary><c>cwe</c> or null.</summary>
    public CsafCwe? Cwe { get; init; }

    /// <summary>CVSS base score, 0.0–10.0, or null when unscored.</summary>
    public double? BaseScore { get; init; }

    /// <summary>
    /// Upper-case qualitative severity: for v3.x the document's <c>baseSeverity</c> (NONE, LOW, MEDIUM, HIGH,
    /// CRITICAL); for v2, which has no severity field, derived from the score with the NVD v2 ranges
    /// (0.0–3.9 LOW, 4.0–6.9 MEDIUM, 7.0–10.0 HIGH). Null when unscored.
    /// </summary>
    public string? Severity { get; init; }

    /// <summary>The CVSS vector string of the chosen score, or null.</summary>
    public string? Vector { get; init; }

    /// <summary>CVSS version of the chosen score: <c>3.1</c>, <c>3.0</c> or <c>2.0</c>; null when unscored.</summary>
    public string? CvssVersion { get; init; }

    /// <summary>Vulnerability-level notes.</summary>
    public required IReadOnlyList<CsafNote> Notes { get; init; }

    /// <summary>Remediations in document order.</summary>
    public required IReadOnlyList<CsafRemediation> Remediations { get; init; }

    /// <summary>Product ids per status category.</summary>
    public required CsafProductStatus ProductStatus { get; init; }
}

/// <summary>
/// One product leaf of the product tree (CSAF 2.0 3.2.2). <see cref="Vendor"/>, <see cref="Product"/> and
/// <see cref="Version"/> come from the branch path (<c>vendor</c>, <c>product_name</c>,
/// <c>product_version</c>/<c>product_version_range</c>); products from <c>full_product_names</c> have none;
/// products from <c>relationships</c> take them from their <c>product_reference</c>.
/// </summary>
public sealed record CsafProduct
{
    /// <summary><c>product_id</c>.</summary>
    public required string ProductId { get; init; }

    /// <summary>The full product <c>name</c>.</summary>
    public required string FullName { get; init; }

    /// <summary>Name of the nearest enclosing <c>vendor</c> branch, or null.</summary>
    public string? Vendor { get; init; }

    /// <summary>Name of the nearest enclosing <c>product_name</c> branch, or null.</summary>
    public string? Product { get; init; }

    /// <summary>Name of the <c>product_version</c> or <c>product_version_range</c> branch, or null.</summary>
    public string? Version { get; init; }

    /// <summary>True when <see cref="Version"/> came from a <c>product_version_range</c> (vers or free text).</summary>
    public bool IsVersionRange { get; init; }

    /// <summary><c>product_identification_helper/cpe</c> or null.</summary>
    public string? Cpe { get; init; }

    /// <summary><c>product_identification_helper/purl</c> or null.</summary>
    public string? Purl { get; init; }

    /// <summary>Where it came from: <c>branches</c>, <c>full_product_names</c> or <c>relationships</c>.</summary>
    public required string Source { get; init; }
}
