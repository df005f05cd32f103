using System.Text.Json;

namespace Schakel.Csaf.Validation.Support;

/// <summary>
/// The CSAF 2.0 schema (with the FIRST CVSS schemas it references) read as a "strict" schema for 6.2.20: every object
/// may hold only the properties its schema defines, as if <c>additionalProperties</c> were <c>false</c> everywhere.
/// Walks the document along the embedded schemas instead of evaluating a rewritten schema, so each unknown key is
/// reported once with its own pointer, without the noise of failed <c>oneOf</c> branches. Where an object matches
/// several schemas (<c>$ref</c>, <c>oneOf</c>, <c>anyOf</c>, <c>allOf</c>), a key is allowed when any of them defines it.
/// </summary>
internal static class StrictSchema
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> Documents = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>One unknown key: pointer to its value and the key.</summary>
    public readonly record struct UnknownKey(string Path, string Key);

    /// <summary>Every key in <paramref name="root"/> that the schemas do not define, in document order.</summary>
    public static IReadOnlyList<UnknownKey> UnknownKeys(JsonElement root)
    {
        var found = new List<UnknownKey>();
        var docs = Documents.Value;
        var csaf = docs[CsafSchema.CsafSchemaId];
        Walk(root, "", [new Node(csaf, csaf)], docs, found, 0);
        return found;
    }

    // A schema and the document it lives in (a "#/..." reference resolves against that document).
    private readonly record struct Node(JsonElement Schema, JsonElement DocumentRoot);

    private static void Walk(JsonElement instance, string path, List<Node> schemas, IReadOnlyDictionary<string, JsonElement> docs, List<UnknownKey> found, int depth)
    {
        if (depth > 200) return;
        var expanded = new List<Node>();
        foreach (var schema in schemas) Expand(schema, docs, expanded, 0);

        if (instance.ValueKind == JsonValueKind.Object)
        {
            var declaring = expanded.Where(n => n.Schema.ValueKind == JsonValueKind.Object && n.Schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object).ToList();
            // An object whose schemas declare no properties at all is left alone: nothing says which keys it may have.
            if (declaring.Count == 0) return;
            foreach (var property in instance.EnumerateObject())
            {
                var next = new List<Node>();
                foreach (var node in declaring)
                {
                    if (node.Schema.GetProperty("properties").TryGetProperty(property.Name, out var sub)) next.Add(node with { Schema = sub });
                }

                var childPath = CsafPointer.Append(path, property.Name);
                if (next.Count == 0) found.Add(new UnknownKey(childPath, property.Name));
                else Walk(property.Value, childPath, next, docs, found, depth + 1);
            }
        }
        else if (instance.ValueKind == JsonValueKind.Array)
        {
            var items = expanded.Where(n => n.Schema.ValueKind == JsonValueKind.Object && n.Schema.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Object)
                .Select(n => n with { Schema = n.Schema.GetProperty("items") }).ToList();
            if (items.Count == 0) return;
            var i = 0;
            foreach (var item in instance.EnumerateArray()) Walk(item, CsafPointer.Append(path, i++), items, docs, found, depth + 1);
        }
    }

    /// <summary>Adds <paramref name="node"/> and every schema it stands for through <c>$ref</c> and the combinators.</summary>
    private static void Expand(Node node, IReadOnlyDictionary<string, JsonElement> docs, List<Node> into, int depth)
    {
        if (depth > 32 || node.Schema.ValueKind != JsonValueKind.Object) return;
        into.Add(node);
        if (node.Schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String && Resolve(reference.GetString()!, node.DocumentRoot, docs) is { } target)
        {
            Expand(target, docs, into, depth + 1);
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (!node.Schema.TryGetProperty(combinator, out var branches) || branches.ValueKind != JsonValueKind.Array) continue;
            foreach (var branch in branches.EnumerateArray()) Expand(node with { Schema = branch }, docs, into, depth + 1);
        }
    }

    /// <summary>Resolves <c>#/json/pointer</c> in the current document or <c>https://…[#/pointer]</c> among the embedded ones.</summary>
    private static Node? Resolve(string reference, JsonElement documentRoot, IReadOnlyDictionary<string, JsonElement> docs)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var uri = hash < 0 ? reference : reference[..hash];
        var fragment = hash < 0 ? "" : reference[(hash + 1)..];
        var root = documentRoot;
        if (uri.Length > 0 && !docs.TryGetValue(uri, out root)) return null;
        var target = root;
        foreach (var segment in JsonPointerText.Segments(fragment))
        {
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(segment, out target)) return null;
        }

        return new Node(target, root);
    }

    private static IReadOnlyDictionary<string, JsonElement> Load()
    {
        // The URIs are those the CSAF schema's $refs use (see CsafSchema); JsonElements are cloned so no JsonDocument must stay alive.
        var docs = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            [CsafSchema.CsafSchemaId] = Parse("csaf_json_schema.json"),
            ["https://www.first.org/cvss/cvss-v2.0.json"] = Parse("cvss-v2.0.json"),
            ["https://www.first.org/cvss/cvss-v3.0.json"] = Parse("cvss-v3.0.json"),
            ["https://www.first.org/cvss/cvss-v3.1.json"] = Parse("cvss-v3.1.json"),
        };
        return docs;
    }

    private static JsonElement Parse(string resource)
    {
        using var json = JsonDocument.Parse(CsafSchema.ReadEmbedded(resource));
        return json.RootElement.Clone();
    }
}
