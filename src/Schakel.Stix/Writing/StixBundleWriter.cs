using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Schakel.Stix.Writing;

/// <summary>
/// Writes STIX 2.1 bundles (section 8): <c>{"type":"bundle","id":"bundle--UUIDv4","objects":[…]}</c>, each object's
/// <see cref="StixObject.Json"/> written exactly as it is (property order, custom content and timestamp text kept).
/// An empty list gives a bundle without <c>objects</c>, since STIX forbids empty lists (section 2.12).
/// </summary>
public static class StixBundleWriter
{
    // Flush to the stream every so many bytes, so a 50,000-object bundle never sits in memory twice.
    private const int FlushBytes = 64 * 1024;

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly JsonWriterOptions Indented = Compact with { Indented = true };

    /// <summary>Writes a bundle to <paramref name="stream"/> (UTF-8); returns the bundle id used.</summary>
    /// <param name="stream">Where the UTF-8 JSON goes; left open.</param>
    /// <param name="objects">The objects, written in this order.</param>
    /// <param name="bundleId">The bundle's id; a new <c>bundle--UUIDv4</c> when null.</param>
    /// <param name="indented">Indent the bundle's own structure (objects stay compact as stored).</param>
    /// <param name="ct">Cancels between objects.</param>
    /// <exception cref="ArgumentException"><paramref name="bundleId"/> is not <c>bundle--UUID</c>.</exception>
    public static async Task<string> WriteAsync(Stream stream, IEnumerable<StixObject> objects, string? bundleId = null, bool indented = false, CancellationToken ct = default)
    {
        var id = CheckId(bundleId);
        await using var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact);
        WriteStart(writer, id);
        var any = false;
        foreach (var o in objects)
        {
            ct.ThrowIfCancellationRequested();
            if (!any) writer.WriteStartArray("objects");
            any = true;
            writer.WriteRawValue(o.Json, skipInputValidation: true);
            if (writer.BytesPending > FlushBytes) await writer.FlushAsync(ct);
        }

        if (any) writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
        return id;
    }

    /// <summary>Writes a bundle to <paramref name="stream"/> (UTF-8) synchronously; returns the bundle id used.</summary>
    public static string Write(Stream stream, IEnumerable<StixObject> objects, string? bundleId = null, bool indented = false)
    {
        var id = CheckId(bundleId);
        using var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact);
        WriteStart(writer, id);
        var any = false;
        foreach (var o in objects)
        {
            if (!any) writer.WriteStartArray("objects");
            any = true;
            writer.WriteRawValue(o.Json, skipInputValidation: true);
            if (writer.BytesPending > FlushBytes) writer.Flush();
        }

        if (any) writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        return id;
    }

    /// <summary>The bundle as a string.</summary>
    public static string WriteToString(IEnumerable<StixObject> objects, string? bundleId = null, bool indented = false)
    {
        using var buffer = new MemoryStream();
        Write(buffer, objects, bundleId, indented);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteStart(Utf8JsonWriter writer, string id)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "bundle");
        writer.WriteString("id", id);
    }

    private static string CheckId(string? bundleId)
    {
        if (bundleId is null) return StixIdentifier.NewId("bundle");
        if (!StixIdentifier.TryParse(bundleId, out var parsed) || parsed.Type != "bundle")
            throw new ArgumentException($"'{bundleId}' is not a bundle id 'bundle--UUID'.", nameof(bundleId));
        return bundleId;
    }
}
