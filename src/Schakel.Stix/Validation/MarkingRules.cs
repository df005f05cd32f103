using System.Globalization;
using System.Text.Json;
using Schakel.Stix.Markings;

namespace Schakel.Stix.Validation;

/// <summary>
/// Data markings (STIX 2.1 section 7.2): granular marking selectors must select content that is present (7.2.3); a marking
/// definition must not mark itself (3.2); TLP marking definitions must be the standard ones (7.2.1.4 for TLP 1.0, the
/// TLP 2.0 extension schema for TLP 2.0), so that a forged "TLP" definition can never relabel content.
/// </summary>
internal static class MarkingRules
{
    public static void Check(ObjectContext o)
    {
        CheckSelectors(o);
        if (o.Type != "marking-definition") return;
        CheckSelfReference(o);
        CheckTlp1(o);
        // A TLP 2.0 id or the TLP 2.0 extension: only the five standard TLP 2.0 definitions pass this schema.
        var hasTlp2Extension = o.TryGet("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
                               && extensions.TryGetProperty(TlpMarkings.Tlp2ExtensionId, out _);
        if (hasTlp2Extension || (o.Id is not null && IsTlp2Id(o.Id)))
            SchemaCheck.Run(StixSchemas.Tlp2Marking, o, "7.2.1", "TLP 2.0 marking definition");
    }

    private static void CheckSelectors(ObjectContext o)
    {
        if (!o.TryGet("granular_markings", out var markings) || markings.ValueKind != JsonValueKind.Array) return;
        var i = 0;
        foreach (var marking in markings.EnumerateArray())
        {
            if (marking.ValueKind == JsonValueKind.Object && marking.TryGetProperty("selectors", out var selectors) && selectors.ValueKind == JsonValueKind.Array)
            {
                var j = 0;
                foreach (var selector in selectors.EnumerateArray())
                {
                    var path = $"/granular_markings/{i}/selectors/{j++}";
                    if (selector.ValueKind != JsonValueKind.String) continue; // the schema reports the type
                    if (Resolve(o.Root, selector.GetString()!) is { } problem)
                        o.Error(path, $"Selector '{selector.GetString()}' does not select content of this object: {problem}.", "7.2.3");
                }
            }

            i++;
        }
    }

    /// <summary>Follows a selector (<c>a.b.[0].c</c>) from the object; null when it selects something, else why not.</summary>
    internal static string? Resolve(JsonElement root, string selector)
    {
        var current = root;
        foreach (var component in selector.Split('.'))
        {
            if (component.Length > 2 && component[0] == '[' && component[^1] == ']')
            {
                if (!int.TryParse(component[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    return $"'{component}' is not a list index";
                if (current.ValueKind != JsonValueKind.Array) return $"'{component}' indexes something that is not a list";
                if (index >= current.GetArrayLength()) return $"the list has no item {index}";
                current = current[index];
            }
            else
            {
                if (current.ValueKind != JsonValueKind.Object) return $"'{component}' names a property of something that is not an object";
                if (component.Length == 0 || !current.TryGetProperty(component, out current)) return $"there is no property '{component}'";
            }
        }

        return null;
    }

    private static void CheckSelfReference(ObjectContext o)
    {
        if (o.Id is null) return;
        if (o.TryGet("object_marking_refs", out var refs) && refs.ValueKind == JsonValueKind.Array
            && refs.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && r.GetString() == o.Id))
            o.Error("/object_marking_refs", "A marking definition must not mark itself.", "3.2");
        if (o.TryGet("granular_markings", out var granular) && granular.ValueKind == JsonValueKind.Array
            && granular.EnumerateArray().Any(g => g.ValueKind == JsonValueKind.Object && g.TryGetProperty("marking_ref", out var m)
                                                  && m.ValueKind == JsonValueKind.String && m.GetString() == o.Id))
            o.Error("/granular_markings", "A marking definition must not mark itself.", "3.2");
    }

    /// <summary>
    /// Section 7.2.1.4: only the four standard TLP 1.0 marking definitions may exist. The OASIS schema enforces the ids and
    /// labels of definitions typed <c>tlp</c>; this rule also catches a standard TLP id reused for another kind of marking.
    /// </summary>
    private static void CheckTlp1(ObjectContext o)
    {
        if (o.Id is null || IsTlp2Id(o.Id) || !TlpMarkings.TryGetLabel(o.Id, out var label)) return;
        var definitionType = o.TryGet("definition_type", out var dt) && dt.ValueKind == JsonValueKind.String ? dt.GetString() : null;
        var tlp = o.TryGet("definition", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("tlp", out var t)
                                                    && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (definitionType != "tlp" || !TlpMarkings.TryParseName(tlp, out var written) || written != label)
            o.Error("", $"'{o.Id}' is the standard TLP 1.0 {label} marking definition; it must have definition_type \"tlp\" and definition.tlp \"{Tlp1Name(label)}\".", "7.2.1.4");
    }

    private static bool IsTlp2Id(string id) =>
        id is TlpMarkings.Tlp2Clear or TlpMarkings.Tlp2Green or TlpMarkings.Tlp2Amber or TlpMarkings.Tlp2AmberStrict or TlpMarkings.Tlp2Red;

    private static string Tlp1Name(StixTlp label) => label == StixTlp.Clear ? "white" : label.ToString().ToLowerInvariant();
}
