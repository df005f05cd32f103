using System.Text.Json;

namespace Schakel.Csaf;

/// <summary>
/// Small accessors over a schema-valid document: the schema has already guaranteed types, so these only deal
/// with optional members being absent.
/// </summary>
internal static class JsonRead
{
    public static string? Str(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    public static JsonElement? Obj(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object
            ? v
            : null;

    /// <summary>The items of an array member; none when absent or not an array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : [];

    public static double? Number(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : null;

    /// <summary>The string items of an array member, in order.</summary>
    public static IReadOnlyList<string> Strings(this JsonElement obj, string name) =>
        obj.Items(name).Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToArray();
}
