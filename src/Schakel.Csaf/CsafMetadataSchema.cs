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
    /// <summary>The <c>$id</c> of the CSAF 2.0 provider metadata JSON schema.</summary>
    public const string ProviderSchemaId = "https://docs.oasis-open.org/csaf/csaf/v2.0/provider_json_schema.json";
    /// <summary>The <c>$id</c> of the CSAF 2.0 aggregator JSON schema.</summary>
    public const string AggregatorSchemaId = "https://docs.oasis-open.org/csaf/csaf/v2.0/aggregator_json_schema.json";

    private static readonly Lazy<Loaded> Schemas = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // Hierarchical output, as CsafSchema uses, so that SchemaFindingBuilder can name the closest oneOf branch.
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    /// <summary>Schema violations of a provider-metadata.json (JSON pointer + reason); empty when valid.</summary>
    public static IReadOnlyList<CsafFinding> ValidateProviderMetadata(JsonElement document) => Validate(Schemas.Value.Provider, document);

    /// <summary>Schema violations of an aggregator.json (JSON pointer + reason); empty when valid.</summary>
    public static IReadOnlyList<CsafFinding> ValidateAggregator(JsonElement document) => Validate(Schemas.Value.Aggregator, document);

    private static IReadOnlyList<CsafFinding> Validate(JsonSchema schema, JsonElement document)
    {
        var loaded = Schemas.Value;
        var result = schema.Evaluate(document, Options);
        return result.IsValid ? [] : SchemaFindingBuilder.Build(result, document, loaded.Raw);
    }

    private static Loaded Load()
    {
        // The provider schema takes the publisher definition from the CSAF schema, which takes CVSS from FIRST's.
        var raw = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var (options, _) = CsafSchema.BuildWithCsaf(raw);
        return new Loaded(Build("provider_json_schema.json", ProviderSchemaId), Build("aggregator_json_schema.json", AggregatorSchemaId), raw);

        JsonSchema Build(string resource, string id)
        {
            var node = JsonNode.Parse(CsafSchema.ReadEmbedded(resource))!;
            raw[id] = node;
            return JsonSchema.Build(JsonSerializer.SerializeToElement(node), options, new Uri(id));
        }
    }

    private sealed record Loaded(JsonSchema Provider, JsonSchema Aggregator, IReadOnlyDictionary<string, JsonNode> Raw);
}
