using System.Text.Json;

namespace Schakel.Stix;

/// <summary>What kind of container the objects came in.</summary>
public enum StixContainer
{
    /// <summary>A STIX 2.1 bundle (section 8): <c>{"type":"bundle","id":…,"objects":[…]}</c>.</summary>
    Bundle,

    /// <summary>A TAXII 2.1 envelope (TAXII 2.1 section 3.7): <c>{"more":…,"objects":[…]}</c> without a type.</summary>
    Envelope,

    /// <summary>One STIX object on its own.</summary>
    Object,

    /// <summary>A bare JSON array of objects: not a STIX 2.1 container, read as the OASIS validator reads it.</summary>
    Array,
}

/// <summary>
/// The result of reading STIX content. <see cref="Objects"/> holds every object that has a string <c>type</c> and
/// <c>id</c>, in document order; <see cref="Findings"/> holds what could not be read (always errors). The content is
/// unusable exactly when <see cref="Objects"/> is empty and <see cref="Findings"/> has errors.
/// </summary>
public sealed record StixReadResult(StixContainer Container, string? BundleId, IReadOnlyList<StixObject> Objects, IReadOnlyList<StixFinding> Findings)
{
    /// <summary>True when nothing was wrong with the structure.</summary>
    public bool IsWellFormed => Findings.Count == 0;
}

/// <summary>
/// Reads STIX 2.1 bundles, TAXII 2.1 envelopes and single objects, with a size limit checked before parsing (DESIGN.md
/// section 3a: 256 MiB by default). It checks structure only (JSON, the container, each object's <c>type</c> and
/// <c>id</c>); schema and rule checks are <c>Validation.StixValidator</c>'s.
/// </summary>
public static class StixBundleReader
{
    /// <summary>The default limit: 256 MiB.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    /// <summary>Reads from a stream, refusing more than <paramref name="maxBytes"/> bytes before anything is parsed.</summary>
    /// <returns>The objects and findings; never throws for bad content.</returns>
    public static async Task<StixReadResult> ReadAsync(Stream stream, long maxBytes = DefaultMaxBytes, CancellationToken ct = default)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > maxBytes) return TooLarge(maxBytes);
            buffer.Write(chunk, 0, n);
        }

        return Read(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), maxBytes);
    }

    /// <summary>Reads from bytes already in memory, with the same limit.</summary>
    public static StixReadResult Read(ReadOnlyMemory<byte> content, long maxBytes = DefaultMaxBytes)
    {
        if (content.Length > maxBytes) return TooLarge(maxBytes);
        // Files saved by some editors start with a UTF-8 byte-order mark, which the JSON parser does not skip.
        if (content.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) content = content[3..];
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            return Fail(StixContainer.Bundle, null, $"Not JSON: {e.Message}", "json");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array) return ReadArray(StixContainer.Array, null, root);
            if (root.ValueKind != JsonValueKind.Object) return Fail(StixContainer.Bundle, null, "Expected a STIX bundle, a TAXII envelope, one STIX object or an array of objects.", "json");
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is null && root.TryGetProperty("objects", out var envelopeObjects))
                return ReadArray(StixContainer.Envelope, null, envelopeObjects);
            if (type == "bundle")
            {
                var bundleId = root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                if (!root.TryGetProperty("objects", out var objects))
                    return new StixReadResult(StixContainer.Bundle, bundleId, [], []); // an empty bundle is valid (section 8)
                return ReadArray(StixContainer.Bundle, bundleId, objects);
            }

            var single = StixObject.FromElement(root, out var error);
            return single is null
                ? Fail(StixContainer.Object, null, $"The content is not a STIX bundle, TAXII envelope or STIX object: it {error}.", "3.1")
                : new StixReadResult(StixContainer.Object, null, [single], []);
        }
    }

    private static StixReadResult ReadArray(StixContainer container, string? bundleId, JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
            return Fail(container, bundleId, "'objects' must be an array.", container == StixContainer.Bundle ? "8" : "taxii-3.7");
        var objects = new List<StixObject>(array.GetArrayLength());
        var findings = new List<StixFinding>();
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            var o = StixObject.FromElement(element, out var error);
            if (o is null) findings.Add(new StixFinding(StixSeverity.Error, null, $"/objects/{i}", $"Object {i} {error}.", "3.1"));
            else objects.Add(o);
            i++;
        }

        return new StixReadResult(container, bundleId, objects, findings);
    }

    private static StixReadResult TooLarge(long maxBytes) =>
        Fail(StixContainer.Bundle, null, $"The content is larger than the limit of {maxBytes / (1024 * 1024)} MiB ({maxBytes} bytes); nothing was read.", "size");

    private static StixReadResult Fail(StixContainer container, string? bundleId, string message, string rule) =>
        new(container, bundleId, [], [new StixFinding(StixSeverity.Error, null, "", message, rule)]);
}
