using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Network;
using Schakel.Features.Tlp;
using TlpLabel = Schakel.Features.Sharing.Tlp;

namespace Schakel.Features.CsafProvider;

/// <summary>
/// <c>/.well-known/csaf/…</c>: the node as CSAF trusted provider (CSAF 2.0 section 7.1). One route per tree, dispatched
/// here, so that every file of the tree passes the same checks: CLEAR (<c>white</c>) is public; GREEN and AMBER answer 401
/// with <c>WWW-Authenticate</c> without a session or token, and list only what the caller may see (404 for a document it
/// may not see). The aggregator tree is <see cref="CsafAggregatorEndpoints"/>.
/// </summary>
public static partial class CsafProviderEndpoints
{
    public const string Root = "/.well-known/csaf";

    public static IServiceCollection AddCsafProvider(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CsafOptions>().Bind(configuration.GetSection(CsafOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CsafOptions>, CsafOptionsValidator>();
        services.AddSingleton<CsafSigning>();
        services.AddScoped<CsafDistribution>();
        services.AddScoped<CsafSite>();
        return services;
    }

    public static IEndpointRouteBuilder MapCsafProvider(this IEndpointRouteBuilder app)
    {
        app.MapGet(Root + "/{**path}", GetAsync).ExcludeFromDescription();
        app.MapGet(CsafAggregatorEndpoints.Root + "/{**path}", CsafAggregatorEndpoints.GetAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> GetAsync(string? path, ClaimsPrincipal user, HttpContext http, CsafSite site, CsafDistribution distribution,
        Audit.AuditLog audit, CancellationToken ct)
    {
        path ??= "";
        var baseUrl = site.BaseUrl(http.Request);
        if (path == "provider-metadata.json") return Json(await site.ProviderMetadataAsync(baseUrl, ct));
        if (path == $"openpgp/{site.Fingerprint}.asc") return Text(site.PublicKey, "application/pgp-keys");

        string folder;
        string rest;
        if (FeedName().Match(path) is { Success: true } feed)
        {
            folder = feed.Groups[1].Value;
            rest = "#feed";
        }
        else
        {
            var slash = path.IndexOf('/');
            if (slash < 0) return Results.NotFound();
            folder = path[..slash];
            rest = path[(slash + 1)..];
        }

        if (!CsafDistribution.Folders.TryGetValue(folder, out var tlp)) return Results.NotFound();
        var viewer = Viewer.From(user);
        if (tlp != TlpLabel.Clear)
        {
            if (!viewer.IsAuthenticated) return Unauthorised(http);
            http.Response.Headers.CacheControl = "private, no-store";
        }

        var entries = await distribution.ProviderEntriesAsync(viewer, tlp, ct);
        var folderUrl = $"{baseUrl}{Root}/{folder}";
        switch (rest)
        {
            case "#feed":
                return Text(CsafDirectoryFiles.RolieFeed($"{baseUrl}{Root}/feed-tlp-{folder}.json", $"{site.FeedIdPrefix}-tlp-{folder}",
                    $"{site.PublisherName} CSAF advisories, TLP:{folder.ToUpperInvariant()}", folderUrl, entries, Updated(entries)), "application/json");
            case "index.txt":
                return Text(CsafDirectoryFiles.IndexTxt(entries), "text/plain");
            case "changes.csv":
                return Text(CsafDirectoryFiles.ChangesCsv(entries), "text/csv");
        }

        var file = DocumentFile(rest, entries);
        if (file is null) return Results.NotFound();
        var served = await distribution.ProviderDocumentAsync(file.Value.Entry, ct);
        if (file.Value.Suffix == "") audit.RecordOpened(viewer, file.Value.Entry.ItemId, tlp, "csaf.download");
        return Serve(served, file.Value.Suffix);
    }

    /// <summary>The entry a document path names (<c>2024/x.json</c> with optional <c>.sha256</c>, <c>.sha512</c>, <c>.asc</c>), or null.</summary>
    internal static (CsafEntry Entry, string Suffix)? DocumentFile(string rest, IEnumerable<CsafEntry> entries)
    {
        foreach (var suffix in (string[])["", ".sha256", ".sha512", ".asc"])
        {
            if (suffix.Length > 0 && !rest.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var docPath = rest[..^suffix.Length];
            var entry = entries.FirstOrDefault(e => e.Path == docPath);
            if (entry is not null) return (entry, suffix);
        }

        return null;
    }

    internal static IResult Serve(CsafServedDocument served, string suffix) => suffix switch
    {
        ".sha256" => Text(CsafDirectoryFiles.HashFile(served.Sha256, served.Entry.Path), "text/plain"),
        ".sha512" => Text(CsafDirectoryFiles.HashFile(served.Sha512, served.Entry.Path), "text/plain"),
        ".asc" => Text(served.Signature, "application/pgp-signature"),
        _ => Results.File(served.Bytes, "application/json"),
    };

    internal static DateTimeOffset Updated(IReadOnlyList<CsafEntry> entries) =>
        entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.Changed);

    internal static IResult Json(JsonNode node) => Results.Bytes(CsafDirectoryFiles.Utf8(node), "application/json");

    internal static IResult Text(string text, string type) => Results.Bytes(Encoding.UTF8.GetBytes(text), type + "; charset=utf-8");

    /// <summary>401 with a challenge naming both ways in (a session works too, from the browser).</summary>
    private static IResult Unauthorised(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"Schakel CSAF\", Basic realm=\"Schakel CSAF\"";
        return Results.Text("Sign in, or send an API token: 'Authorization: Bearer TOKEN' or HTTP Basic with the token as password.\n",
            "text/plain", statusCode: StatusCodes.Status401Unauthorized);
    }

    [GeneratedRegex("^feed-tlp-(white|green|amber)\\.json$")]
    private static partial Regex FeedName();
}

/// <summary>The node's CSAF identity per request: base URL, publisher (options, else the coordinator organisation), key.</summary>
public sealed class CsafSite(IOptions<CsafOptions> options, CsafSigning signing, SchakelDbContext db, CsafDistribution distribution)
{
    private Organisation? _coordinator;
    private bool _loaded;

    public string Fingerprint => signing.Key.Fingerprint;
    public string PublicKey => signing.Key.PublicKeyArmoured();
    public string PublisherName => options.Value.Publisher.Name ?? _coordinator?.Name ?? "Schakel";
    public string FeedIdPrefix => "schakel-csaf";

    /// <summary><c>Csaf:PublicBaseUrl</c>, else the request's scheme and host; never with a trailing slash.</summary>
    public string BaseUrl(HttpRequest request) =>
        (string.IsNullOrEmpty(options.Value.PublicBaseUrl) ? $"{request.Scheme}://{request.Host}" : options.Value.PublicBaseUrl).TrimEnd('/');

    /// <summary>The node's publisher object (Csaf:Publisher, defaults from the coordinator organisation).</summary>
    public async Task<JsonObject> PublisherAsync(string baseUrl, CancellationToken ct)
    {
        if (!_loaded)
        {
            _coordinator = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.Coordinator).OrderBy(o => o.Id).FirstOrDefaultAsync(ct);
            _loaded = true;
        }

        var p = options.Value.Publisher;
        var contact = p.ContactDetails ?? string.Join(", ", new[] { _coordinator?.Email, _coordinator?.Phone }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var ns = p.Namespace ?? (Uri.TryCreate(_coordinator?.Website, UriKind.Absolute, out var site) ? site.GetLeftPart(UriPartial.Authority) : baseUrl);
        return CsafDirectoryFiles.Publisher(PublisherName, ns, p.Category, contact, p.IssuingAuthority);
    }

    /// <summary>The node's provider-metadata.json: role csaf_trusted_provider, one distribution per label with its ROLIE feed, the key.</summary>
    public async Task<JsonObject> ProviderMetadataAsync(string baseUrl, CancellationToken ct)
    {
        var root = baseUrl + CsafProviderEndpoints.Root;
        var clear = await distribution.ProviderEntriesAsync(Viewer.Anonymous, TlpLabel.Clear, ct);
        return CsafDirectoryFiles.ProviderMetadata($"{root}/provider-metadata.json", "csaf_trusted_provider", await PublisherAsync(baseUrl, ct),
            CsafDistribution.Folders.Keys.Select(f => (f.ToUpperInvariant(), $"{root}/{f}", $"{root}/feed-tlp-{f}.json")),
            [(Fingerprint, $"{root}/openpgp/{Fingerprint}.asc")],
            // Only public changes move last_updated: the metadata is public and must not reveal when restricted advisories change.
            clear.Count == 0 ? DateTimeOffset.UnixEpoch : CsafProviderEndpoints.Updated(clear));
    }
}
