namespace Schakel.Csaf.Authoring;

/// <summary>
/// <c>document.publisher</c>: name, namespace (absolute URL, kept unchanged across revisions since it is part of the
/// advisory's identity) and category (<c>coordinator</c>, <c>other</c>, <c>translator</c>, ...).
/// </summary>
public sealed record AuthoringPublisher(string Name, string Namespace, string Category);

/// <summary>One <c>document.tracking.revision_history</c> entry; <paramref name="Date"/> is UTC.</summary>
public sealed record AuthoredRevision(string Number, DateTimeOffset Date, string Summary);

/// <summary>
/// The tracking state of an existing document, as <see cref="CsafAdvisoryReader"/> reads it: id, integer version,
/// initial release date (UTC) and revision history (oldest first).
/// </summary>
public sealed record AuthoredTracking(string Id, int Version, DateTimeOffset InitialReleaseDate, IReadOnlyList<AuthoredRevision> History);

/// <summary>
/// Makes a document a translation: its <c>source_lang</c>, the original's tracking id and the original's URL (written as
/// an <c>external</c> reference whose summary starts with <see cref="CsafAdvisoryBuilder.OriginalReferencePrefix"/>).
/// </summary>
public sealed record TranslationSource(string SourceLang, string OriginalTrackingId, string OriginalUrl);

/// <summary>
/// Everything besides the analyst's text that a document needs: publisher, tracking id, the time of this revision
/// (UTC, cut to milliseconds), the revision summary, and for a new revision of an existing document its previous tracking.
/// </summary>
public sealed record AuthoringContext(AuthoringPublisher Publisher, string TrackingId, DateTimeOffset Now, string RevisionSummary)
{
    /// <summary>The previous revision's tracking; null for a new document (version 1).</summary>
    public AuthoredTracking? Previous { get; init; }

    /// <summary>Set for a translation (<c>source_lang</c> and a reference to the original).</summary>
    public TranslationSource? TranslationOf { get; init; }

    /// <summary><c>document.tracking.generator.engine.version</c>.</summary>
    public string GeneratorVersion { get; init; } = typeof(AuthoringContext).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    /// <summary>Optional canonical URL of this document, written as the <c>self</c> reference (CSAF 6.2.11).</summary>
    public string? CanonicalUrl { get; init; }

    /// <summary>
    /// The provider's directory root, e.g. <c>https://node.example/.well-known/csaf</c>. When set (and no
    /// <see cref="CanonicalUrl"/> is given), the <c>self</c> reference is the document's place in the directory-based
    /// distribution (CSAF 2.0 section 7.1.11): <c>{root}/{white|green|amber}/{YYYY of initial_release_date}/{file name of 5.1}</c>;
    /// none for RED, which no CSAF directory holds.
    /// </summary>
    public string? ProviderDirectoryUrl { get; init; }
}

/// <summary>Tracking ids of authored advisories: <c>{ORGKEY-UPPER}-{YYYY}-{NNNN}</c>, and <c>-EN</c> appended for English translations.</summary>
public static class AuthoredTrackingId
{
    /// <summary>The id prefix of an organisation and year, e.g. <c>NCSC-2026-</c>.</summary>
    public static string Prefix(string organisationKey, int year) => $"{organisationKey.ToUpperInvariant()}-{year:D4}-";

    /// <summary>The <paramref name="sequence"/>-th id (1-based, at least four digits), e.g. <c>NCSC-2026-0007</c>.</summary>
    public static string Format(string organisationKey, int year, int sequence) => $"{Prefix(organisationKey, year)}{sequence:D4}";

    /// <summary>The sequence number of <paramref name="trackingId"/> under <paramref name="prefix"/>, or null when it is no such id (e.g. a translation).</summary>
    public static int? Sequence(string trackingId, string prefix) =>
        trackingId.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(trackingId.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : null;

    /// <summary>The tracking id of the translation into <paramref name="lang"/>: <c>NCSC-2026-0007-EN</c>.</summary>
    public static string Translation(string originalId, string lang) => $"{originalId}-{lang.ToUpperInvariant()}";
}
