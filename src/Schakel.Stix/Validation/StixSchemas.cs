using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Schakel.Stix.Validation;

/// <summary>
/// The OASIS STIX 2.1 JSON schemas (draft 2020-12, <c>oasis-open/cti-stix2-json-schemas</c> commit 3bf9e69dc18d) and the
/// TLP 2.0 extension schema, embedded in this assembly and built once, lazily and thread-safely, into a private registry
/// so that every <c>$ref</c> resolves offline. Evaluation of a built schema is thread-safe.
/// </summary>
public static class StixSchemas
{
    /// <summary>The base URI of the OASIS schemas (their <c>$id</c>s sit below it).</summary>
    public const string BaseUri = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

    /// <summary>The URI under which the TLP 2.0 extension schema is registered (its own <c>$id</c> is relative).</summary>
    public const string Tlp2SchemaUri = "https://schakel.invalid/stix/tlp2/tlp2.0.json";

    private const string ResourcePrefix = "Schakel.Stix.Schemas/";

    private static readonly Lazy<Loaded> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every object type that has its own schema (the SDOs, SROs, SCOs and meta objects of STIX 2.1).</summary>
    public static IReadOnlyCollection<string> Types => Instance.Value.ByType.Keys;

    /// <summary>The schema of a STIX-defined type, or null for a type STIX does not define.</summary>
    public static JsonSchema? ForType(string type) => Instance.Value.ByType.GetValueOrDefault(type);

    /// <summary>The common core of SDOs and SROs (<c>common/core.json</c>), used for custom objects (section 11.2).</summary>
    public static JsonSchema Core => Instance.Value.Core;

    /// <summary>The common core of SCOs (<c>common/cyber-observable-core.json</c>), used for new-sco extension objects.</summary>
    public static JsonSchema ObservableCore => Instance.Value.ObservableCore;

    /// <summary><c>common/bundle.json</c> with its <c>objects</c> items relaxed to any JSON object: objects are checked one by one by type.</summary>
    public static JsonSchema BundleShell => Instance.Value.BundleShell;

    /// <summary>The TLP 2.0 marking-definition extension schema: only the five standard TLP 2.0 marking definitions pass.</summary>
    public static JsonSchema Tlp2Marking => Instance.Value.Tlp2;

    /// <summary>
    /// The property names a type's schema defines at the top level (its own and those of the core it builds on); any other
    /// top-level property is a custom property (section 11.1). For a type STIX does not define: the core's names.
    /// </summary>
    public static IReadOnlySet<string> DefinedProperties(string type) =>
        Instance.Value.Properties.TryGetValue(type, out var names) ? names : Instance.Value.CoreProperties;

    /// <summary>The registry holding the OASIS schemas (by their <c>$id</c>) and the TLP 2.0 schema; read-only after loading.</summary>
    internal static SchemaRegistry Registry => Instance.Value.Registry;

    /// <summary>Reads an embedded file below <c>Schemas/</c> (e.g. <c>NOTICE.md</c>, <c>tlp2/tlp-red.json</c>) as text.</summary>
    /// <exception cref="FileNotFoundException">No embedded resource has that name.</exception>
    public static string ReadEmbedded(string relativePath)
    {
        using var stream = typeof(StixSchemas).Assembly.GetManifestResourceStream(ResourcePrefix + relativePath)
            ?? throw new FileNotFoundException($"Embedded resource '{ResourcePrefix}{relativePath}' not found.", relativePath);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The embedded paths below <c>Schemas/</c>, e.g. <c>sdos/indicator.json</c>.</summary>
    public static IEnumerable<string> EmbeddedFiles() =>
        typeof(StixSchemas).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..].Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static Loaded Load()
    {
        var raw = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var path in EmbeddedFiles().Where(p => p.EndsWith(".json", StringComparison.Ordinal) && !p.StartsWith("tlp2/", StringComparison.Ordinal)))
        {
            var node = JsonNode.Parse(ReadEmbedded(path))!.AsObject();
            SchemaPatches.Apply(path, node);
            raw[BaseUri + path] = node;
        }

