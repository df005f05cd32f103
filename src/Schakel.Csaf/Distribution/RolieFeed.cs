using System.Globalization;
using System.Text.Json;

namespace Schakel.Csaf.Distribution;

/// <summary>Reads the entries of a ROLIE feed (CSAF 2.0 section 7.1.20; RFC 8322 JSON).</summary>
public static class RolieFeed
{
    /// <summary>
    /// The documents a feed lists. The document URL is the entry's <c>self</c> link (falling back to <c>content.src</c>),
    /// hashes are the <c>hash</c> links by extension, the signature the <c>signature</c> link; missing ones default to the
    /// directory convention. The timestamp is <c>updated</c> (else <c>published</c>), in UTC. Unusable entries are skipped
    /// with a warning. Returns null (with a warning) when the content is not a ROLIE feed.
    /// </summary>
    public static IReadOnlyList<CsafListedDocument>? Parse(Uri feedUrl, byte[] content, ICollection<string> warnings)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            warnings.Add($"{feedUrl}: not JSON ({e.Message}).");
            return null;
        }

        using (json)
        {
            if (!json.RootElement.TryGetProperty("feed", out var feed) || feed.ValueKind != JsonValueKind.Object)
            {
                warnings.Add($"{feedUrl}: not a ROLIE feed (no 'feed' object).");
                return null;
            }

            var result = new List<CsafListedDocument>();
            if (!feed.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array) return result;
            var n = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                n++;
                Uri? self = null, sha256 = null, sha512 = null, signature = null;
                if (entry.TryGetProperty("link", out var links) && links.ValueKind == JsonValueKind.Array)
                {
                    foreach (var link in links.EnumerateArray())
                    {
                        var href = Text(link, "href");
                        if (href is null || !Uri.TryCreate(feedUrl, href, out var u)) continue;
                        switch (Text(link, "rel"))
                        {
                            case "self": self = u; break;
                            case "signature": signature = u; break;
                            case "hash" when u.AbsolutePath.EndsWith(".sha256", StringComparison.OrdinalIgnoreCase): sha256 = u; break;
                            case "hash" when u.AbsolutePath.EndsWith(".sha512", StringComparison.OrdinalIgnoreCase): sha512 = u; break;
                        }
                    }
                }

                if (self is null && entry.TryGetProperty("content", out var c) && Text(c, "src") is { } src && Uri.TryCreate(feedUrl, src, out var s)) self = s;
                if (self is null)
                {
                    warnings.Add($"{feedUrl}: entry {n} has no document link; skipped.");
                    continue;
                }

                var changed = Time(entry, "updated") ?? Time(entry, "published");
                result.Add(new CsafListedDocument(self, changed, sha256 ?? new Uri(self + ".sha256"), sha512 ?? new Uri(self + ".sha512"), signature ?? new Uri(self + ".asc")));
            }

            return result;
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        DateTimeOffset.TryParse(Text(e, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null;
}
