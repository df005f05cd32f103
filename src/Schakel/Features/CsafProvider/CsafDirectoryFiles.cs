using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Schakel.Csaf;

namespace Schakel.Features.CsafProvider;

/// <summary>
/// The text files of a CSAF directory and its JSON metadata, written from entries (CSAF 2.0 sections 7.1.7, 7.1.12, 7.1.13, 7.1.15, 7.1.18,
/// 7.2). URLs are absolute; <c>base</c> arguments end without a slash.
/// </summary>
public static class CsafDirectoryFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary><c>index.txt</c> (7.1.12): one path per line, relative to the TLP folder.</summary>
    public static string IndexTxt(IEnumerable<CsafEntry> entries) => string.Concat(entries.Select(e => e.Path + "\n"));

    /// <summary><c>changes.csv</c> (7.1.13): <c>"path","timestamp"</c>, the current release date in UTC, newest first.</summary>
    public static string ChangesCsv(IEnumerable<CsafEntry> entries) => string.Concat(entries
        .OrderByDescending(e => e.Changed).ThenBy(e => e.Path, StringComparer.Ordinal)
        .Select(e => $"\"{e.Path}\",\"{Timestamp(e.Changed)}\"\n"));

    /// <summary>The <c>.sha256</c>/<c>.sha512</c> file (7.1.18): <c>HEX  filename</c> as sha256sum writes it.</summary>
    public static string HashFile(string hex, string path) => $"{hex}  {path[(path.LastIndexOf('/') + 1)..]}\n";

    /// <summary>UTC, ISO 8601 with <c>Z</c>, fractions of a second only where present.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A ROLIE feed (7.1.15, RFC 8322 in JSON as CSAF writes it): one entry per document, with links to the document,
    /// its hashes and signature. <paramref name="folderUrl"/> is the TLP folder (…/white).
    /// </summary>
    public static string RolieFeed(string feedUrl, string feedId, string title, string folderUrl, IReadOnlyList<CsafEntry> entries, DateTimeOffset updated)
    {
        var items = new JsonArray();
        foreach (var e in entries)
        {
            var url = $"{folderUrl}/{e.Path}";
            items.Add(new JsonObject
            {
                ["id"] = e.TrackingId,
                ["title"] = e.Title,
                ["link"] = new JsonArray(
                    Link("self", url), Link("hash", url + ".sha256"), Link("hash", url + ".sha512"), Link("signature", url + ".asc")),
                ["published"] = Timestamp(e.InitialReleaseDate),
                ["updated"] = Timestamp(e.Changed),
                ["content"] = new JsonObject { ["type"] = "application/json", ["src"] = url },
                ["format"] = new JsonObject { ["schema"] = CsafSchema.CsafSchemaId, ["version"] = "2.0" },
            });
        }

        var feed = new JsonObject
        {
            ["feed"] = new JsonObject
            {
                ["id"] = feedId,
                ["title"] = title,
                ["link"] = new JsonArray(Link("self", feedUrl)),
                ["category"] = new JsonArray(new JsonObject { ["scheme"] = "urn:ietf:params:rolie:category:information-type", ["term"] = "csaf" }),
                ["updated"] = Timestamp(updated),
                ["entry"] = items,
            },
        };
        return feed.ToJsonString(Indented);
    }

    /// <summary>provider-metadata.json (7.1.7) as a node, to serialise or to validate against the provider schema.</summary>
    public static JsonObject ProviderMetadata(string canonicalUrl, string role, JsonObject publisher, IEnumerable<(string Label, string DirectoryUrl, string FeedUrl)> distributions,
        IEnumerable<(string Fingerprint, string Url)> keys, DateTimeOffset lastUpdated) => new()
        {
            ["canonical_url"] = canonicalUrl,
            ["distributions"] = new JsonArray([.. distributions.Select(d => (JsonNode)new JsonObject
        {
            ["directory_url"] = d.DirectoryUrl + "/",
            ["rolie"] = new JsonObject
            {
                ["feeds"] = new JsonArray(new JsonObject
                {
                    ["summary"] = $"TLP:{d.Label} advisories",
                    ["tlp_label"] = d.Label,
                    ["url"] = d.FeedUrl,
                }),
            },
        })]),
            ["last_updated"] = Timestamp(lastUpdated),
            ["list_on_CSAF_aggregators"] = true,
            ["metadata_version"] = "2.0",
            ["mirror_on_CSAF_aggregators"] = true,
            ["public_openpgp_keys"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject { ["fingerprint"] = k.Fingerprint, ["url"] = k.Url })]),
            ["publisher"] = publisher,
            ["role"] = role,
        };

    /// <summary>A CSAF <c>publisher</c> object; empty optional fields are left out.</summary>
    public static JsonObject Publisher(string name, string ns, string category, string? contact, string? authority)
    {
        var p = new JsonObject { ["category"] = category, ["name"] = name, ["namespace"] = ns };
        if (!string.IsNullOrWhiteSpace(contact)) p["contact_details"] = contact;
        if (!string.IsNullOrWhiteSpace(authority)) p["issuing_authority"] = authority;
        return p;
    }

    /// <summary>Serialises metadata indented, UTF-8.</summary>
    public static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString(Indented));

    private static JsonObject Link(string rel, string href) => new() { ["rel"] = rel, ["href"] = href };
}
