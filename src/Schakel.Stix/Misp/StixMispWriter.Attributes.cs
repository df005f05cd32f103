using System.Text.Json.Nodes;

namespace Schakel.Stix.Misp;

/// <summary>Observables to MISP attributes and objects (see <see cref="StixToMisp"/>).</summary>
internal sealed partial class StixMispWriter
{
    /// <summary>
    /// Writes comparisons (from a pattern or from SCOs) as a MISP object when the STIX object came from one
    /// (<c>misp:name</c> label) or only file properties are given, else as one attribute, else one attribute per comparison.
    /// False when nothing could be written.
    /// </summary>
    private bool AddObservable(StixObject o, JsonObject j, List<(string Path, JsonNode Value)> comparisons, bool toIds)
    {
        if (comparisons.Count == 0) return false;
        var objectName = LabelOf(j, "name");
        if (objectName is not null && MispMappings.Objects.ContainsKey(objectName)) return AddObject(o, j, objectName, comparisons, toIds);
        if (TryAttribute(comparisons, LabelOf(j, "type"), out var type, out var value, out var data))
        {
            var a = Attribute(o, j, type, value, toIds, Comment(j));
            if (data is not null) a["data"] = data;
            Add(o, a);
            return true;
        }

        if (comparisons.All(c => c.Path.StartsWith("file:", StringComparison.Ordinal))) return AddObject(o, j, "file", comparisons, toIds);
        var written = 0;
        foreach (var c in comparisons)
        {
            if (!TryAttribute([c], null, out type, out value, out _))
            {
                unmapped.Add(new("stix-object", o.Id, c.Path, "This property matches no MISP attribute type; left out."));
                continue;
            }

            var a = Attribute(o, j, type, value, toIds, Comment(j));
            a["uuid"] = StixIds.FromSeed($"{o.Id}/{written}").ToString();
            attributes.Add(a);
            mispByStixId.TryAdd(o.Id, a);
            written++;
        }

        return written > 0;
    }

    private bool AddObject(StixObject o, JsonObject j, string name, List<(string Path, JsonNode Value)> comparisons, bool toIds)
    {
        var relations = MispMappings.Objects[name];
        var inner = new JsonArray();
        foreach (var (path, value) in comparisons)
        {
            var entry = relations.FirstOrDefault(r => StixPatterns.Normalise(r.Path) == path);
            if (entry.Relation is null)
            {
                unmapped.Add(new("stix-object", o.Id, path, $"MISP object '{name}' has no relation for this property; left out."));
                continue;
            }

            var text = Text(value);
            inner.Add(new JsonObject
            {
                ["uuid"] = StixIds.FromSeed($"{o.Id}/{entry.Relation}/{text}").ToString(), ["object_relation"] = entry.Relation, ["type"] = entry.Type,
                ["category"] = LabelOf(j, "category") ?? DefaultCategory(entry.Type), ["value"] = text, ["to_ids"] = toIds,
                ["timestamp"] = Timestamp(o), ["distribution"] = "5",
            });
        }

        foreach (var extra in (j["x_misp_attributes"] as JsonArray ?? []).OfType<JsonObject>()) inner.Add(extra.DeepClone());
        if (inner.Count == 0) return false;
        var mispObject = new JsonObject
        {
            ["uuid"] = UuidOf(o.Id), ["name"] = name, ["meta-category"] = LabelOf(j, "meta-category") ?? name, ["timestamp"] = Timestamp(o),
            ["distribution"] = "5", ["comment"] = Comment(j) ?? "", ["Attribute"] = inner,
        };
        mispObjects.Add(mispObject);
        mispByStixId[o.Id] = mispObject;
        return true;
    }

    /// <summary>Finds the attribute type whose paths the comparisons fill exactly; <paramref name="label"/> (misp:type) first.</summary>
    private static bool TryAttribute(List<(string Path, JsonNode Value)> comparisons, string? label, out string type, out string value, out string? data)
    {
        var payloadPath = StixPatterns.Normalise(MispMappings.PayloadPath);
        var payload = comparisons.Where(c => c.Path == payloadPath).Select(c => Text(c.Value)).FirstOrDefault();
        data = payload;
        var rest = comparisons.Where(c => c.Path != payloadPath).ToList();
        IEnumerable<(string Type, string[] Paths)> candidates = label is not null && MispMappings.AttributePaths.TryGetValue(label, out var labelled)
            ? new[] { (label, labelled) }.Concat(MispMappings.AttributeTypes)
            : MispMappings.AttributeTypes.Where(t => payload is not null || t.Type is not ("attachment" or "malware-sample"));
        foreach (var (candidate, paths) in candidates)
        {
            if (paths.Length != rest.Count) continue;
            var values = new List<string>();
            var left = rest.ToList();
            foreach (var p in paths.Select(StixPatterns.Normalise))
            {
                var i = left.FindIndex(c => c.Path == p);
                if (i < 0) break;
                values.Add(Text(left[i].Value));
                left.RemoveAt(i);
            }

            if (values.Count != paths.Length) continue;
            type = candidate;
            value = type == "AS" ? "AS" + values[0] : string.Join('|', values);
            return true;
        }

        type = value = "";
        return false;
    }

    private JsonObject Attribute(StixObject o, JsonObject j, string type, string value, bool toIds, string? comment)
    {
        var phase = (j["kill_chain_phases"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(k => k["kill_chain_name"]?.ToString() == "misp-category")?["phase_name"]?.ToString();
        var a = new JsonObject
        {
            ["uuid"] = UuidOf(o.Id), ["type"] = type, ["category"] = LabelOf(j, "category") ?? phase ?? DefaultCategory(type), ["value"] = value,
            ["to_ids"] = toIds, ["comment"] = comment ?? "", ["timestamp"] = Timestamp(o), ["distribution"] = "5",
        };
        foreach (var label in Labels(j).Where(l => !l.StartsWith("misp:", StringComparison.Ordinal))) AddTag(a, label);
        if (markings.LabelOf(o) is { } tlp && tlp != eventTlp) AddTag(a, StixToMisp.TlpTag(tlp));
        return a;
    }

    private static string? Comment(JsonObject j) => j["description"]?.ToString() ?? j["x_misp_comment"]?.ToString();

    private static string DefaultCategory(string type) => type switch
    {
        "ip-src" or "ip-dst" or "ip-src|port" or "ip-dst|port" or "domain" or "hostname" or "domain|ip" or "url" or "uri" or "AS" or "mac-address" or "port"
            => "Network activity",
        "link" or "vulnerability" => "External analysis",
        "regkey" or "regkey|value" => "Persistence mechanism",
        "mutex" => "Artifacts dropped",
        "campaign-name" or "threat-actor" => "Attribution",
        "text" or "comment" or "other" => "Other",
        _ => "Payload delivery",
    };
}
