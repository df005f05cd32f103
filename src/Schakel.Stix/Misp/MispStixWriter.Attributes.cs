using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Schakel.Stix.Misp;

/// <summary>Attributes and objects (see <see cref="MispToStix"/> for the mapping).</summary>
internal sealed partial class MispStixWriter
{
    private void Attribute(MispAttribute a)
    {
        var (ownMarkings, ownLabels) = SplitTags(a.Tags, a.Clusters, a.Uuid);
        var markings = eventMarkings.Concat(ownMarkings).Distinct().ToList();
        var labels = new List<string> { $"misp:type=\"{a.Type}\"", $"misp:category=\"{a.Category}\"" };
        if (a.ToIds) labels.Add("misp:to_ids=\"True\"");
        labels.AddRange(ownLabels);

        JsonObject? main;
        if (MispMappings.TextTypes.Contains(a.Type))
        {
            main = Note(StixIds.FromMisp("note", a.Uuid), a.Timestamp, markings, labels, a.Value, a.Comment);
        }
        else if (MispMappings.PatternTypes.TryGetValue(a.Type, out var patternType))
        {
            main = Indicator(StixIds.FromMisp("indicator", a.Uuid), a, markings, labels, a.Value, patternType);
        }
        else if (a.Type == "vulnerability")
        {
            main = Sdo("vulnerability", StixIds.FromMisp("vulnerability", a.Uuid), a.Timestamp, markings, labels);
            main["name"] = a.Value;
            if (!string.IsNullOrWhiteSpace(a.Comment)) main["description"] = a.Comment;
            if (CvePattern().IsMatch(a.Value))
                main["external_references"] = new JsonArray(new JsonObject { ["source_name"] = "cve", ["external_id"] = a.Value.ToUpperInvariant() });
        }
        else if (a.Type is "campaign-name" or "threat-actor")
        {
            var type = a.Type == "campaign-name" ? "campaign" : "threat-actor";
            main = Sdo(type, StixIds.FromMisp(type, a.Uuid), a.Timestamp, markings, labels);
            main["name"] = a.Value;
            if (!string.IsNullOrWhiteSpace(a.Comment)) main["description"] = a.Comment;
        }
        else if (Observable(a) is { } observable)
        {
            main = a.ToIds
                ? Indicator(StixIds.FromMisp("indicator", a.Uuid), a, markings, labels, observable.Pattern(), "stix")
                : ObservedData(StixIds.FromMisp("observed-data", a.Uuid), a.Timestamp, markings, labels, observable.Build(a.Uuid, markings), a.Comment);
        }
        else
        {
            Keep(a, markings, labels, MispMappings.AttributePaths.ContainsKey(a.Type)
                ? $"The value does not fit type '{a.Type}' (expected {MispMappings.AttributePaths[a.Type].Length} part(s){(MispMappings.AttributePaths[a.Type].Any(MispMappings.IntegerPaths.Contains) ? ", a number" : "")})"
                : $"MISP attribute type '{a.Type}' has no STIX 2.1 mapping");
            return;
        }

        Finish(a, main);
        foreach (var c in a.Clusters) Cluster(c, markings, main["id"]!.ToString());
    }

    private void Finish(MispAttribute a, JsonObject main)
    {
        if (a.Deleted) main["revoked"] = true;
        if (a.Distribution is { } d and not 5 && d != ev.Distribution)
        {
            main["x_misp_distribution"] = d;
            Unmapped.Add(new("distribution", a.Uuid, $"attribute distribution {d}",
                $"One import is one item with one audience; the attribute's own distribution ({MispDistribution.Names.GetValueOrDefault(d, "?")}) is kept in x_misp_distribution."));
        }

        Add(main);
        idByMispUuid[a.Uuid] = main["id"]!.ToString();
        Mapped.Add(a.Uuid);
    }

