namespace Schakel.Csaf.Distribution;

/// <summary>What to download.</summary>
/// <param name="Source">A <c>provider-metadata.json</c> URL, a site URL (<c>https://example.com</c>) or a domain (<c>example.com</c>, <c>127.0.0.1:8080</c>).</param>
public sealed record CsafDownloadRequest(string Source)
{
    /// <summary>Only listed documents changed after this instant (UTC) are fetched; null: everything listed.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Document URLs that failed before and are tried again first, each with its <c>.sha256</c>/<c>.sha512</c>/<c>.asc</c> beside it.</summary>
    public IReadOnlyCollection<Uri> Retry { get; init; } = [];

    /// <summary>Bearer token sent to the provider's origin (GREEN and AMBER directories need authentication).</summary>
    public string? BearerToken { get; init; }

    /// <summary>Called once per document as soon as its outcome is known (for progress output).</summary>
    public Action<CsafDocumentResult>? OnDocument { get; init; }
}

/// <summary>A document that passed every check, handed to the caller.</summary>
/// <param name="Url">Where it came from.</param>
/// <param name="Content">The exact bytes fetched.</param>
/// <param name="Info">What <see cref="CsafReader.Read(byte[], Validation.CsafValidator, long)"/> extracted (the document passed the schema and the mandatory tests).</param>
/// <param name="Signature">The detached OpenPGP signature as fetched (ASCII armoured), or null when there was none.</param>
/// <param name="SignatureVerified">True when the signature was checked against a key the provider lists.</param>
/// <param name="Changed">The listing's timestamp (UTC), null for <c>index.txt</c> and retries.</param>
/// <param name="Warnings">Quirks accepted for this document.</param>
public sealed record CsafDownloadedDocument(Uri Url, byte[] Content, CsafDocumentInfo Info, string? Signature, bool SignatureVerified, DateTimeOffset? Changed, IReadOnlyList<string> Warnings);

/// <summary>The caller's verdict on a document (e.g. the importer's): success with a line to print, or a failure reason.</summary>
public sealed record CsafHandlerResult(bool Succeeded, string Message)
{
    public static CsafHandlerResult Ok(string message) => new(true, message);

    public static CsafHandlerResult Fail(string message) => new(false, message);
}

/// <summary>Called for each good document; returns whether the caller took it.</summary>
public delegate Task<CsafHandlerResult> CsafDocumentHandler(CsafDownloadedDocument document, CancellationToken ct);

/// <summary>Why one document was not handed over (or was refused by the handler).</summary>
public enum CsafDocumentFailure
{
    /// <summary>The listed file is not there (404/410).</summary>
    Missing,

    /// <summary>Access refused (401/403 or another 4xx).</summary>
    Refused,

    /// <summary>Over the size limit.</summary>
    TooLarge,

    /// <summary>Off the provider's origin, or not https.</summary>
    Forbidden,

    /// <summary>The content does not match its <c>.sha256</c> or <c>.sha512</c>, or a hash file is unreadable.</summary>
    HashMismatch,

    /// <summary>The <c>.asc</c> signature does not verify with the provider's key, or is not a signature.</summary>
    BadSignature,

    /// <summary>Not a schema-valid CSAF 2.0 document.</summary>
    Invalid,

    /// <summary>The handler refused it (e.g. the importer's label rules).</summary>
    Rejected,
}

/// <summary>The outcome for one document.</summary>
/// <param name="Url">The document URL.</param>
/// <param name="Changed">The listing's timestamp (UTC) or null.</param>
/// <param name="Failure">Null on success.</param>
/// <param name="Message">The handler's line on success; the reason on failure.</param>
/// <param name="Warnings">Quirks accepted (no hash file, signature key not available, repository-relative path, ...).</param>
public sealed record CsafDocumentResult(Uri Url, DateTimeOffset? Changed, CsafDocumentFailure? Failure, string Message, IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Failure is null;
}

/// <summary>The result of one download run.</summary>
/// <param name="MetadataUrl">Where the provider metadata was found; null when it was not.</param>
/// <param name="Metadata">The provider metadata read, or null.</param>
/// <param name="Documents">Every document tried, in order.</param>
/// <param name="Warnings">Run-level quirks (unquoted CSV, missing changes.csv, metadata schema violations, ...).</param>
/// <param name="Errors">Run-level errors (no metadata, a key fingerprint mismatch, a listing that could not be read, the abort reason).</param>
/// <param name="Cursor">
/// The newest listing timestamp up to which every listed document was handled (imported or recorded as failed), for the
/// next run's <see cref="CsafDownloadRequest.Since"/>; never before the request's own <c>Since</c>. Null when nothing was ever listed.
/// </param>
/// <param name="Completed">False when the run stopped early (network error, 5xx, provider not found); the cursor then stops before the first unhandled entry.</param>
public sealed record CsafDownloadReport(Uri? MetadataUrl, ProviderMetadata? Metadata, IReadOnlyList<CsafDocumentResult> Documents,
    IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors, DateTimeOffset? Cursor, bool Completed)
{
    public int Succeeded => Documents.Count(d => d.Succeeded);

    public int Failed => Documents.Count(d => !d.Succeeded);
}
