using Schakel.Stix;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// The checks an object must pass before it is stored: the identifier and versioning rules the store relies on
/// (STIX 2.1 sections 2.9 and 3.2). Returns the problems, empty when the object may be stored.
/// </summary>
public sealed class StixObjectChecks
{
    /// <summary>Checks one object; never throws.</summary>
    public IReadOnlyList<string> Check(StixObject o)
    {
        var problems = new List<string>();
        var sep = o.Id.IndexOf("--", StringComparison.Ordinal);
        if (sep <= 0 || o.Id[..sep] != o.Type || !Guid.TryParse(o.Id[(sep + 2)..], out _))
            problems.Add($"'{o.Id}' is not an identifier of the form {o.Type}--UUID (STIX 2.1 section 2.9).");
        var needsCreated = o.Category is StixObjectCategory.Sdo or StixObjectCategory.Sro or StixObjectCategory.Meta;
        if (needsCreated && o.Created is null) problems.Add($"{o.Id} has no valid 'created' timestamp (section 3.2).");
        if (o.Category is StixObjectCategory.Sdo or StixObjectCategory.Sro && o.Modified is null) problems.Add($"{o.Id} has no valid 'modified' timestamp (section 3.2).");
        if (o.Created is { } c && o.Modified is { } m && m < c) problems.Add($"{o.Id}: 'modified' is earlier than 'created' (section 3.2).");
        return problems;
    }
}
