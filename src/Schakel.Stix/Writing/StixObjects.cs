using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Schakel.Stix.Writing;

/// <summary>
/// Copies of STIX objects with top-level properties added, replaced or removed — e.g. a new version with a later
/// <c>modified</c>, <c>revoked</c> set, or an <c>extensions</c> entry added. Every other property keeps its place and its
/// exact text (numbers, timestamps, custom content). The result is not validated: a caller making a new version sets
/// <c>modified</c> itself (STIX 2.1 section 3.6).
/// </summary>
public static class StixObjects
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A copy of <paramref name="o"/> where each property of <paramref name="set"/> is replaced in place when present and
    /// appended (in the dictionary's order) when not; a null value removes the property.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="set"/> changes <c>type</c> or <c>id</c>, or removes them.</exception>
    public static StixObject WithProperties(StixObject o, IReadOnlyDictionary<string, JsonNode?> set)
    {
        if (set.ContainsKey("type") && set["type"]?.ToJsonString() != JsonSerializer.Serialize(o.Type))
            throw new ArgumentException("The type of a STIX object cannot change.", nameof(set));
        if (set.ContainsKey("id") && set["id"]?.ToJsonString() != JsonSerializer.Serialize(o.Id))
            throw new ArgumentException("The id of a STIX object cannot change; a changed object needs a new id (section 3.5).", nameof(set));

        using var doc = o.ToDocument();
        var buffer = new ArrayBufferWriter<byte>(o.Json.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                seen.Add(property.Name);
                if (!set.TryGetValue(property.Name, out var value))
                {
                    property.WriteTo(writer);
                }
                else if (value is not null)
                {
                    writer.WritePropertyName(property.Name);
                    value.WriteTo(writer);
                }
            }

            foreach (var (name, value) in set.Where(kv => kv.Value is not null && !seen.Contains(kv.Key)))
            {
                writer.WritePropertyName(name);
                value!.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return StixObject.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// A copy of <paramref name="o"/> with <c>extensions[extensionId]</c> set to <paramref name="value"/> (replacing an
    /// entry with that key, keeping the other extensions and their order; <c>extensions</c> is added when absent).
    /// </summary>
    /// <param name="o">The object to copy.</param>
    /// <param name="value">The extension's content, e.g. <c>{"extension_type":"property-extension",…}</c>; copied.</param>
    /// <param name="extensionId">An <c>extension-definition--UUID</c> (section 7.3) or a predefined/custom <c>*-ext</c> name.</param>
    public static StixObject WithExtension(StixObject o, string extensionId, JsonObject value)
    {
        using var doc = o.ToDocument();
        var extensions = doc.RootElement.TryGetProperty("extensions", out var existing) && existing.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(existing.GetRawText())!.AsObject()
            : new JsonObject();
        extensions[extensionId] = value.DeepClone();
        return WithProperties(o, new Dictionary<string, JsonNode?> { ["extensions"] = extensions });
    }

    /// <summary>A copy with the named top-level properties removed (absent names are ignored).</summary>
    public static StixObject WithoutProperties(StixObject o, params string[] names) =>
        WithProperties(o, names.ToDictionary(n => n, _ => (JsonNode?)null, StringComparer.Ordinal));
}
