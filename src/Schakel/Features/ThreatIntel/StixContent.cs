namespace Schakel.Features.ThreatIntel;

/// <summary>
/// Prepares received content for <see cref="ThreatIntelImporter"/>. Besides bundles, envelopes and single objects, the
/// import surfaces accept a bare JSON array of STIX objects (what python-stix2 and some feeds write): it is read as the
/// objects of a TAXII envelope, while the original bytes are kept as received. A UTF-8 byte order mark is skipped.
/// </summary>
public static class StixContent
{
    /// <summary>Payload format stored for a bare array of objects.</summary>
    public const string ObjectListFormat = "stix-object-list";

    /// <summary>
    /// Imports <paramref name="content"/>: a bare array is wrapped as <c>{"objects":[…]}</c> for reading, with the
    /// original bytes and <see cref="ObjectListFormat"/> in the request; anything else goes to the importer as it is.
    /// </summary>
    public static Task<ThreatIntelImportResult> ImportAsync(ThreatIntelImporter importer, byte[] content, ThreatIntelImportRequest request, CancellationToken ct)
    {
        // RFC 8259 section 8.1 lets a parser ignore a byte order mark; files saved by Windows tools often start with one.
        var bom = content.AsSpan().StartsWith("\uFEFF"u8);
        if (!IsArray(content))
            return bom ? importer.ImportAsync(content[3..], request with { Original = content }, ct) : importer.ImportAsync(content, request, ct);
        var array = content.AsSpan(bom ? 3 : 0);
        var wrapped = new byte[array.Length + 12];
        "{\"objects\":"u8.CopyTo(wrapped);
        array.CopyTo(wrapped.AsSpan(11));
        wrapped[^1] = (byte)'}';
        return importer.ImportAsync(wrapped, request with { Original = content, Format = request.Format ?? ObjectListFormat }, ct);
    }

    /// <summary>True when the first byte after white space (and a UTF-8 byte order mark) is <c>[</c>.</summary>
    public static bool IsArray(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8)) content = content[3..];
        foreach (var b in content)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b == (byte)'[';
        }

        return false;
    }
}
