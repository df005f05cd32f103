namespace Schakel.Csaf;

/// <summary>What <see cref="CsafReader.Read(byte[], long)"/> concluded about a file.</summary>
public enum CsafReadStatus
{
    /// <summary>A schema-valid CSAF 2.0 document; <see cref="CsafReadResult.Document"/> is set.</summary>
    Valid,

    /// <summary>Larger than the caller's limit; not parsed at all.</summary>
    TooLarge,

    /// <summary>Empty, not UTF-8 JSON, truncated, or with trailing data after the JSON value.</summary>
    NotJson,

    /// <summary>
    /// Well-formed JSON that is not a CSAF document at all (ROLIE feed, provider-metadata.json,
    /// aggregator.json, ...): no top-level object with a <c>document</c> object holding <c>csaf_version</c>.
    /// A folder import should skip these rather than reject them.
    /// </summary>
    NotCsaf,

    /// <summary>Claims to be CSAF (has <c>document.csaf_version</c>) but breaks the CSAF 2.0 JSON schema.</summary>
    Invalid,
}

/// <summary>
/// Outcome of reading one file: either <see cref="CsafReadStatus.Valid"/> with a <see cref="Document"/>,
/// or a failure status with at least one <see cref="Findings"/> entry (most useful first).
/// </summary>
public sealed class CsafReadResult
{
    private CsafReadResult(CsafReadStatus status, CsafDocumentInfo? document, IReadOnlyList<CsafFinding> findings)
    {
        Status = status;
        Document = document;
        Findings = findings;
    }

    /// <summary>Which of the outcomes this is.</summary>
    public CsafReadStatus Status { get; }

    /// <summary>The extracted document; non-null exactly when <see cref="IsSuccess"/>.</summary>
    public CsafDocumentInfo? Document { get; }

    /// <summary>Problems found; empty on success, never empty on failure.</summary>
    public IReadOnlyList<CsafFinding> Findings { get; }

    /// <summary>
    /// The full validation report when the document was read with a <see cref="Validation.CsafValidator"/>
    /// (<see cref="CsafReader.Read(byte[], Validation.CsafValidator, long)"/>); null otherwise or when it was not JSON/CSAF.
    /// On success it holds only warnings (optional and informative tests).
    /// </summary>
    public Validation.CsafValidationReport? Report { get; init; }

    /// <summary>True when the document is schema-valid and was extracted.</summary>
    public bool IsSuccess => Status == CsafReadStatus.Valid;

    /// <summary>
    /// True when a folder import should silently skip the file because it is JSON that is not a CSAF document
    /// (as opposed to a broken CSAF document, which should be rejected and reported).
    /// </summary>
    public bool IsNotCsaf => Status == CsafReadStatus.NotCsaf;

    internal static CsafReadResult Success(CsafDocumentInfo document, Validation.CsafValidationReport? report = null) =>
        new(CsafReadStatus.Valid, document, []) { Report = report };

    internal static CsafReadResult Failure(CsafReadStatus status, IReadOnlyList<CsafFinding> findings, Validation.CsafValidationReport? report)
    {
        var result = Failure(status, findings);
        return report is null ? result : new CsafReadResult(status, null, findings) { Report = report };
    }

    internal static CsafReadResult Failure(CsafReadStatus status, IReadOnlyList<CsafFinding> findings)
    {
        if (status == CsafReadStatus.Valid || findings.Count == 0)
        {
            throw new ArgumentException("A failure needs a failure status and at least one finding.");
        }

        return new(status, null, findings);
    }

    internal static CsafReadResult Failure(CsafReadStatus status, string message) =>
        Failure(status, [new CsafFinding("", message)]);

    /// <inheritdoc />
    public override string ToString() =>
        IsSuccess ? $"Valid {Document!.TrackingId}" : $"{Status}: {string.Join("; ", Findings)}";
}
