using System.Globalization;
using System.Text.Json;

namespace Schakel.Stix.Validation;

/// <summary>
/// Embedded relationships (STIX 2.1 sections 3.1 and 3.3): every <c>*_ref</c> holds an identifier and every <c>*_refs</c> a
/// list of identifiers, wherever they occur in the object; where the specification restricts the target's type (e.g.
/// <c>created_by_ref</c> → identity, <c>object_marking_refs</c> → marking-definition), the identifier's type must be one
/// of those. A bundle can never be referenced (section 8.2).
/// </summary>
internal static class ReferenceRules
{
    /// <summary>What a reference may point at: listed types, or any type of the listed categories.</summary>
    private sealed record Target(string[] Types, StixObjectCategory[] Categories)
    {
        public bool Allows(StixIdentifier id) => Types.Contains(id.Type) || Categories.Contains(StixTypes.CategoryOf(id.Type));

        public string Describe() => string.Join(", ", Types.Concat(Categories.Select(c => c == StixObjectCategory.Custom ? "custom types" : c.ToString().ToUpperInvariant())));
    }

    private static Target Of(params string[] types) => new(types, []);

    private static readonly Target SdoOrSco = new([], [StixObjectCategory.Sdo, StixObjectCategory.Sco, StixObjectCategory.Custom]);

    private static readonly Target AnyObject = new([], [StixObjectCategory.Sdo, StixObjectCategory.Sro, StixObjectCategory.Sco, StixObjectCategory.Meta, StixObjectCategory.Custom]);

    private static readonly Target AnySco = new([], [StixObjectCategory.Sco, StixObjectCategory.Custom]);

    // (owner type or "*", property) → allowed targets, from the property tables of sections 3.2, 4, 5, 6 and 7.
    private static readonly Dictionary<(string Owner, string Property), Target> Restrictions = new()
    {
        [("*", "created_by_ref")] = Of("identity"),
        [("*", "object_marking_refs")] = Of("marking-definition"),
        [("*", "marking_ref")] = Of("marking-definition"),
        [("relationship", "source_ref")] = SdoOrSco,
        [("relationship", "target_ref")] = SdoOrSco,
        [("sighting", "sighting_of_ref")] = new([], [StixObjectCategory.Sdo, StixObjectCategory.Custom]),
        [("sighting", "observed_data_refs")] = Of("observed-data"),
        [("sighting", "where_sighted_refs")] = Of("identity", "location"),
        [("observed-data", "object_refs")] = new([], [StixObjectCategory.Sco, StixObjectCategory.Sro, StixObjectCategory.Custom]),
        [("report", "object_refs")] = AnyObject,
        [("note", "object_refs")] = AnyObject,
        [("opinion", "object_refs")] = AnyObject,
        [("grouping", "object_refs")] = AnyObject,
        [("language-content", "object_ref")] = AnyObject,
        [("malware", "operating_system_refs")] = Of("software"),
        [("malware", "sample_refs")] = Of("file", "artifact"),
        [("malware-analysis", "host_vm_ref")] = Of("software"),
        [("malware-analysis", "operating_system_ref")] = Of("software"),
        [("malware-analysis", "installed_software_refs")] = Of("software"),
        [("malware-analysis", "analysis_sco_refs")] = AnySco,
        [("malware-analysis", "sample_ref")] = Of("file", "artifact", "network-traffic"),
        [("directory", "contains_refs")] = Of("file", "directory"),
        [("domain-name", "resolves_to_refs")] = Of("ipv4-addr", "ipv6-addr", "domain-name"),
        [("email-addr", "belongs_to_ref")] = Of("user-account"),
        [("email-message", "from_ref")] = Of("email-addr"),
        [("email-message", "sender_ref")] = Of("email-addr"),
        [("email-message", "to_refs")] = Of("email-addr"),
        [("email-message", "cc_refs")] = Of("email-addr"),
        [("email-message", "bcc_refs")] = Of("email-addr"),
        [("email-message", "raw_email_ref")] = Of("artifact"),
        [("email-message", "body_raw_ref")] = Of("artifact", "file"),
        [("file", "parent_directory_ref")] = Of("directory"),
        [("file", "content_ref")] = Of("artifact"),
        [("file", "contains_refs")] = AnySco,
        [("ipv4-addr", "resolves_to_refs")] = Of("mac-addr"),
        [("ipv4-addr", "belongs_to_refs")] = Of("autonomous-system"),
        [("ipv6-addr", "resolves_to_refs")] = Of("mac-addr"),
        [("ipv6-addr", "belongs_to_refs")] = Of("autonomous-system"),
        [("network-traffic", "src_ref")] = Of("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"),
        [("network-traffic", "dst_ref")] = Of("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"),
        [("network-traffic", "src_payload_ref")] = Of("artifact"),
        [("network-traffic", "dst_payload_ref")] = Of("artifact"),
        [("network-traffic", "encapsulates_refs")] = Of("network-traffic"),
        [("network-traffic", "encapsulated_by_ref")] = Of("network-traffic"),
        [("network-traffic", "message_body_data_ref")] = Of("artifact"),
        [("process", "opened_connection_refs")] = Of("network-traffic"),
        [("process", "creator_user_ref")] = Of("user-account"),
        [("process", "image_ref")] = Of("file"),
        [("process", "parent_ref")] = Of("process"),
        [("process", "child_refs")] = Of("process"),
        [("windows-registry-key", "creator_user_ref")] = Of("user-account"),
    };

