using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Schakel.Csaf.Distribution;

/// <summary>
/// Validation of a <c>provider-metadata.json</c> against the embedded CSAF 2.0 provider metadata schema (CSAF 2.0
/// section 7.1.7). The schema's <c>publisher</c> refers into the CSAF schema, which is registered beside it.
/// </summary>
public static class ProviderMetadataSchema
{
    /// <summary>The <c>$id</c> of the CSAF 2.0 provider metadata JSON schema.</summary>
    public const string SchemaId = "https://docs.oasis-open.org/csaf/csaf/v2.0/provider_json_schema.json";

    private static readonly Lazy<(JsonSchema Schema, IReadOnlyDictionary<string, JsonNode> Raw)> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    /// <summary>Every schema violation of <paramref name="metadata"/> (JSON Pointer + reason); empty when valid.</summary>
    public static IReadOnlyList<CsafFinding> Validate(JsonElement metadata)
    {
        var (schema, raw) = Instance.Value;
        var results = schema.Evaluate(metadata, Options);
        return results.IsValid ? [] : SchemaFindingBuilder.Build(results, metadata, raw);
    }

    private static (JsonSchema, IReadOnlyDictionary<string, JsonNode>) Load()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var raw = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        // The CSAF schema's own CVSS $refs are never reached from the publisher definition, but building it resolves
        // them; register them as CsafSchema does.
        foreach (var (resource, uri) in new[]
                 {
                     ("cvss-v2.0.json", "https://www.first.org/cvss/cvss-v2.0.json"),
                     ("cvss-v3.0.json", "https://www.first.org/cvss/cvss-v3.0.json"),
                     ("cvss-v3.1.json", "https://www.first.org/cvss/cvss-v3.1.json"),
                 })
        {
            var node = JsonNode.Parse(CsafSchema.ReadEmbedded(resource))!.AsObject();
            node.Remove("license");
            node["$schema"] = "http://json-schema.org/draft-07/schema#";
            node.Remove("id");
            node["$id"] = uri;
            JsonSchema.Build(JsonSerializer.SerializeToElement(node), options, new Uri(uri));
        }

        var csaf = JsonNode.Parse(CsafSchema.ReadEmbedded("csaf_json_schema.json"))!;
        raw[CsafSchema.CsafSchemaId] = csaf;
        JsonSchema.Build(JsonSerializer.SerializeToElement(csaf), options, new Uri(CsafSchema.CsafSchemaId));
        var provider = JsonNode.Parse(CsafSchema.ReadEmbedded("provider_json_schema.json"))!;
        raw[SchemaId] = provider;
        return (JsonSchema.Build(JsonSerializer.SerializeToElement(provider), options, new Uri(SchemaId)), raw);
    }
}
