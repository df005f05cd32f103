using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Schakel.Csaf;

/// <summary>
/// Reads one CSAF 2.0 document (UTF-8 JSON, CSAF 2.0 section 3) from bytes: size check, JSON parse, CSAF
/// detection, schema validation (<see cref="CsafSchema"/>) and extraction into <see cref="CsafDocumentInfo"/>.
/// Thread-safe; never throws for bad input, only for bad arguments.
/// </summary>
public static class CsafReader
{
    /// <summary>Default size limit: 32 MiB. CSAF 2.0 section 7.1.12 mentions 15 MiB as a common upper bound.</summary>
    public const long DefaultMaxBytes = 32L * 1024 * 1024;

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        // Strict RFC 8259: CSAF documents have no comments or trailing commas.
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>
    /// Reads and validates a CSAF 2.0 document.
    /// </summary>
    /// <param name="bytes">The file content, UTF-8 (a leading byte order mark is tolerated).</param>
    /// <param name="maxBytes">Size limit in bytes, checked before parsing; must be positive.</param>
    /// <returns>
    /// <see cref="CsafReadStatus.Valid"/> with the document, or a failure: <see cref="CsafReadStatus.TooLarge"/>
    /// (message states limit and size), <see cref="CsafReadStatus.NotJson"/> (message states line and byte
    /// position, both 1-based), <see cref="CsafReadStatus.NotCsaf"/>, or <see cref="CsafReadStatus.Invalid"/>
    /// with every schema violation.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is zero or negative.</exception>
    public static CsafReadResult Read(byte[] bytes, long maxBytes = DefaultMaxBytes) => Read(bytes, null, maxBytes);

    /// <summary>
    /// Reads a CSAF 2.0 document and validates it fully with <paramref name="validator"/>: the schema and every mandatory
    /// test of section 6.1 decide validity (each finding carries its <see cref="CsafFinding.TestId"/>); the optional (6.2) and
    /// informative (6.3) findings are in <see cref="CsafReadResult.Report"/> as warnings.
    /// </summary>
    /// <param name="bytes">The file content, UTF-8.</param>
    /// <param name="validator">The validator; null validates against the schema only, as <see cref="Read(byte[], long)"/>.</param>
    /// <param name="maxBytes">Size limit in bytes, checked before parsing; must be positive.</param>
    /// <returns>As <see cref="Read(byte[], long)"/>, with <see cref="CsafReadStatus.Invalid"/> also for a failed mandatory test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is zero or negative.</exception>
    public static CsafReadResult Read(byte[] bytes, Validation.CsafValidator? validator, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        if (bytes.LongLength > maxBytes)
        {
            return CsafReadResult.Failure(CsafReadStatus.TooLarge, string.Create(CultureInfo.InvariantCulture,
                $"The file is {bytes.LongLength:N0} bytes, over the limit of {maxBytes:N0} bytes; it was not read."));
        }

        if (bytes.Length == 0)
        {
            return CsafReadResult.Failure(CsafReadStatus.NotJson, "The file is empty.");
        }

        // JsonDocument does not check UTF-8 inside strings until they are read, and CSAF requires UTF-8
        // (section 3), so check the whole input once up front.
        var content = WithoutBom(bytes);
        if (!Utf8.IsValid(content.Span))
        {
            return CsafReadResult.Failure(CsafReadStatus.NotJson, string.Create(CultureInfo.InvariantCulture,
                $"The file is not valid UTF-8: invalid byte sequence at byte offset {FirstInvalidUtf8(content.Span) + (bytes.Length - content.Length)}."));
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content, ParseOptions);
        }
        catch (JsonException ex)
        {
            return CsafReadResult.Failure(CsafReadStatus.NotJson, DescribeJsonError(ex));
        }

