using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Schakel.Stix.Markings;

namespace Schakel.Stix.Misp;

/// <summary>The state of one MISP → STIX conversion (see <see cref="MispToStix"/> for the mapping); the event-level part.</summary>
internal sealed partial class MispStixWriter
{
    private readonly MispEvent ev;
    private readonly List<JsonObject> output = [];
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> idByMispUuid = new(StringComparer.Ordinal);
    private readonly string? creatorId;
    private readonly DateTimeOffset? eventDate;
    private readonly List<string> eventMarkings;
    private readonly List<string> eventLabels;

    public MispStixWriter(MispEvent ev)
    {
        this.ev = ev;
        ContainerId = StixIds.FromMisp(ev.Published ? "report" : "grouping", ev.Uuid);
        eventDate = ev.Date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        if (ev.Orgc is { } org)
            creatorId = org.Uuid is not null && Guid.TryParse(org.Uuid, out _) ? StixIds.FromMisp("identity", org.Uuid) : $"identity--{StixIds.FromSeed("misp-org:" + org.Name)}";
        (eventMarkings, eventLabels) = SplitTags(ev.Tags, ev.Clusters, ev.Uuid);
    }

    public string ContainerId { get; }

    public List<MispUnmapped> Unmapped { get; } = [];

    public List<string> Mapped { get; } = [];

    public List<StixObject> Write()
    {
        foreach (var a in ev.Attributes) Attribute(a);
        foreach (var o in ev.Objects) Object(o);
        foreach (var o in ev.Objects) References(o);
        foreach (var c in ev.Clusters) Cluster(c, eventMarkings, null);

        var head = new List<JsonObject>();
        if (ev.Orgc is { } org)
        {
            var identity = Sdo("identity", creatorId!, ev.Timestamp, [], []);
            identity.Remove("created_by_ref");
            // One organisation is one identity across its events: its `created` may not differ between versions (STIX 2.1
            // section 3.2), and MISP does not say when the organisation was created, so a fixed instant stands for it.
            identity["created"] = OrganisationCreated;
            identity["name"] = org.Name;
            identity["identity_class"] = "organization";
            head.Add(identity);
        }

        if (output.Count == 0) output.Add(Note($"note--{ev.Uuid}", ev.Timestamp, eventMarkings, [], "This MISP event holds no attribute, object or galaxy.", null));
        head.Add(Container());
        return head.Concat(output).Select(o => StixObject.Parse(JsonNodes.Compact(o))).ToList();
    }

