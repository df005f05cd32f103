using System.Text.Json;
using System.Text.Json.Nodes;

namespace Schakel.Stix.Validation;

/// <summary>
/// Rules on the container (STIX 2.1 section 8) and across the objects in it (section 3.6 versioning).
/// </summary>
internal static class BundleRules
{
    /// <summary>One object as the cross-object rules need it; its JSON text is only made when its id repeats.</summary>
    public sealed record Entry(string? Id, StixTimestamp? Version, bool Revoked, Func<string> Json);

    /// <summary>
    /// The bundle itself (section 8): the bundle schema (its objects only as JSON objects; each is checked by type later)
    /// and the STIX 2.0 <c>spec_version</c> a 2.1 bundle no longer has. The bundle id is checked by
    /// <see cref="StixValidator.Validate(StixReadResult)"/>. Bundle findings carry no object id (null means the bundle).
    /// </summary>
    public static List<StixFinding> CheckBundle(ReadOnlyMemory<byte> content)
    {
        if (content.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) content = content[3..]; // as the reader does
        using var doc = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = StixBundleReader.MaxDepth });
        var root = doc.RootElement;
        var findings = new List<StixFinding>();
        SchemaCheck.Run(StixSchemas.BundleShell, new ObjectContext(root, findings), "schema", "bundle");
        for (var i = 0; i < findings.Count; i++) findings[i] = findings[i] with { ObjectId = null };
        if (root.TryGetProperty("spec_version", out _))
            findings.Add(new StixFinding(StixSeverity.Warning, null, "/spec_version", "A STIX 2.1 bundle has no 'spec_version' (it was a STIX 2.0 bundle property).", "8.1"));
        return findings;
    }

    /// <summary>
    /// Section 3.6: every representation of one version (id + modified) has the same properties and values, so two
    /// different objects with the same id and version are an error (an identical repeat only a warning); and once an
    /// object is revoked, no later version may exist.
    /// </summary>
    public static IEnumerable<StixFinding> CheckVersions(IReadOnlyList<Entry> entries)
    {
        var findings = new List<StixFinding>();
        foreach (var group in entries.Where(e => e.Id is not null).GroupBy(e => e.Id!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var version in group.GroupBy(e => e.Version?.SortKey ?? "", StringComparer.Ordinal).Where(v => v.Count() > 1))
            {
                var first = version.First();
                var label = first.Version is null ? "" : $" and version {first.Version.Text}";
                var firstJson = first.Json();
                if (version.Skip(1).All(e => SameContent(e.Json(), firstJson)))
                    findings.Add(new StixFinding(StixSeverity.Warning, group.Key, "", $"The object with this id{label} appears {version.Count()} times.", "3.6"));
                else if (first.Version is null)
                    // Unversioned objects (SCOs): producers may describe the same observable with different non-ID
                    // properties under one deterministic id; STIX does not call that a conflict, but it is worth noting.
                    findings.Add(new StixFinding(StixSeverity.Warning, group.Key, "", "Different objects share this (unversioned) id.", "3.6"));
                else
                    findings.Add(new StixFinding(StixSeverity.Error, group.Key, "/modified", $"Different objects share this id{label}; a new version needs a later 'modified'.", "3.6"));
            }

            var revokedAt = group.Where(e => e.Revoked && e.Version is not null).Select(e => e.Version!).OrderBy(v => v).FirstOrDefault();
            if (revokedAt is null) continue;
            foreach (var later in group.Where(e => e.Version is not null && e.Version > revokedAt))
                findings.Add(new StixFinding(StixSeverity.Error, group.Key, "/modified", $"Version {later.Version!.Text} follows the revocation at {revokedAt.Text}; a revoked object has no later versions.", "3.6"));
        }

        return findings;
    }

    private static bool SameContent(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal) || JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
}