        var tlp2 = JsonNode.Parse(ReadEmbedded("tlp2/tlp2-extension-schema.json"))!.AsObject();
        tlp2["$id"] = Tlp2SchemaUri;
        raw[Tlp2SchemaUri] = tlp2;

        var registry = new SchemaRegistry();
        var built = BuildAll(raw, registry);
        var byType = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        var properties = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (uri, node) in raw)
        {
            var relative = uri.StartsWith(BaseUri, StringComparison.Ordinal) ? uri[BaseUri.Length..] : "";
            if (!IsTypeSchema(relative, node, out var type)) continue;
            byType[type] = built[uri];
            properties[type] = CollectProperties(node, uri, raw, []);
        }

        var coreUri = BaseUri + "common/core.json";
        return new Loaded(
            byType,
            built[coreUri],
            built[BaseUri + "common/cyber-observable-core.json"],
            built[BaseUri + "common/bundle.json"],
            built[Tlp2SchemaUri],
            properties,
            CollectProperties(raw[coreUri], coreUri, raw, []),
            raw,
            registry);
    }

    /// <summary>
    /// Builds every document into one private registry. Documents refer to each other; a build that meets a reference not
    /// yet registered fails, so the loop retries the failures until nothing changes.
    /// </summary>
    internal static Dictionary<string, JsonSchema> BuildAll(IReadOnlyDictionary<string, JsonNode> raw, SchemaRegistry registry)
    {
        var options = new BuildOptions { SchemaRegistry = registry };
        var built = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        var pending = raw.Keys.Order(StringComparer.Ordinal).ToList();
        while (pending.Count > 0)
        {
            var failures = new List<(string Uri, Exception Error)>();
            foreach (var uri in pending)
            {
                try
                {
                    built[uri] = JsonSchema.Build(JsonSerializer.SerializeToElement(raw[uri]), options, new Uri(uri));
                }
                catch (Exception e) when (e is JsonSchemaException or RefResolutionException or InvalidOperationException or ArgumentException)
                {
                    failures.Add((uri, e));
                }
            }

            if (failures.Count == pending.Count)
                throw new InvalidOperationException($"The schemas could not be built: {failures[0].Uri}: {failures[0].Error.Message}", failures[0].Error);
            pending = failures.Select(f => f.Uri).ToList();
        }

        return built;
    }

    private static bool IsTypeSchema(string relative, JsonNode node, out string type)
    {
        type = "";
        var folder = relative.Split('/')[0];
        var isMeta = relative is "common/marking-definition.json" or "common/language-content.json" or "common/extension-definition.json";
        if (folder is not ("sdos" or "sros" or "observables") && !isMeta) return false;
        type = node["title"]?.GetValue<string>() ?? Path.GetFileNameWithoutExtension(relative);
        return true;
    }

    /// <summary>Top-level property names of a schema: its <c>properties</c> and those reached through allOf/oneOf/anyOf and file <c>$ref</c>s.</summary>
    private static HashSet<string> CollectProperties(JsonNode node, string uri, Dictionary<string, JsonNode> raw, HashSet<string> names)
    {
        if (node is not JsonObject obj) return names;
        if (obj["properties"] is JsonObject props)
            foreach (var (name, _) in props) names.Add(name);
        if (obj["$ref"]?.GetValue<string>() is { } reference && !reference.StartsWith('#'))
        {
            var target = new Uri(new Uri(uri), reference).ToString();
            if (raw.TryGetValue(target, out var referenced)) CollectProperties(referenced, target, raw, names);
        }

        foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (obj[keyword] is not JsonArray parts) continue;
            foreach (var part in parts)
                if (part is not null) CollectProperties(part, uri, raw, names);
        }

        return names;
    }

    private sealed record Loaded(
        Dictionary<string, JsonSchema> ByType,
        JsonSchema Core,
        JsonSchema ObservableCore,
        JsonSchema BundleShell,
        JsonSchema Tlp2,
        IReadOnlyDictionary<string, IReadOnlySet<string>> Properties,
        IReadOnlySet<string> CoreProperties,
        IReadOnlyDictionary<string, JsonNode> Raw,
        SchemaRegistry Registry);
}
