using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Schakel.Stix.Markings;

namespace Schakel.Stix.Misp;

/// <summary>The state of one STIX → MISP conversion (see <see cref="StixToMisp"/>): the event and its parts.</summary>
internal sealed partial class StixMispWriter(List<StixObject> objects, List<MispUnmapped> unmapped)
{
    private static readonly HashSet<string> GalaxyTypes = ["threat-actor", "intrusion-set", "malware", "tool", "attack-pattern", "course-of-action"];
    private readonly Dictionary<string, JsonObject> json = objects.ToDictionary(o => o.Id, o => JsonNode.Parse(o.Json)!.AsObject());
    private readonly HashSet<string> consumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> mispByStixId = new(StringComparer.Ordinal);
    private readonly JsonArray attributes = [];
    private readonly JsonArray mispObjects = [];
    private readonly MarkingResolver markings = new(objects);
    private StixTlp? eventTlp;

    public StixObject? Container { get; } = objects.FirstOrDefault(o => o.Type == "report") ?? objects.FirstOrDefault(o => o.Type == "grouping");

    public List<string> EventTags { get; } = [];

    public JsonObject Write(StixToMispOptions options)
    {
        var c = Container is null ? null : json[Container.Id];
        var ev = new JsonObject();
        var uuid = Container is not null ? UuidOf(Container.Id) : options.EventUuid ?? StixIds.FromSeed(string.Join(",", objects.Select(o => o.Id).Order(StringComparer.Ordinal))).ToString();
        ev["uuid"] = uuid;
        ev["info"] = c?["name"]?.ToString() ?? options.Info ?? "Schakel export";
        var created = Container?.Created?.ToDateTimeOffset() ?? objects.Select(o => o.Version?.ToDateTimeOffset()).Max() ?? DateTimeOffset.UnixEpoch;
        ev["date"] = c?["x_misp_date"]?.ToString() ?? created.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ev["threat_level_id"] = c?["x_misp_threat_level_id"]?.ToString() ?? "4";
        ev["analysis"] = c?["x_misp_analysis"]?.ToString() ?? "0";
        ev["published"] = Container?.Type == "report";
        var latest = objects.Select(o => o.Version?.ToDateTimeOffset()).Max() ?? created;
        ev["timestamp"] = latest.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (Container is not null)
        {
            consumed.Add(Container.Id);
            eventTlp = markings.LabelOf(Container);
            EventTags.AddRange(Labels(c!).Where(l => !l.StartsWith("misp:", StringComparison.Ordinal)));
            if (c!["created_by_ref"]?.ToString() is { } creator && json.TryGetValue(creator, out var identity))
            {
                consumed.Add(creator);
                ev["Orgc"] = new JsonObject { ["name"] = identity["name"]?.ToString() ?? "", ["uuid"] = UuidOf(creator) };
            }
        }

        foreach (var o in objects.Where(o => o.Type == "marking-definition" || o.Type == "note" && o.Id == $"note--{uuid}")) consumed.Add(o.Id);
        foreach (var o in objects.Where(o => o.Type == "observed-data")) ObservedData(o);
        foreach (var o in objects.Where(o => !consumed.Contains(o.Id) && o.Type != "relationship")) Other(o);
        foreach (var o in objects.Where(o => o.Type == "relationship")) Relationship(o);

        ev["Attribute"] = attributes;
        ev["Object"] = mispObjects;
        return ev;
    }

    private void Other(StixObject o)
    {
        var j = json[o.Id];
        switch (o.Type)
        {
            case "indicator":
                Indicator(o, j);
                break;
            case "note" when j["x_misp_attribute"] is JsonObject original:
                Restore(o, original, attributes);
                break;
            case "note" when j["x_misp_object"] is JsonObject original:
                Restore(o, original, mispObjects);
                break;
            case "note":
                Add(o, Attribute(o, j, LabelOf(j, "type") ?? "text", j["content"]?.ToString() ?? "", false, j["abstract"]?.ToString()));
                break;
            case "vulnerability":
                Add(o, Attribute(o, j, "vulnerability", j["name"]?.ToString() ?? "", false, j["description"]?.ToString()));
                break;
            case "campaign":
                Add(o, Attribute(o, j, "campaign-name", j["name"]?.ToString() ?? "", false, j["description"]?.ToString()));
                break;
            case "threat-actor" when LabelOf(j, "type") == "threat-actor":
                Add(o, Attribute(o, j, "threat-actor", j["name"]?.ToString() ?? "", false, j["description"]?.ToString()));
                break;
            case var t when GalaxyTypes.Contains(t):
                var tag = Labels(j).FirstOrDefault(l => l.StartsWith("misp-galaxy:", StringComparison.Ordinal))
                    ?? $"misp-galaxy:{MispMappings.GalaxyTypeOf(t)}=\"{j["name"]}\"";
                mispByStixId[o.Id] = new JsonObject { ["galaxy-tag"] = tag };
                if (!EventTags.Contains(tag)) EventTags.Add(tag);
                break;
            case var t when StixTypes.Scos.Contains(t) && !IsReferencedBySco(o.Id):
                var comparisons = StixPatterns.Flatten(j, Lookup);
                if (!AddObservable(o, j, comparisons, toIds: false)) KeepAsText(o, "the observable has no MISP attribute type");
                break;
            case var t when StixTypes.Scos.Contains(t):
                break; // part of another SCO, written with it
            default:
                KeepAsText(o, $"STIX '{o.Type}' has no MISP equivalent");
                break;
        }
    }