        using (json)
        {
            var root = json.RootElement;
            if (!IsCsafShape(root))
            {
                return CsafReadResult.Failure(CsafReadStatus.NotCsaf, DescribeNonCsaf(root));
            }

            var report = validator?.Validate(root);
            var findings = report is null ? CsafSchema.Validate(root) : report.Errors.Select(CsafFinding.From).ToList();
            if (findings.Count > 0)
            {
                return CsafReadResult.Failure(CsafReadStatus.Invalid, findings, report);
            }

            try
            {
                return CsafReadResult.Success(CsafExtractor.Extract(root), report);
            }
            catch (CsafExtractionException ex)
            {
                return CsafReadResult.Failure(CsafReadStatus.Invalid, [ex.Finding]);
            }
        }
    }

    /// <summary>
    /// Cheap pre-check for folder imports: true when <paramref name="bytes"/> is a JSON object whose
    /// <c>document</c> member is an object containing <c>csaf_version</c> — i.e. the file claims to be a CSAF
    /// document, valid or not. False for anything else (not JSON, ROLIE feeds, provider-metadata.json,
    /// aggregator.json, ...). No schema validation and no size limit: check the size first.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    public static bool LooksLikeCsaf(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var json = JsonDocument.Parse(WithoutBom(bytes), ParseOptions);
            return IsCsafShape(json.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Normalises a publisher namespace (<c>/document/publisher/namespace</c>, CSAF 2.0 3.2.1.8.4) so that two
    /// spellings of one publisher compare equal: trims whitespace, lower-cases scheme and host (authority), drops
    /// the scheme's default port (http 80, https 443) and trailing slashes. Path, query and fragment keep their
    /// case. A value without <c>://</c> is only trimmed and stripped of trailing slashes.
    /// </summary>
    /// <example><c>HTTPS://Example.COM:443/PSIRT/</c> becomes <c>https://example.com/PSIRT</c>.</example>
    /// <exception cref="ArgumentNullException"><paramref name="ns"/> is null.</exception>
    public static string NormaliseNamespace(string ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var text = ns.Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return text.TrimEnd('/');
        }

        var scheme = text[..schemeEnd].ToLowerInvariant();
        var afterScheme = text[(schemeEnd + 3)..];
        var authorityEnd = afterScheme.IndexOfAny(['/', '?', '#']);
        var authority = (authorityEnd < 0 ? afterScheme : afterScheme[..authorityEnd]).ToLowerInvariant();
        var rest = authorityEnd < 0 ? "" : afterScheme[authorityEnd..];

        if ((scheme == "https" && authority.EndsWith(":443", StringComparison.Ordinal))
            || (scheme == "http" && authority.EndsWith(":80", StringComparison.Ordinal)))
        {
            authority = authority[..authority.LastIndexOf(':')];
        }

        return $"{scheme}://{authority}{rest}".TrimEnd('/');
    }

    private static bool IsCsafShape(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("document", out var document)
        && document.ValueKind == JsonValueKind.Object
        && document.TryGetProperty("csaf_version", out _);

    private static ReadOnlyMemory<byte> WithoutBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsMemory(3) : bytes.AsMemory();

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> span)
    {
        var offset = 0;
        while (offset < span.Length && Rune.DecodeFromUtf8(span[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    private static string DescribeJsonError(JsonException ex)
    {
        // JsonException messages end with "LineNumber: n | BytePositionInLine: m." (0-based); say it once, 1-based.
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        return ex.LineNumber is { } line
            ? $"Not valid JSON at line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: {reason}"
            : $"Not valid JSON: {reason}";
    }

    private static string DescribeNonCsaf(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"Not a CSAF document: the top-level JSON value is {root.ValueKind.ToString().ToLowerInvariant()}, not an object.";
        }

        // Name the usual neighbours of CSAF files so an import log explains itself.
        var kind = root.TryGetProperty("feed", out _) ? " (looks like a ROLIE feed)"
            : root.TryGetProperty("aggregator", out _) ? " (looks like aggregator.json)"
            : root.TryGetProperty("canonical_url", out _) && root.TryGetProperty("role", out _) ? " (looks like provider-metadata.json)"
            : root.TryGetProperty("service", out _) ? " (looks like a ROLIE service document)"
            : "";
        return $"Not a CSAF document: no \"document\" object with \"csaf_version\"{kind}.";
    }
}