    /// <summary>An attribute without a mapping: a note holding its MISP JSON, and an unmapped entry with the reason.</summary>
    private void Keep(MispAttribute a, IReadOnlyList<string> markings, IReadOnlyList<string> labels, string reason)
    {
        var id = StixIds.FromMisp("note", a.Uuid);
        var note = Note(id, a.Timestamp, markings, labels, a.Value, $"MISP attribute of type '{a.Type}' kept as it was");
        note["x_misp_attribute"] = JsonNode.Parse(a.Json);
        if (a.Deleted) note["revoked"] = true;
        Add(note);
        idByMispUuid[a.Uuid] = id;
        Unmapped.Add(new("attribute", a.Uuid, $"{a.Type} '{Short(a.Value)}'", reason + "; kept in note x_misp_attribute."));
    }

    private void Object(MispObject o)
    {
        var markings = eventMarkings.ToList();
        var labels = new List<string> { $"misp:name=\"{o.Name}\"" };
        if (o.MetaCategory is { } mc) labels.Add($"misp:meta-category=\"{mc}\"");
        foreach (var a in o.Attributes)
        {
            var (m, l) = SplitTags(a.Tags, a.Clusters, a.Uuid);
            markings.AddRange(m.Where(x => !markings.Contains(x)));
            labels.AddRange(l.Where(x => !labels.Contains(x)));
        }

        var builder = new ObservableBuilder();
        var mapped = new List<MispAttribute>();
        var extras = new List<(MispAttribute Attribute, string Reason)>();
        if (MispMappings.Objects.TryGetValue(o.Name, out var relations))
        {
            foreach (var a in o.Attributes)
            {
                var entry = relations.FirstOrDefault(r => r.Relation == a.ObjectRelation);
                if (entry.Path is null) extras.Add((a, $"object '{o.Name}' relation '{a.ObjectRelation}' has no STIX property"));
                else if (ValueNode(entry.Path, a.Value) is not { } node) extras.Add((a, $"'{Short(a.Value)}' is not a valid value for {entry.Path}"));
                else if (!builder.Set(entry.Path, node)) extras.Add((a, $"object '{o.Name}' repeats relation '{a.ObjectRelation}' (one value per STIX property)"));
                else mapped.Add(a);
            }
        }

        if (builder.IsEmpty)
        {
            var id = StixIds.FromMisp("note", o.Uuid);
            var content = string.Join("\n", o.Attributes.Select(a => $"{a.ObjectRelation} ({a.Type}): {a.Value}"));
            var note = Note(id, o.Timestamp, markings, labels, content, $"MISP object '{o.Name}' kept as it was");
            note["x_misp_object"] = JsonNode.Parse(o.Json);
            if (o.Deleted) note["revoked"] = true;
            Add(note);
            idByMispUuid[o.Uuid] = id;
            Unmapped.Add(new("object", o.Uuid, o.Name, $"MISP object '{o.Name}' has no STIX 2.1 mapping; kept in note x_misp_object."));
            foreach (var a in o.Attributes)
            {
                idByMispUuid[a.Uuid] = id;
                Unmapped.Add(new("attribute", a.Uuid, $"{o.Name}/{a.ObjectRelation} {a.Type} '{Short(a.Value)}'", $"Part of object '{o.Name}', which has no STIX mapping; kept in note x_misp_object."));
            }

            return;
        }

        var toIds = mapped.Any(a => a.ToIds);
        var fake = new MispAttribute(o.Uuid, o.Name, o.MetaCategory ?? "Other", "", toIds, o.Comment, o.Timestamp, o.Distribution, o.SharingGroupId, o.Deleted, null, null, [], [], "{}");
        if (toIds) labels.Add("misp:to_ids=\"True\"");
        var main = toIds
            ? Indicator(StixIds.FromMisp("indicator", o.Uuid), fake, markings, labels, builder.Pattern(), "stix")
            : ObservedData(StixIds.FromMisp("observed-data", o.Uuid), o.Timestamp, markings, labels, builder.Build(o.Uuid, markings), o.Comment);
        main.Remove("kill_chain_phases");
        if (extras.Count > 0) main["x_misp_attributes"] = new JsonArray(extras.Select(e => JsonNode.Parse(e.Attribute.Json)).ToArray());
        if (o.Deleted) main["revoked"] = true;
        Add(main);
        var mainId = main["id"]!.ToString();
        idByMispUuid[o.Uuid] = mainId;
        foreach (var a in mapped) { idByMispUuid[a.Uuid] = mainId; Mapped.Add(a.Uuid); }
        foreach (var (a, reason) in extras)
        {
            idByMispUuid[a.Uuid] = mainId;
            Unmapped.Add(new("attribute", a.Uuid, $"{o.Name}/{a.ObjectRelation} {a.Type} '{Short(a.Value)}'", $"{reason}; kept in x_misp_attributes of {mainId}."));
        }

        foreach (var c in o.Attributes.SelectMany(a => a.Clusters)) Cluster(c, markings, mainId);
    }

