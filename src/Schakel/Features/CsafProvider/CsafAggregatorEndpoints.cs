using System.Text.Json.Nodes;

namespace Schakel.Features.CsafProvider;

/// <summary>
/// <c>/.well-known/csaf-aggregator/…</c>: the node as CSAF aggregator (CSAF 2.0 section 7.2). <c>aggregator.json</c>
/// lists the node itself (as provider) and one mirror per imported publisher: <c>{slug}/provider-metadata.json</c>,
/// <c>{slug}/white/…</c> (the publisher's WHITE documents byte for byte, with the node's hashes and the original signature
/// when one came with the document, else the node's), <c>{slug}/feed-tlp-white.json</c>. Everything here is public.
/// </summary>
public static class CsafAggregatorEndpoints
{
    public const string Root = "/.well-known/csaf-aggregator";

    internal static async Task<IResult> GetAsync(string? path, HttpContext http, CsafSite site, CsafDistribution distribution, CancellationToken ct)
    {
        path ??= "";
        var baseUrl = site.BaseUrl(http.Request);
        var publishers = await distribution.MirrorPublishersAsync(ct);
        if (path == "aggregator.json") return CsafProviderEndpoints.Json(await AggregatorAsync(baseUrl, site, publishers, ct));

        var slash = path.IndexOf('/');
        if (slash < 0) return Results.NotFound();
        var publisher = publishers.FirstOrDefault(p => p.Slug == path[..slash]);
        if (publisher is null) return Results.NotFound();
        var rest = path[(slash + 1)..];
        var mirrorUrl = $"{baseUrl}{Root}/{publisher.Slug}";
        if (rest == "provider-metadata.json") return CsafProviderEndpoints.Json(MirrorMetadata(mirrorUrl, site, publisher));

        var entries = await distribution.MirrorEntriesAsync(publisher.Namespace, ct);
        switch (rest)
        {
            case "feed-tlp-white.json":
                return CsafProviderEndpoints.Text(CsafDirectoryFiles.RolieFeed($"{mirrorUrl}/feed-tlp-white.json", $"schakel-mirror-{publisher.Slug}-tlp-white",
                    $"{publisher.Name} CSAF advisories (mirror), TLP:WHITE", $"{mirrorUrl}/white", entries, CsafProviderEndpoints.Updated(entries)), "application/json");
            case "white/index.txt":
                return CsafProviderEndpoints.Text(CsafDirectoryFiles.IndexTxt(entries), "text/plain");
            case "white/changes.csv":
                return CsafProviderEndpoints.Text(CsafDirectoryFiles.ChangesCsv(entries), "text/csv");
        }

        if (!rest.StartsWith("white/", StringComparison.Ordinal)) return Results.NotFound();
        var file = CsafProviderEndpoints.DocumentFile(rest["white/".Length..], entries);
        if (file is null) return Results.NotFound();
        return CsafProviderEndpoints.Serve(await distribution.MirrorDocumentAsync(file.Value.Entry, ct), file.Value.Suffix);
    }

    private static async Task<JsonObject> AggregatorAsync(string baseUrl, CsafSite site, List<CsafMirrorPublisher> publishers, CancellationToken ct)
    {
        var self = await site.PublisherAsync(baseUrl, ct);
        var providers = new JsonArray
        {
            new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["last_updated"] = CsafDirectoryFiles.Timestamp((await site.ProviderMetadataAsync(baseUrl, ct))["last_updated"]!.GetValue<string>() is var s ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : default),
                    ["publisher"] = self.DeepClone(),
                    ["role"] = "csaf_trusted_provider",
                    ["url"] = $"{baseUrl}{CsafProviderEndpoints.Root}/provider-metadata.json",
                },
            },
        };
        foreach (var p in publishers)
        {
            var mirrorMetadata = $"{baseUrl}{Root}/{p.Slug}/provider-metadata.json";
            providers.Add(new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["last_updated"] = CsafDirectoryFiles.Timestamp(p.LastUpdated),
                    ["publisher"] = MirrorPublisher(p),
                    ["role"] = "csaf_provider",
                    // Where the publisher's own provider-metadata.json is is not recorded with an import; the mirror's stands in.
                    ["url"] = mirrorMetadata,
                },
                ["mirrors"] = new JsonArray(mirrorMetadata),
            });
        }

        return new JsonObject
        {
            ["aggregator"] = new JsonObject
            {
                ["category"] = "aggregator",
                ["contact_details"] = self["contact_details"]?.DeepClone(),
                ["name"] = self["name"]!.DeepClone(),
                ["namespace"] = self["namespace"]!.DeepClone(),
            }.WithoutNulls(),
            ["aggregator_version"] = "2.0",
            ["canonical_url"] = $"{baseUrl}{Root}/aggregator.json",
            ["csaf_providers"] = providers,
            ["last_updated"] = CsafDirectoryFiles.Timestamp(publishers.Count == 0 ? DateTimeOffset.UnixEpoch : publishers.Max(p => p.LastUpdated)),
        };
    }

    private static JsonObject MirrorMetadata(string mirrorUrl, CsafSite site, CsafMirrorPublisher p) => CsafDirectoryFiles.ProviderMetadata(
        $"{mirrorUrl}/provider-metadata.json", "csaf_provider", MirrorPublisher(p),
        [("WHITE", $"{mirrorUrl}/white", $"{mirrorUrl}/feed-tlp-white.json")],
        // The node's key signs the documents that came without a signature of their own.
        [(site.Fingerprint, $"{mirrorUrl[..mirrorUrl.IndexOf(Root, StringComparison.Ordinal)]}{CsafProviderEndpoints.Root}/openpgp/{site.Fingerprint}.asc")],
        p.LastUpdated);

    private static JsonObject MirrorPublisher(CsafMirrorPublisher p) => CsafDirectoryFiles.Publisher(p.Name, p.Namespace, p.Category, null, null);

    private static JsonObject WithoutNulls(this JsonObject o)
    {
        foreach (var key in o.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) o.Remove(key);
        return o;
    }
}