    public static void Check(ObjectContext o)
    {
        if (o.Root.ValueKind != JsonValueKind.Object) return;
        Walk(o, o.Root, []);
    }

    // The path is kept as escaped segments and only joined into a JSON pointer for a finding: nearly every object has none,
    // and building a pointer string for every property was a third of this rule's cost.
    private static void Walk(ObjectContext o, JsonElement element, List<string> path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    path.Add(i.ToString(CultureInfo.InvariantCulture));
                    Walk(o, item, path);
                    path.RemoveAt(path.Count - 1);
                }

                i++;
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object) return;
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;

            // The deprecated observable container of observed-data (section 2.13) uses local keys ("0", "1") as references.
            if (path.Count == 0 && name == "objects" && o.Type == "observed-data") continue;
            var isRef = name.EndsWith("_ref", StringComparison.Ordinal);
            var isRefs = !isRef && name.EndsWith("_refs", StringComparison.Ordinal);
            if (!isRef && !isRefs && property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)) continue;
            path.Add(ObjectContext.Escape(name));
            if (isRef) CheckOne(o, name, property.Value, path, -1);
            else if (isRefs) CheckList(o, name, property.Value, path);
            else Walk(o, property.Value, path);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void CheckList(ObjectContext o, string name, JsonElement value, List<string> path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            o.Error(Pointer(path, -1), $"'{name}' must be a list of identifiers.", "3.3");
            return;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray()) CheckOne(o, name, item, path, i++);
    }

    private static void CheckOne(ObjectContext o, string name, JsonElement value, List<string> path, int index)
    {
        if (value.ValueKind != JsonValueKind.String || !StixIdentifier.TryParse(value.GetString(), out var id))
        {
            o.Error(Pointer(path, index), $"'{name}' value {value.GetRawText()} is not an identifier 'type--UUID'.", "3.3");
            return;
        }

        if (id.Type == "bundle")
        {
            o.Error(Pointer(path, index), $"'{name}' refers to a bundle; bundles cannot be referenced.", "8.2");
            return;
        }

        var target = Restrictions.GetValueOrDefault((o.Type ?? "", name)) ?? Restrictions.GetValueOrDefault(("*", name));
        if (target is not null && !target.Allows(id))
            o.Error(Pointer(path, index), $"'{name}' must refer to {target.Describe()}, not to a '{id.Type}'.", "3.3");
    }

    /// <summary>The JSON pointer of <paramref name="path"/>, plus the array index when it is not negative.</summary>
    private static string Pointer(List<string> path, int index)
    {
        var pointer = string.Concat(path.Select(segment => "/" + segment));
        return index < 0 ? pointer : pointer + "/" + index.ToString(CultureInfo.InvariantCulture);
    }
}
