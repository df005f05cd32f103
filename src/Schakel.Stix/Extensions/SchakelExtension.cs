using System.Text.Json;
using System.Text.Json.Nodes;
using Schakel.Stix.Markings;

namespace Schakel.Stix.Extensions;

/// <summary>
/// What Schakel's own STIX extension says about an object: the item that holds it on the sending node, that item's TLP
/// label, status (<c>published</c> or <c>retracted</c>), publishing organisation key and title. <see cref="Elsewhere"/> is true
/// for an entry of <c>other_items</c> whose item is not in the collection the object was served from (the reader sees it
/// through another collection; written as <c>"in_collection": false</c>). <see cref="Reason"/> is a retracted item's
/// retraction reason as its publisher gave it (<c>reason</c>), null otherwise.
/// </summary>
public sealed record SchakelItemRef(Guid ItemId, StixTlp Tlp, string Status, string Publisher, string? Title)
{
    public bool Elsewhere { get; init; }

    public string? Reason { get; init; }
}

/// <summary>
/// Schakel's property extension (STIX 2.1 section 7.3, extension definitions): between Schakel nodes it carries, on each
/// object a TAXII server serves, the source item's id and label so that the receiving node rebuilds the same items
/// (DESIGN.md section 3a). Other STIX consumers may ignore it; the <see cref="DefinitionJson"/> object describes it.
/// <para>One object version can be held by several items on the sending node (two imports of the same indicator); it is
/// served once, so the extension names the item it is served for and, in <see cref="OtherItemsProperty"/>, every other
/// item holding that version that the reader may see in any collection (the same properties each, and
/// <c>"in_collection": false</c> for those not in the collection served). The receiving node links the version to each of
/// them in the collection, and a version that no longer names an item tells that the item no longer holds it.</para>
/// </summary>
public static class SchakelExtension
{
    /// <summary>The extension definition's id.</summary>
    public const string Id = "extension-definition--8add5222-3107-4dcf-8a06-312432810ad5";

    /// <summary>The identity that created the extension definition (a fixed id for the Schakel software).</summary>
    public const string CreatorId = "identity--5a3f0c57-7d9a-4f54-9a35-0c1f1b0e3f21";

    /// <summary>The extension-definition object (STIX 2.1 section 7.3) as compact JSON.</summary>
    public const string DefinitionJson =
        "{\"type\":\"extension-definition\",\"spec_version\":\"2.1\",\"id\":\"" + Id + "\",\"created_by_ref\":\"" + CreatorId + "\"," +
        "\"created\":\"2026-11-30T00:00:00.000Z\",\"modified\":\"2026-11-30T12:00:00.000Z\",\"name\":\"Schakel item\"," +
        "\"description\":\"The Schakel item that holds this object on the sending node: its id, TLP 2.0 label, status, publishing organisation and title; " +
        "other_items lists the other items holding the same object version that the reader may see, with the same properties " +
        "and in_collection false for those the reader sees through another collection; reason is a retracted item's retraction reason.\"," +
        "\"schema\":\"https://schakel.example/stix/extension/item/v1\",\"version\":\"1.1.0\",\"extension_types\":[\"property-extension\"]}";

    /// <summary>
    /// Returns a copy of <paramref name="o"/> with the extension set for <paramref name="item"/> and, when given and not empty,
    /// <paramref name="others"/> in <see cref="OtherItemsProperty"/> (replacing an earlier extension); other properties
    /// unchanged and in order.
    /// </summary>
    public static StixObject With(StixObject o, SchakelItemRef item, IReadOnlyList<SchakelItemRef>? others = null)
    {
        var node = JsonNode.Parse(o.Json)!.AsObject();
        var extensions = node["extensions"] as JsonObject;
        if (extensions is null)
        {
            extensions = new JsonObject();
            node["extensions"] = extensions;
        }

        extensions[Id] = ValueNode(item, others);
        return StixObject.Parse(node.ToJsonString());
    }

