using System.Text.Json.Nodes;

namespace Schakel.Stix.Misp;

/// <summary>
/// Builds a composition of SCOs from object paths as STIX patterns write them (STIX 2.1 section 9.5, e.g.
/// <c>domain-name:resolves_to_refs[*].value</c>, <c>file:hashes.'SHA-256'</c>), so one table of paths serves both the SCOs
/// (observed-data) and the indicator pattern. The root type <c>ip</c> stands for <c>ipv4-addr</c> or <c>ipv6-addr</c>, chosen by
/// the value; references (<c>*_ref</c>, <c>*_refs</c>) create the referenced SCO.
/// </summary>
internal sealed class ObservableBuilder
{
    private sealed class Node(string key, string type)
    {
        public string Key { get; } = key;
        public string Type { get; } = type;
        public JsonObject Props { get; } = new();
        public (Node From, string Property, bool Many)? Incoming { get; set; }
    }

    private readonly List<Node> nodes = [];
    private readonly List<(string Path, JsonNode Value)> comparisons = [];

    /// <summary>True when nothing was set.</summary>
    public bool IsEmpty => comparisons.Count == 0;

    /// <summary>The comparisons in the order they were set: pattern path (with concrete types) and value.</summary>
    public IReadOnlyList<(string Path, JsonNode Value)> Comparisons => comparisons;

    /// <summary>
    /// Sets the property at <paramref name="path"/> to <paramref name="value"/>. Returns false (and changes nothing) when
    /// the property already holds another value: a composition holds one value per path.
    /// </summary>
    public bool Set(string path, JsonNode value)
    {
        var segments = StixPatterns.SplitPath(path, out var root);
        var text = value.ToString();
        if (root == "ip") root = IpType(text);
        var node = NodeFor(root, root, null, null, false);
        var i = 0;
        for (; i < segments.Count - 1 && StixPatterns.IsRef(segments[i]); i++)
        {
            var (name, many) = StixPatterns.Unstar(segments[i]);
            var key = node.Key + "/" + name;
            node = NodeFor(key, TargetType(name, text), node, name, many);
        }

        var rest = segments.Skip(i).ToList();
        var (first, star) = StixPatterns.Unstar(rest[0]);
        JsonNode? existing;
        if (rest.Count == 1)
        {
            existing = node.Props[first];
            if (existing is null) node.Props[first] = value.DeepClone();
        }
        else if (star)
        {
            var array = node.Props[first] as JsonArray ?? (JsonArray)(node.Props[first] = new JsonArray(new JsonObject()))!;
            var item = (JsonObject)array[0]!;
            existing = item[rest[1]];
            if (existing is null) item[rest[1]] = value.DeepClone();
        }
        else
        {
            var dict = node.Props[first] as JsonObject ?? (JsonObject)(node.Props[first] = new JsonObject())!;
            existing = dict[rest[1]];
            if (existing is null) dict[rest[1]] = value.DeepClone();
        }

        if (existing is not null) return JsonNode.DeepEquals(existing, value);
        comparisons.Add((PrefixOf(node) + string.Join('.', rest.Select(StixPatterns.QuoteKey)), value.DeepClone()));
        return true;
    }

    /// <summary>The indicator pattern: one observation ANDing every comparison (STIX 2.1 section 9).</summary>
    public string Pattern() =>
        "[" + string.Join(" AND ", comparisons.Select(c => $"{c.Path} = {StixPatterns.Literal(c.Path, c.Value)}")) + "]";

    /// <summary>
    /// The SCOs with deterministic ids (referenced ones first), each with <paramref name="markingRefs"/> when any.
    /// <paramref name="seed"/> names the source (a MISP uuid) for SCO types without ID contributing properties.
    /// </summary>
    public List<JsonObject> Build(string seed, IReadOnlyList<string> markingRefs)
    {
        var ids = new Dictionary<Node, string>();
        var result = new List<JsonObject>();
        foreach (var node in nodes) Emit(node);
        return result;

        string Emit(Node node)
        {
            if (ids.TryGetValue(node, out var done)) return done;
            var props = (JsonObject)node.Props.DeepClone();
            foreach (var child in nodes.Where(n => n.Incoming?.From == node))
            {
                var childId = Emit(child);
                var (_, property, many) = child.Incoming!.Value;
                if (many) ((props[property] as JsonArray) ?? (JsonArray)(props[property] = new JsonArray())!).Add(childId);
                else props[property] = childId;
            }

            var id = StixIds.ForSco(node.Type, props, seed + "/" + node.Key);
            var sco = new JsonObject { ["type"] = node.Type, ["spec_version"] = "2.1", ["id"] = id };
            foreach (var (k, v) in props) sco[k] = v?.DeepClone();
            if (markingRefs.Count > 0) sco["object_marking_refs"] = new JsonArray(markingRefs.Select(r => (JsonNode)r).ToArray());
            ids[node] = id;
            result.Add(sco);
            return id;
        }
    }

    private Node NodeFor(string key, string type, Node? from, string? property, bool many)
    {
        var node = nodes.FirstOrDefault(n => n.Key == key);
        if (node is not null) return node;
        node = new Node(key, type);
        if (from is not null) node.Incoming = (from, property!, many);
        nodes.Add(node);
        return node;
    }

    private static string PrefixOf(Node node) =>
        node.Incoming is { } inc ? PrefixOf(inc.From) + inc.Property + (inc.Many ? "[*]" : "") + "." : node.Type + ":";

    private static string IpType(string value) => value.Contains(':') ? "ipv6-addr" : "ipv4-addr";

    private static string TargetType(string refName, string value) => refName switch
    {
        "content_ref" => "artifact",
        "parent_directory_ref" => "directory",
        "from_ref" or "to_refs" or "cc_refs" or "sender_ref" => "email-addr",
        _ => IpType(value),
    };
}
