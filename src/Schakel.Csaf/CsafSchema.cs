using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Schakel.Csaf;

/// <summary>
/// Validation against the official CSAF 2.0 JSON schema (CSAF 2.0 section 9.1.14 "basic validator": schema
/// conformance only, not the mandatory tests of 6.1) with the FIRST CVSS v2.0/v3.0/v3.1 schemas it references.
/// The schemas are embedded in this assembly and built once, lazily and thread-safely; evaluation is
/// thread-safe, so one process can validate thousands of documents in parallel.
/// </summary>
public static class CsafSchema
{
    /// <summary>The <c>$id</c> of the CSAF 2.0 JSON schema.</summary>
    public const string CsafSchemaId = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json";

    private const string ResourcePrefix = "Schakel.Csaf.Schemas.";

    // The URIs the CSAF schema's $refs use; each CVSS file is registered under exactly these.
    private static readonly (string Resource, string Uri)[] CvssSchemas =
    [
        ("cvss-v2.0.json", "https://www.first.org/cvss/cvss-v2.0.json"),
        ("cvss-v3.0.json", "https://www.first.org/cvss/cvss-v3.0.json"),
        ("cvss-v3.1.json", "https://www.first.org/cvss/cvss-v3.1.json"),
    ];

    private static readonly Lazy<Loaded> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // Hierarchical output keeps the oneOf branches apart, which SchemaFindingBuilder needs to report only the
    // closest branch. Format validation is on: every real document in the test corpus passes with it, and it
    // catches impossible dates and non-URI namespaces that plain type checks let through.
    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
        RequireFormatValidation = true,
    };

    /// <summary>
    /// Validates <paramref name="document"/> against the CSAF 2.0 schema.
    /// </summary>
    /// <returns>
    /// Every schema violation as a finding (JSON Pointer path + readable reason), deduplicated and ordered most
    /// useful first (missing properties, then wrong types, then value rules); empty when the document is valid.
    /// </returns>
    public static IReadOnlyList<CsafFinding> Validate(JsonElement document)
    {
        var loaded = Instance.Value;
        EvaluationResults results;
        try
        {
            results = loaded.Schema.Evaluate(document, Options);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException)
        {
            // Valid JSON can still defeat evaluation, e.g. a number such as 1e400 that no .NET number type holds,
            // met by uniqueItems. The document is then not schema-valid as far as anyone can check: say so, never throw.
            return [new CsafFinding("", $"The document could not be checked against the schema: {e.Message}")];
        }

        return results.IsValid ? [] : SchemaFindingBuilder.Build(results, document, loaded.RawSchemas);
    }

    /// <summary>Reads an embedded schema or notice file (e.g. <c>NOTICE.md</c>, <c>cvss-v3.1.json</c>) as text.</summary>
    /// <exception cref="FileNotFoundException">No embedded resource has that name.</exception>
    public static string ReadEmbedded(string name)
    {
        using var stream = typeof(CsafSchema).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new FileNotFoundException($"Embedded resource '{ResourcePrefix}{name}' not found.", name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Loaded Load()
    {
        // A private registry: nothing leaks into (or clashes with) SchemaRegistry.Global used by other code.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var raw = new Dictionary<string, JsonNode>(StringComparer.Ordinal);

        foreach (var (resource, uri) in CvssSchemas)
        {
            var node = JsonNode.Parse(ReadEmbedded(resource))!.AsObject();
            // JsonSchema.Net rejects the non-standard top-level "license" keyword ...
            node.Remove("license");
            // ... and does not support draft-04 (v2.0, v3.0); their keywords mean the same in draft-07.
            node["$schema"] = "http://json-schema.org/draft-07/schema#";
            // The files' own ids carry a "?20170531"-style query; pin the id to the URI the CSAF schema uses.
            node.Remove("id");
            node["$id"] = uri;
            raw[uri] = node;
            JsonSchema.Build(JsonSerializer.SerializeToElement(node), options, new Uri(uri));
        }

        var csafNode = JsonNode.Parse(ReadEmbedded("csaf_json_schema.json"))!;
        raw[CsafSchemaId] = csafNode;
        var schema = JsonSchema.Build(JsonSerializer.SerializeToElement(csafNode), options, new Uri(CsafSchemaId));
        return new Loaded(schema, raw);
    }

    private sealed record Loaded(JsonSchema Schema, IReadOnlyDictionary<string, JsonNode> RawSchemas);
}
