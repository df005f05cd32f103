using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Schakel.Csaf;

/// <summary>
/// Validation of CSAF 2.0 distribution metadata against the official schemas (embedded, see Schemas/NOTICE.md):
/// <c>provider-metadata.json</c> (section 7.1.7) and <c>aggregator.json</c> (section 7.2.5). Built once, thread-safe.
/// </summary>
public static class CsafMetadataSchema
{
    public const string ProviderSchemaId = "https://docs.oasis-open.org/csaf/csaf/v2.0/provider_json_schema.json";
    public const string AggregatorSchemaId = "https://docs.oasis-open.org/csaf/csaf/v2.0/aggregator_json_schema.json";

    private static readonly Lazy<(JsonSchema Provider, JsonSchema Aggregator)> Schemas = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>Schema violations of a provider-metadata.json as "JSON pointer: message" lines; empty when valid.</summary>
    public static IReadOnlyList<string> ValidateProviderMetadata(JsonElement document) => Validate(Schemas.Value.Provider, document);

    /// <summary>Schema violations of an aggregator.json as "JSON pointer: message" lines; empty when valid.</summary>
    public static IReadOnlyList<string> ValidateAggregator(JsonElement document) => Validate(Schemas.Value.Aggregator, document);

    private static List<string> Validate(JsonSchema schema, JsonElement document)
    {
        var result = schema.Evaluate(document, Options);
        if (result.IsValid) return [];
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .Distinct()
            .DefaultIfEmpty("(schema validation failed without details)")
            .ToList();
    }

    private static (JsonSchema, JsonSchema) Load()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        // The provider schema takes the publisher definition from the CSAF schema, which takes CVSS from FIRST's.
        foreach (var (resource, uri) in new[]
                 {
                     ("cvss-v2.0.json", "https://www.first.org/cvss/cvss-v2.0.json"),
                     ("cvss-v3.0.json", "https://www.first.org/cvss/cvss-v3.0.json"),
                     ("cvss-v3.1.json", "https://www.first.org/cvss/cvss-v3.1.json"),
                 })
        {
            // As in CsafSchema: drop the non-standard "license", read draft-04 as draft-07, pin the id.
            var node = JsonNode.Parse(CsafSchema.ReadEmbedded(resource))!.AsObject();
            node.Remove("license");
            node.Remove("id");
            node["$schema"] = "http://json-schema.org/draft-07/schema#";
            node["$id"] = uri;
            JsonSchema.Build(JsonSerializer.SerializeToElement(node), options, new Uri(uri));
        }

        Build("csaf_json_schema.json", CsafSchema.CsafSchemaId);
        var provider = Build("provider_json_schema.json", ProviderSchemaId);
        var aggregator = Build("aggregator_json_schema.json", AggregatorSchemaId);
        return (provider, aggregator);

        JsonSchema Build(string resource, string id) =>
            JsonSchema.Build(JsonDocument.Parse(CsafSchema.ReadEmbedded(resource)).RootElement, options, new Uri(id));
    }
}
