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
        var raw = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var (_, schema) = BuildWithCsaf(raw);
        return new Loaded(schema, raw);
    }

    /// <summary>
    /// A FIRST CVSS schema (<c>2.0</c>, <c>3.0</c>, <c>3.1</c>) made buildable: JsonSchema.Net rejects the non-standard
    /// top-level "license" keyword and does not support draft-04 (v2.0, v3.0), whose keywords mean the same in draft-07;
    /// the files' own ids carry a "?20170531"-style query, so the id is pinned to the URI the CSAF schema uses.
    /// </summary>
    internal static (JsonObject Node, string Uri) CvssSchemaNode(string version)
    {
        var uri = $"https://www.first.org/cvss/cvss-v{version}.json";
        var node = JsonNode.Parse(ReadEmbedded($"cvss-v{version}.json"))!.AsObject();
        node.Remove("license");
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        node.Remove("id");
        node["$id"] = uri;
        return (node, uri);
    }

    /// <summary>
    /// Build options with a private registry (nothing leaks into, or clashes with, <c>SchemaRegistry.Global</c>) holding the
    /// CVSS schemas and the CSAF schema, so that schemas referring into CSAF (provider metadata, aggregator) can be built
    /// on them. The raw nodes go into <paramref name="raw"/> for <see cref="SchemaFindingBuilder"/>.
    /// </summary>
    internal static (BuildOptions Options, JsonSchema Csaf) BuildWithCsaf(Dictionary<string, JsonNode> raw)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var version in new[] { "2.0", "3.0", "3.1" })
        {
            var (node, uri) = CvssSchemaNode(version);
            raw[uri] = node;
            JsonSchema.Build(JsonSerializer.SerializeToElement(node), options, new Uri(uri));
        }

        var csafNode = JsonNode.Parse(ReadEmbedded("csaf_json_schema.json"))!;
        raw[CsafSchemaId] = csafNode;
        return (options, JsonSchema.Build(JsonSerializer.SerializeToElement(csafNode), options, new Uri(CsafSchemaId)));
    }

    private sealed record Loaded(JsonSchema Schema, IReadOnlyDictionary<string, JsonNode> RawSchemas);
}