    /// <summary>
    /// The extension's value (what <see cref="With"/> puts under <see cref="Id"/>) as compact JSON text: <c>extension_type</c>,
    /// the item's properties and, when given and not empty, <paramref name="others"/> in <see cref="OtherItemsProperty"/>.
    /// For writers that splice it into stored JSON without parsing the object.
    /// </summary>
    public static string ValueJson(SchakelItemRef item, IReadOnlyList<SchakelItemRef>? others = null) => ValueNode(item, others).ToJsonString();

    private static JsonObject ValueNode(SchakelItemRef item, IReadOnlyList<SchakelItemRef>? others)
    {
        var value = Node(item);
        value.Insert(0, "extension_type", "property-extension");
        if (others is { Count: > 0 }) value[OtherItemsProperty] = new JsonArray(others.Select(r => (JsonNode)Node(r)).ToArray());
        return value;
    }

    /// <summary>Returns a copy without the extension (the object as its creator wrote it, apart from property order).</summary>
    public static StixObject Without(StixObject o)
    {
        var node = JsonNode.Parse(o.Json)!.AsObject();
        if (node["extensions"] is not JsonObject extensions || !extensions.Remove(Id)) return o;
        if (extensions.Count == 0) node.Remove("extensions");
        return StixObject.Parse(node.ToJsonString());
    }

    /// <summary>The extension property listing the other items that hold the same object version (an array of item objects).</summary>
    public const string OtherItemsProperty = "other_items";

    /// <summary>Reads the extension's item; null when the object does not carry the extension or it is malformed.</summary>
    public static SchakelItemRef? Read(StixObject o)
    {
        using var doc = o.ToDocument();
        return Value(doc.RootElement) is { } v ? RefOf(v) : null;
    }

    /// <summary>
    /// Reads the extension's item and then the valid entries of <see cref="OtherItemsProperty"/> (malformed entries and
    /// repeats are left out); empty when the object does not carry the extension or its item is malformed.
    /// </summary>
    public static IReadOnlyList<SchakelItemRef> ReadAll(StixObject o)
    {
        using var doc = o.ToDocument();
        if (Value(doc.RootElement) is not { } v || RefOf(v) is not { } first) return [];
        var all = new List<SchakelItemRef> { first };
        if (v.TryGetProperty(OtherItemsProperty, out var others) && others.ValueKind == JsonValueKind.Array)
            foreach (var e in others.EnumerateArray())
                if (e.ValueKind == JsonValueKind.Object && RefOf(e) is { } r && all.TrueForAll(a => a.ItemId != r.ItemId)) all.Add(r);
        return all;
    }

    private static JsonElement? Value(JsonElement root) =>
        root.TryGetProperty("extensions", out var ext) && ext.ValueKind == JsonValueKind.Object && ext.TryGetProperty(Id, out var v) && v.ValueKind == JsonValueKind.Object
            ? v : null;

    private static SchakelItemRef? RefOf(JsonElement v)
    {
        string? S(string name) => v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if (!Guid.TryParse(S("item_id"), out var itemId) || !TlpMarkings.TryParseName(S("tlp"), out var tlp)) return null;
        var elsewhere = v.TryGetProperty("in_collection", out var inCollection) && inCollection.ValueKind == JsonValueKind.False;
        return new SchakelItemRef(itemId, tlp, S("status") ?? "published", S("publisher") ?? "", S("title")) { Elsewhere = elsewhere, Reason = S("reason") };
    }

    private static JsonObject Node(SchakelItemRef item)
    {
        var value = new JsonObject
        {
            ["item_id"] = item.ItemId.ToString(),
            ["tlp"] = TlpName(item.Tlp),
            ["status"] = item.Status,
            ["publisher"] = item.Publisher,
        };
        if (item.Title is not null) value["title"] = item.Title;
        if (item.Reason is not null) value["reason"] = item.Reason;
        if (item.Elsewhere) value["in_collection"] = false;
        return value;
    }

    private static string TlpName(StixTlp tlp) => tlp switch
    {
        StixTlp.Clear => "clear",
        StixTlp.Green => "green",
        StixTlp.Amber => "amber",
        StixTlp.AmberStrict => "amber+strict",
        _ => "red",
    };
}