    private void Indicator(StixObject o, JsonObject j)
    {
        var patternType = j["pattern_type"]?.ToString() ?? "stix";
        var pattern = j["pattern"]?.ToString() ?? "";
        if (patternType != "stix")
        {
            var type = MispMappings.PatternTypes.FirstOrDefault(p => p.Value == patternType).Key;
            if (type is null) KeepAsText(o, $"pattern type '{patternType}' has no MISP attribute type");
            else Add(o, Attribute(o, j, type, pattern, true, j["description"]?.ToString()));
            return;
        }

        var comparisons = StixPatterns.Parse(pattern, out var reason);
        if (comparisons is null) { KeepAsText(o, $"the pattern cannot be one MISP attribute: {reason}"); return; }
        if (!AddObservable(o, j, comparisons, toIds: true)) KeepAsText(o, "the pattern's properties match no MISP attribute type");
    }

    private void ObservedData(StixObject o)
    {
        var j = json[o.Id];
        consumed.Add(o.Id);
        var refs = (j["object_refs"] as JsonArray ?? []).Select(r => r?.ToString()).OfType<string>().Where(json.ContainsKey).ToList();
        foreach (var r in refs) consumed.Add(r);
        var referenced = refs.SelectMany(r => RefsOf(json[r])).ToHashSet(StringComparer.Ordinal);
        var comparisons = refs.Where(r => !referenced.Contains(r)).SelectMany(r => StixPatterns.Flatten(json[r], Lookup)).ToList();
        if (!AddObservable(o, j, comparisons, toIds: false)) KeepAsText(o, "the observed objects match no MISP attribute type");
    }

    private void Relationship(StixObject o)
    {
        var j = json[o.Id];
        var source = j["source_ref"]?.ToString() ?? "";
        var target = j["target_ref"]?.ToString() ?? "";
        if (!mispByStixId.TryGetValue(target, out var to) || !mispByStixId.TryGetValue(source, out var from))
        {
            KeepAsText(o, "the relationship joins objects that are not both in the event");
            return;
        }

        if (to["galaxy-tag"] is { } tag)
        {
            // An attribute's or object's galaxy cluster: MISP tags that attribute (an object: each of its attributes).
            var holders = from["Attribute"] is JsonArray inner ? inner.OfType<JsonObject>() : [from];
            foreach (var h in holders) AddTag(h, tag.ToString());
            return;
        }

        if (from["name"] is null || from["Attribute"] is null)
        {
            KeepAsText(o, "MISP references start at a MISP object; the source is a single attribute");
            return;
        }

        var references = from["ObjectReference"] as JsonArray ?? (JsonArray)(from["ObjectReference"] = new JsonArray())!;
        references.Add(new JsonObject
        {
            ["uuid"] = UuidOf(o.Id), ["referenced_uuid"] = to["uuid"]?.ToString(), ["relationship_type"] = j["relationship_type"]?.ToString(),
            ["timestamp"] = Timestamp(o),
        });
    }

    private void KeepAsText(StixObject o, string reason)
    {
        var attribute = new JsonObject
        {
            ["uuid"] = UuidOf(o.Id), ["type"] = "text", ["category"] = "Other", ["value"] = o.Json, ["to_ids"] = false,
            ["comment"] = $"STIX {o.Type} {o.Id} without a MISP equivalent", ["timestamp"] = Timestamp(o), ["distribution"] = "5",
        };
        attributes.Add(attribute);
        mispByStixId[o.Id] = attribute;
        unmapped.Add(new("stix-object", o.Id, o.Type, reason + "; kept as a text attribute holding its STIX JSON."));
    }

    private void Restore(StixObject o, JsonObject original, JsonArray into)
    {
        var copy = original.DeepClone().AsObject();
        into.Add(copy);
        mispByStixId[o.Id] = copy;
    }

    private void Add(StixObject o, JsonObject attribute)
    {
        attributes.Add(attribute);
        mispByStixId[o.Id] = attribute;
    }

    private JsonObject? Lookup(string id) => json.GetValueOrDefault(id);

    private bool IsReferencedBySco(string id) =>
        json.Values.Any(j => j["type"]?.ToString() is { } t && StixTypes.Scos.Contains(t) && RefsOf(j).Contains(id));

    private static IEnumerable<string> RefsOf(JsonObject sco) =>
        sco.Where(p => p.Key.EndsWith("_ref", StringComparison.Ordinal)).Select(p => p.Value?.ToString()).OfType<string>()
            .Concat(sco.Where(p => p.Key.EndsWith("_refs", StringComparison.Ordinal) && p.Value is JsonArray)
                .SelectMany(p => p.Value!.AsArray().Select(r => r?.ToString()).OfType<string>()));

    private static List<string> Labels(JsonObject j) => (j["labels"] as JsonArray ?? []).Select(l => l?.ToString()).OfType<string>().ToList();

    /// <summary>The value of a <c>misp:NAME="VALUE"</c> label, as misp-stix writes them.</summary>
    private static string? LabelOf(JsonObject j, string name) =>
        Labels(j).Select(l => MispLabel().Match(l)).FirstOrDefault(m => m.Success && m.Groups[1].Value == name)?.Groups[2].Value;

    private static string UuidOf(string stixId) => stixId[(stixId.IndexOf("--", StringComparison.Ordinal) + 2)..];

    private static string Timestamp(StixObject o) =>
        (o.Version?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static void AddTag(JsonObject holder, string name)
    {
        var tags = holder["Tag"] as JsonArray ?? (JsonArray)(holder["Tag"] = new JsonArray())!;
        if (!tags.Any(t => t?["name"]?.ToString() == name)) tags.Add(new JsonObject { ["name"] = name });
    }

    [GeneratedRegex("^misp:([a-z_-]+)=\"(.*)\"$")]
    private static partial Regex MispLabel();

    internal static string Text(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
}
