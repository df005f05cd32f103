using System.Text.Json;

namespace Schakel.Stix;

/// <summary>One granular marking (STIX 2.1 section 7.2.3): a marking reference or a language, and the selectors it applies to.</summary>
public sealed record StixGranularMarking(string? MarkingRef, string? Lang, IReadOnlyList<string> Selectors);

/// <summary>
/// One STIX 2.1 object as received: its common properties (STIX 2.1 section 3.2) read out, and the whole object kept as
/// compact JSON text (<see cref="Json"/>) with its properties, their order, custom properties and extensions exactly as
/// they came (numbers and timestamps keep their written text). Whitespace between tokens is not kept.
/// </summary>
public sealed class StixObject
{
    private StixObject(string json, string id, string type)
    {
        Json = json;
        Id = id;
        Type = type;
    }

    /// <summary>The object as compact JSON text.</summary>
    public string Json { get; }

    /// <summary><c>id</c>: <c>TYPE--UUID</c>.</summary>
    public string Id { get; }

    /// <summary><c>type</c>.</summary>
    public string Type { get; }

    /// <summary><c>spec_version</c> (required on SDOs, SROs and meta objects; optional on SCOs, where absent means 2.1).</summary>
    public string? SpecVersion { get; private init; }

    /// <summary><c>created</c>, null when absent or not a valid timestamp (the validator reports it).</summary>
    public StixTimestamp? Created { get; private init; }

    /// <summary><c>modified</c>, null when absent or not a valid timestamp.</summary>
    public StixTimestamp? Modified { get; private init; }

    /// <summary><c>revoked</c> (STIX 2.1 section 3.6): true only when the property is the JSON literal true.</summary>
    public bool Revoked { get; private init; }

    /// <summary><c>object_marking_refs</c> (section 7.2.2), empty when absent.</summary>
    public IReadOnlyList<string> ObjectMarkingRefs { get; private init; } = [];

    /// <summary><c>granular_markings</c> (section 7.2.3), empty when absent.</summary>
    public IReadOnlyList<StixGranularMarking> GranularMarkings { get; private init; } = [];

    /// <summary>The object's version: <c>modified</c>, else <c>created</c>, else null (most SCOs are not versioned).</summary>
    public StixTimestamp? Version => Modified ?? Created;

    /// <summary>What kind of object this is, from its type (section 2.5 ff.).</summary>
    public StixObjectCategory Category => StixTypes.CategoryOf(Type);

    /// <summary>
    /// Reads the common properties of one object. Returns null with <paramref name="error"/> set when the element is not an
    /// object or lacks a string <c>type</c> or <c>id</c>; everything else is left to <c>StixValidator</c>.
    /// </summary>
    public static StixObject? FromElement(JsonElement element, out string? error)
    {
        error = null;
        if (element.ValueKind != JsonValueKind.Object) { error = "is not a JSON object"; return null; }
        if (!element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) { error = "has no string 'type'"; return null; }
        if (!element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String) { error = "has no string 'id'"; return null; }
        return new StixObject(Compact(element), id.GetString()!, type.GetString()!)
        {
            SpecVersion = StringOf(element, "spec_version"),
            Created = TimestampOf(element, "created"),
            Modified = TimestampOf(element, "modified"),
            Revoked = element.TryGetProperty("revoked", out var r) && r.ValueKind == JsonValueKind.True,
            ObjectMarkingRefs = StringsOf(element, "object_marking_refs"),
            GranularMarkings = GranularOf(element),
        };
    }

    /// <summary>Parses one object from JSON text.</summary>
    /// <exception cref="FormatException">The text is not JSON or not a STIX object with <c>type</c> and <c>id</c>.</exception>
    public static StixObject Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return FromElement(doc.RootElement, out var error) ?? throw new FormatException("The STIX object " + error + ".");
        }
        catch (JsonException e)
        {
            throw new FormatException("Not JSON: " + e.Message, e);
        }
    }

    /// <summary>Parses <see cref="Json"/> again, for callers that need other properties. The caller disposes the document.</summary>
    public JsonDocument ToDocument() => JsonDocument.Parse(Json);

    public override string ToString() => Version is { } v ? $"{Id}@{v.Text}" : Id;

    internal static string Compact(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
            element.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? StringOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static StixTimestamp? TimestampOf(JsonElement e, string name) =>
        StixTimestamp.TryParse(StringOf(e, name), out var t) ? t : null;

    private static IReadOnlyList<string> StringsOf(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array) return [];
        return v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList();
    }

    private static IReadOnlyList<StixGranularMarking> GranularOf(JsonElement e)
    {
        if (!e.TryGetProperty("granular_markings", out var v) || v.ValueKind != JsonValueKind.Array) return [];
        return v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object)
            .Select(x => new StixGranularMarking(StringOf(x, "marking_ref"), StringOf(x, "lang"), StringsOf(x, "selectors")))
            .ToList();
    }
}
