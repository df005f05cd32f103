using System.Text.Json;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// The counts of one import per outcome, as the command line, the API and the upload page report them.
/// </summary>
public sealed record ThreatIntelImportCounts(int Added, int NewVersions, int EarlierVersions, int Unchanged, int Conflicts, int Invalid)
{
    /// <summary>Counts the objects of <paramref name="result"/> by outcome.</summary>
    public static ThreatIntelImportCounts Of(ThreatIntelImportResult result) => new(
        result.Count(StixObjectOutcome.Added), result.Count(StixObjectOutcome.NewVersion), result.Count(StixObjectOutcome.EarlierVersion),
        result.Count(StixObjectOutcome.Unchanged), result.Count(StixObjectOutcome.Conflict), result.Count(StixObjectOutcome.Invalid));

    /// <summary>English one-liner for the command line: <c>added 3, new versions 0, …, invalid 0</c>.</summary>
    public override string ToString() =>
        $"added {Added}, new versions {NewVersions}, earlier versions {EarlierVersions}, unchanged {Unchanged}, conflicts {Conflicts}, invalid {Invalid}";
}

/// <summary>The lines of a threat-intelligence item's import report (<see cref="ThreatIntelPayload.Report"/>), sorted by kind.</summary>
public sealed record ThreatIntelReport(IReadOnlyList<string> Conflicts, IReadOnlyList<string> Invalid, IReadOnlyList<string> Warnings)
{
    public static readonly ThreatIntelReport Empty = new([], [], []);

    public bool IsEmpty => Conflicts.Count + Invalid.Count + Warnings.Count == 0;

    /// <summary>
    /// Reads the stored report: a JSON array of strings where the importer writes conflicts as <c>Conflict: …</c>, invalid
    /// objects as <c>Invalid: …</c> and anything else (unknown markings, unmapped MISP parts) as a plain warning.
    /// A report that is not such an array (should not happen) reads as one warning with its text.
    /// </summary>
    public static ThreatIntelReport Read(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return Empty;
        List<string> lines;
        try
        {
            lines = JsonSerializer.Deserialize<List<string>>(stored) ?? [];
        }
        catch (JsonException)
        {
            return new ThreatIntelReport([], [], [stored]);
        }

        const string conflict = nameof(StixObjectOutcome.Conflict) + ": ", invalid = nameof(StixObjectOutcome.Invalid) + ": ";
        return new ThreatIntelReport(
            [.. lines.Where(l => l.StartsWith(conflict, StringComparison.Ordinal)).Select(l => l[conflict.Length..])],
            [.. lines.Where(l => l.StartsWith(invalid, StringComparison.Ordinal)).Select(l => l[invalid.Length..])],
            [.. lines.Where(l => !l.StartsWith(conflict, StringComparison.Ordinal) && !l.StartsWith(invalid, StringComparison.Ordinal))]);
    }
}