    private JsonObject Container()
    {
        var c = Sdo(ev.Published ? "report" : "grouping", ContainerId, ev.Timestamp, eventMarkings, eventLabels);
        c["name"] = ev.Info;
        if (ev.Published)
        {
            c["report_types"] = new JsonArray("threat-report");
            c["published"] = Ts(ev.PublishTimestamp is > 0 ? ev.PublishTimestamp.Value : ev.Timestamp);
        }
        else
        {
            c["context"] = "suspicious-activity";
        }

        c["object_refs"] = new JsonArray(output.Select(o => (JsonNode)o["id"]!.ToString()).ToArray());
        if (ev.Date is { } date) c["x_misp_date"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (ev.ThreatLevelId is { } tl) c["x_misp_threat_level_id"] = tl;
        if (ev.Analysis is { } an) c["x_misp_analysis"] = an;
        if (ev.Distribution is { } dist) c["x_misp_distribution"] = dist;
        if (ev.SharingGroupId is { } sg and not "0") c["x_misp_sharing_group_id"] = sg;
        if (ev.SharingGroup is { } group) c["x_misp_sharing_group"] = new JsonObject { ["name"] = group.Name, ["uuid"] = group.Uuid };
        return c;
    }

    /// <summary>A galaxy cluster as an SDO where its galaxy's meaning is clear; else a label and an unmapped entry.</summary>
    private void Cluster(MispGalaxyCluster cluster, IReadOnlyList<string> markings, string? relatedFrom)
    {
        var type = MispMappings.SdoTypeOfGalaxy(cluster.Type);
        if (type is null)
        {
            if (relatedFrom is null && !eventLabels.Contains(cluster.TagName)) eventLabels.Add(cluster.TagName);
            Unmapped.Add(new("galaxy", cluster.Uuid, cluster.TagName, $"No STIX object type for galaxy '{cluster.Type}'; kept as a label."));
            return;
        }

        // Not the cluster uuid: older MISP exports repeat one uuid for every cluster of a galaxy (existing_event.json does),
        // so the id derives from the tag name, the same in every event that names the cluster.
        var id = $"{type}--{StixIds.FromSeed(cluster.TagName)}";
        if (!ids.Contains(id))
        {
            var sdo = Sdo(type, id, ev.Timestamp, markings, [cluster.TagName]);
            sdo["name"] = cluster.Value;
            if (!string.IsNullOrWhiteSpace(cluster.Description)) sdo["description"] = cluster.Description;
            if (type == "malware") sdo["is_family"] = true;
            Add(sdo);
        }

        if (relatedFrom is not null) Relationship(relatedFrom, "related-to", id, ev.Timestamp, markings, null);
    }

    private void References(MispObject o)
    {
        if (!idByMispUuid.TryGetValue(o.Uuid, out var source)) return;
        foreach (var r in o.References)
        {
            if (!idByMispUuid.TryGetValue(r.ReferencedUuid, out var target))
            {
                Unmapped.Add(new("reference", r.Uuid, $"{o.Name} {r.RelationshipType} {r.ReferencedUuid}", "The referenced attribute or object is not in the event."));
                continue;
            }

            Relationship(source, r.RelationshipType, target, r.Timestamp > 0 ? r.Timestamp : o.Timestamp, eventMarkings, r.Uuid);
        }
    }

    private void Relationship(string source, string relationshipType, string target, long timestamp, IReadOnlyList<string> markings, string? mispUuid)
    {
        var type = RelationshipTypePattern().Replace(relationshipType.Trim().ToLowerInvariant(), "-");
        var id = mispUuid is not null && Guid.TryParse(mispUuid, out _)
            ? StixIds.FromMisp("relationship", mispUuid)
            : $"relationship--{StixIds.FromSeed($"{source}|{type}|{target}")}";
        var rel = Sdo("relationship", id, timestamp, markings, []);
        rel["relationship_type"] = type;
        rel["source_ref"] = source;
        rel["target_ref"] = target;
        Add(rel);
    }

    /// <summary>
    /// Splits tags into TLP 2.0 marking references and labels. <c>tlp:</c> values MISP's taxonomy defines map to their TLP
    /// 2.0 marking (white = clear); <c>tlp:ex:*</c> extensions stay labels; any other <c>tlp:</c> value is held as AMBER+STRICT.
    /// Galaxy tags of clusters given in <paramref name="clusters"/> are left to those clusters.
    /// </summary>
    private (List<string> Markings, List<string> Labels) SplitTags(IEnumerable<MispTag> tags, IReadOnlyList<MispGalaxyCluster> clusters, string ownerUuid)
    {
        var markings = new List<string>();
        var labels = new List<string>();
        foreach (var tag in tags)
        {
            var name = tag.Name.Trim();
            if (name.StartsWith("tlp:", StringComparison.OrdinalIgnoreCase))
            {
                if (TlpMarkings.TryParseName(name, out var tlp)) { AddOnce(markings, TlpMarkings.Tlp2IdOf(tlp)); continue; }
                AddOnce(labels, name);
                if (name.StartsWith("tlp:ex:", StringComparison.OrdinalIgnoreCase))
                {
                    Unmapped.Add(new("tag", ownerUuid, name, "A TLP extension with no STIX marking; kept as a label (it does not change the label)."));
                }
                else
                {
                    AddOnce(markings, TlpMarkings.Tlp2AmberStrict);
                    Unmapped.Add(new("tag", ownerUuid, name, "Not a TLP label Schakel knows; held as AMBER+STRICT (fail closed) and kept as a label."));
                }

                continue;
            }

            if (clusters.Any(c => c.TagName == name && MispMappings.SdoTypeOfGalaxy(c.Type) is not null)) continue;
            AddOnce(labels, name);
        }

        return (markings, labels);
    }

    /// <summary>The <c>created</c> of every MISP organisation's identity: MISP gives none, and it must be the same in every event.</summary>
    private const string OrganisationCreated = "1970-01-01T00:00:00.000Z";

    private JsonObject Sdo(string type, string id, long timestamp, IReadOnlyList<string> markings, IReadOnlyList<string> labels)
    {
        var modified = DateTimeOffset.FromUnixTimeSeconds(timestamp > 0 ? timestamp : ev.Timestamp);
        var created = eventDate is { } d && d < modified ? d : modified;
        var o = new JsonObject { ["type"] = type, ["spec_version"] = "2.1", ["id"] = id };
        if (creatorId is not null) o["created_by_ref"] = creatorId;
        o["created"] = StixTimestamp.FromMilliseconds(created).Text;
        o["modified"] = StixTimestamp.FromMilliseconds(modified).Text;
        if (labels.Count > 0) o["labels"] = Strings(labels);
        if (markings.Count > 0) o["object_marking_refs"] = Strings(markings);
        return o;
    }

    private JsonObject Note(string id, long timestamp, IReadOnlyList<string> markings, IReadOnlyList<string> labels, string content, string? @abstract)
    {
        var note = Sdo("note", id, timestamp, markings, labels);
        if (!string.IsNullOrEmpty(@abstract)) note["abstract"] = @abstract;
        note["content"] = content;
        note["object_refs"] = new JsonArray(ContainerId);
        return note;
    }

    /// <summary>Adds an object once per id (the same SCO may come from several attributes; the first one stays).</summary>
    private void Add(JsonObject o)
    {
        if (ids.Add(o["id"]!.ToString())) output.Add(o);
    }

    private static string Ts(long unixSeconds) => StixTimestamp.FromMilliseconds(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).Text;

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value)) list.Add(value);
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex RelationshipTypePattern();
}
