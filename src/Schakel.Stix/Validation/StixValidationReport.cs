namespace Schakel.Stix.Validation;

/// <summary>
/// The outcome of validating STIX content: every finding, in object order (bundle-level findings first). The content is
/// valid when there is no error; warnings report what STIX 2.1 says SHOULD (not MUST) be different.
/// </summary>
public sealed class StixValidationReport
{
    /// <summary>A report without findings for <paramref name="objectCount"/> objects.</summary>
    public StixValidationReport(IReadOnlyList<StixFinding> findings, int objectCount)
    {
        Findings = findings;
        ObjectCount = objectCount;
        InvalidObjectIds = findings.Where(f => f.Severity == StixSeverity.Error && f.ObjectId is not null)
            .Select(f => f.ObjectId!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>All findings.</summary>
    public IReadOnlyList<StixFinding> Findings { get; }

    /// <summary>How many objects were checked.</summary>
    public int ObjectCount { get; }

    /// <summary>True when there is no error (warnings allowed).</summary>
    public bool IsValid => !Findings.Any(f => f.Severity == StixSeverity.Error);

    /// <summary>The errors.</summary>
    public IEnumerable<StixFinding> Errors => Findings.Where(f => f.Severity == StixSeverity.Error);

    /// <summary>The warnings.</summary>
    public IEnumerable<StixFinding> Warnings => Findings.Where(f => f.Severity == StixSeverity.Warning);

    /// <summary>Ids of the objects with at least one error (an id shared by several versions counts once).</summary>
    public IReadOnlySet<string> InvalidObjectIds { get; }

    /// <summary>
    /// For a report of <see cref="StixValidator.Validate(StixReadResult)"/>: the findings of each object read, in read order
    /// (one entry per object, so several versions of one id are told apart); empty for other reports. Findings across
    /// objects (STIX 2.1 section 3.6, per id) are in <see cref="Findings"/> only.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<StixFinding>> PerObject { get; init; } = [];

    /// <summary>The findings as text, one per line, for logs and command-line output.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Findings);
}