    /// <summary>The SCO composition of an observable attribute, or null when its type has no paths or its value does not fit.</summary>
    private static ObservableBuilder? Observable(MispAttribute a)
    {
        if (!MispMappings.AttributePaths.TryGetValue(a.Type, out var paths)) return null;
        var parts = paths.Length == 1 ? [a.Value] : a.Value.Split('|', paths.Length);
        if (parts.Length != paths.Length) return null;
        var builder = new ObservableBuilder();
        for (var i = 0; i < paths.Length; i++)
        {
            if (ValueNode(paths[i], parts[i]) is not { } node || !builder.Set(paths[i], node)) return null;
        }

        if (a.Type is "attachment" or "malware-sample" && !string.IsNullOrEmpty(a.Data)) builder.Set(MispMappings.PayloadPath, JsonValue.Create(a.Data));
        return builder;
    }

    private static JsonNode? ValueNode(string path, string value)
    {
        if (path == "windows-registry-key:key") return MispRegistryKeys.Normalise(value) is { } key ? JsonValue.Create(key) : null;
        if (!MispMappings.IntegerPaths.Contains(path)) return value.Length == 0 ? null : JsonValue.Create(value);
        var digits = value.Trim();
        if (digits.StartsWith("AS", StringComparison.OrdinalIgnoreCase)) digits = digits[2..];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : null;
    }

    private JsonObject Indicator(string id, MispAttribute a, IReadOnlyList<string> markings, IReadOnlyList<string> labels, string pattern, string patternType)
    {
        var o = Sdo("indicator", id, a.Timestamp, markings, labels);
        if (!string.IsNullOrWhiteSpace(a.Comment)) o["description"] = a.Comment;
        o["pattern"] = pattern;
        o["pattern_type"] = patternType;
        if (patternType == "stix") o["pattern_version"] = "2.1";
        o["valid_from"] = o["modified"]!.DeepClone(); // as misp-stix: the attribute's timestamp
        o["kill_chain_phases"] = new JsonArray(new JsonObject { ["kill_chain_name"] = "misp-category", ["phase_name"] = a.Category });
        return o;
    }

    private JsonObject ObservedData(string id, long timestamp, IReadOnlyList<string> markings, IReadOnlyList<string> labels, List<JsonObject> scos, string? comment)
    {
        var o = Sdo("observed-data", id, timestamp, markings, labels);
        var when = o["modified"]!.ToString();
        o["first_observed"] = when;
        o["last_observed"] = when;
        o["number_observed"] = 1;
        o["object_refs"] = new JsonArray(scos.Select(s => (JsonNode)s["id"]!.ToString()).ToArray());
        if (!string.IsNullOrWhiteSpace(comment)) o["x_misp_comment"] = comment;
        foreach (var sco in scos) Add(sco);
        return o;
    }

    private static string Short(string value) => value.Length <= 80 ? value : value[..77] + "...";

    [GeneratedRegex(@"^CVE-\d{4}-\d{4,}$", RegexOptions.IgnoreCase)]
    private static partial Regex CvePattern();
}
