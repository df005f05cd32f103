using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Schakel.Csaf.Validation.Support;

/// <summary>
/// The FIRST CVSS JSON schemas (v2.0, v3.0, v3.1) embedded in this library, each on its own, for mandatory test 6.1.8:
/// the CSAF schema's <c>oneOf</c> over v3.0/v3.1 cannot say which one a score fails, this can. Built once, thread-safe.
/// </summary>
internal static class CvssSchemas
{
    private static readonly Lazy<IReadOnlyDictionary<string, (JsonSchema Schema, IReadOnlyDictionary<string, JsonNode> Raw)>> Schemas =
        new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>
    /// Validates <paramref name="cvss"/> against the FIRST schema of <paramref name="version"/> (<c>2.0</c>, <c>3.0</c> or <c>3.1</c>).
    /// </summary>
    /// <returns>The violations, paths relative to <paramref name="cvss"/>; empty when valid.</returns>
    /// <exception cref="ArgumentException">Unknown version.</exception>
    public static IReadOnlyList<CsafFinding> Validate(JsonElement cvss, string version)
    {
        if (!Schemas.Value.TryGetValue(version, out var entry)) throw new ArgumentException($"No CVSS schema for version '{version}'.", nameof(version));
        var results = entry.Schema.Evaluate(cvss, Options);
        return results.IsValid ? [] : SchemaFindingBuilder.Build(results, cvss, entry.Raw);
    }

    private static IReadOnlyDictionary<string, (JsonSchema, IReadOnlyDictionary<string, JsonNode>)> Load()
    {
        var loaded = new Dictionary<string, (JsonSchema, IReadOnlyDictionary<string, JsonNode>)>(StringComparer.Ordinal);
        foreach (var version in new[] { "2.0", "3.0", "3.1" })
        {
            var (node, uri) = CsafSchema.CvssSchemaNode(version);
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            var schema = JsonSchema.Build(JsonSerializer.SerializeToElement(node), options, new Uri(uri));
            loaded[version] = (schema, new Dictionary<string, JsonNode>(StringComparer.Ordinal) { [uri] = node });
        }

        return loaded;
    }
}
