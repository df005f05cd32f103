using System.Text.Json;

namespace Schakel.Csaf.Distribution;

/// <summary>One distribution of a provider (CSAF 2.0 section 7.1.7): a directory, or ROLIE feeds, or both.</summary>
/// <param name="DirectoryUrl">Absolute URL of the directory (ends with '/'), or null.</param>
/// <param name="RolieFeeds">ROLIE feeds with their TLP label as written (e.g. <c>WHITE</c>), possibly empty.</param>
public sealed record CsafDistribution(Uri? DirectoryUrl, IReadOnlyList<CsafRolieFeedRef> RolieFeeds);

/// <summary>A ROLIE feed listed in provider metadata: absolute URL and its TLP label as written.</summary>
public sealed record CsafRolieFeedRef(Uri Url, string? TlpLabel);

/// <summary>An OpenPGP public key listed in provider metadata: URL and the fingerprint (upper-case hex, no spaces) or null.</summary>
public sealed record CsafPublicKeyRef(Uri Url, string? Fingerprint);

/// <summary>
/// What the downloader needs from a <c>provider-metadata.json</c> (CSAF 2.0 section 7.1.7). Relative URLs are
/// resolved against the URL the metadata came from.
/// </summary>
public sealed record ProviderMetadata(
    Uri Url,
    string? CanonicalUrl,
    string? Role,
    string? PublisherName,
    string? PublisherNamespace,
    DateTimeOffset? LastUpdated,
    IReadOnlyList<CsafDistribution> Distributions,
    IReadOnlyList<CsafPublicKeyRef> PublicKeys)
{
    /// <summary>Reads the fields from parsed metadata. Entries with a missing or malformed URL are skipped and named in <paramref name="warnings"/>.</summary>
    public static ProviderMetadata Parse(Uri url, JsonElement root, ICollection<string> warnings)
    {
        var distributions = new List<CsafDistribution>();
        if (root.TryGetProperty("distributions", out var ds) && ds.ValueKind == JsonValueKind.Array)
        {
            foreach (var d in ds.EnumerateArray())
            {
                if (d.ValueKind != JsonValueKind.Object) continue;
                var dir = Resolve(url, Text(d, "directory_url"), warnings, "directory_url");
                if (dir is not null && !dir.AbsolutePath.EndsWith('/')) dir = new Uri(dir + "/");
                var feeds = new List<CsafRolieFeedRef>();
                if (d.TryGetProperty("rolie", out var rolie) && rolie.ValueKind == JsonValueKind.Object
                    && rolie.TryGetProperty("feeds", out var fs) && fs.ValueKind == JsonValueKind.Array)
                {
                    foreach (var f in fs.EnumerateArray())
                    {
                        if (f.ValueKind != JsonValueKind.Object) continue;
                        if (Resolve(url, Text(f, "url"), warnings, "rolie feed url") is { } feedUrl) feeds.Add(new CsafRolieFeedRef(feedUrl, Text(f, "tlp_label")));
                    }
                }

                if (dir is not null || feeds.Count > 0) distributions.Add(new CsafDistribution(dir, feeds));
            }
        }

        var keys = new List<CsafPublicKeyRef>();
        if (root.TryGetProperty("public_openpgp_keys", out var ks) && ks.ValueKind == JsonValueKind.Array)
        {
            foreach (var k in ks.EnumerateArray())
            {
                if (k.ValueKind != JsonValueKind.Object) continue;
                var fingerprint = Text(k, "fingerprint")?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
                if (Resolve(url, Text(k, "url"), warnings, "public_openpgp_keys url") is { } keyUrl) keys.Add(new CsafPublicKeyRef(keyUrl, fingerprint));
            }
        }

        string? publisherName = null, publisherNamespace = null;
        if (root.TryGetProperty("publisher", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            publisherName = Text(p, "name");
            publisherNamespace = Text(p, "namespace");
        }

        DateTimeOffset? lastUpdated = DateTimeOffset.TryParse(Text(root, "last_updated"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var lu) ? lu.ToUniversalTime() : null;
        return new ProviderMetadata(url, Text(root, "canonical_url"), Text(root, "role"), publisherName, publisherNamespace, lastUpdated, distributions, keys);
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Uri? Resolve(Uri baseUrl, string? text, ICollection<string> warnings, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Uri.TryCreate(baseUrl, text.Trim(), out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)) return u;
        warnings.Add($"provider-metadata.json: {what} '{text}' is not a usable URL; skipped.");
        return null;
    }
}
