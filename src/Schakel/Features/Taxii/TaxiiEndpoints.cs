using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.ThreatIntel;
using Schakel.Stix.Taxii;

namespace Schakel.Features.Taxii;

/// <summary>
/// The TAXII 2.1 server (docs/taxii.md): discovery at <c>/taxii2/</c> (TAXII 2.1 section 4.1) and one API root at
/// <c>/taxii2/api/</c> (section 4.2) with its status (4.3), collections (5.1, 5.2), manifest (5.3), objects (5.4, 5.5),
/// one object (5.6, 5.7) and its versions (5.8). Reading handlers are here; writing ones in <see cref="TaxiiWriteEndpoints"/>.
/// </summary>
public static class TaxiiEndpoints
{
    public const string Discovery = "/taxii2";
    public const string ApiRoot = "/taxii2/api";

    private static readonly HashSet<string> ObjectsMatch = ["id", "type", "version", "spec_version"];
    private static readonly HashSet<string> ObjectMatch = ["version", "spec_version"];
    private static readonly HashSet<string> VersionsMatch = ["spec_version"];

    public static IServiceCollection AddTaxii(this IServiceCollection services)
    {
        services.AddOptions<TaxiiOptions>().BindConfiguration("Taxii").ValidateDataAnnotations().ValidateOnStart();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddScoped<TaxiiCollectionCatalog>();
        services.AddScoped<TaxiiStore>();
        services.AddScoped<TaxiiEnvelopeWriter>();
        return services;
    }

    public static IEndpointRouteBuilder MapTaxii(this IEndpointRouteBuilder app)
    {
        var taxii = app.MapGroup(Discovery).AddEndpointFilter(TaxiiHttp.FilterAsync).ExcludeFromDescription();
        taxii.MapGet("/", GetDiscoveryAsync);
        taxii.MapGet("/api/", GetApiRootAsync);
        taxii.MapGet("/api/collections/", GetCollectionsAsync);
        taxii.MapGet("/api/collections/{id}/", GetCollectionAsync);
        taxii.MapGet("/api/collections/{id}/manifest/", GetManifestAsync);
        taxii.MapGet("/api/collections/{id}/objects/", GetObjectsAsync);
        taxii.MapGet("/api/collections/{id}/objects/{objectId}/", GetObjectAsync);
        taxii.MapGet("/api/collections/{id}/objects/{objectId}/versions/", GetVersionsAsync);
        TaxiiWriteEndpoints.Map(taxii);
        // Anything else under /taxii2/ is a TAXII 404, not the web UI's error page.
        taxii.MapGet("/{**rest}", () => TaxiiHttp.Error(StatusCodes.Status404NotFound, "Not found", "No TAXII resource at this address; start at /taxii2/."));
        return app;
    }

    private static async Task<IResult> GetDiscoveryAsync(HttpContext http, SchakelDbContext db, IConfiguration configuration, IOptions<TaxiiOptions> options,
        IStringLocalizerFactory localizers, CancellationToken ct)
    {
        var text = Text(localizers);
        var node = await NodeNameAsync(db, configuration, ct);
        var root = $"{BaseUrl(http)}{ApiRoot}/";
        return TaxiiHttp.Resource(new TaxiiDiscovery(string.Format(text["Discovery"], node), string.Format(text["DiscoveryDescription"], node),
            string.IsNullOrWhiteSpace(options.Value.Contact) ? null : options.Value.Contact, root, [root]));
    }

    private static async Task<IResult> GetApiRootAsync(SchakelDbContext db, IConfiguration configuration, IOptions<ThreatIntelOptions> threatIntel,
        IStringLocalizerFactory localizers, CancellationToken ct)
    {
        var text = Text(localizers);
        var node = await NodeNameAsync(db, configuration, ct);
        return TaxiiHttp.Resource(new TaxiiApiRoot(string.Format(text["ApiRoot"], node), string.Format(text["ApiRootDescription"], node),
            [TaxiiMediaTypes.Taxii], threatIntel.Value.MaxBundleBytes));
    }

    private static async Task<IResult> GetCollectionsAsync(HttpContext http, TaxiiCollectionCatalog collections, CancellationToken ct)
    {
        var list = await collections.ListAsync(TaxiiHttp.ViewerOf(http), ct);
        return TaxiiHttp.Resource(new Schakel.Stix.Taxii.TaxiiCollections(list.Select(Resource).ToList()));
    }

    private static async Task<IResult> GetCollectionAsync(string id, HttpContext http, TaxiiCollectionCatalog collections, CancellationToken ct)
    {
        var (collection, error) = await ResolveAsync(http, collections, id, ct);
        return collection is null ? error! : TaxiiHttp.Resource(Resource(collection));
    }

    private static async Task<IResult> GetObjectsAsync(string id, HttpContext http, TaxiiCollectionCatalog collections, TaxiiStore store, TaxiiEnvelopeWriter writer,
        IOptions<TaxiiOptions> options, CancellationToken ct)
    {
        var (collection, error) = await ResolveAsync(http, collections, id, ct);
        if (collection is null) return error!;
        var filter = TaxiiFilter.Parse(http.Request.Query, $"objects|{collection.Id}", ObjectsMatch, "last", options.Value.DefaultPageSize, options.Value.MaxPageSize, out var problem);
        if (filter is null) return BadFilter(problem);
        return await EnvelopeAsync(http, collections, store, writer, collection, filter, ct);
    }

    private static async Task<IResult> GetObjectAsync(string id, string objectId, HttpContext http, TaxiiCollectionCatalog collections, TaxiiStore store,
        TaxiiEnvelopeWriter writer, IOptions<TaxiiOptions> options, CancellationToken ct)
    {
        var (collection, error) = await ResolveAsync(http, collections, id, ct);
        if (collection is null) return error!;
        var filter = TaxiiFilter.Parse(http.Request.Query, $"object|{collection.Id}|{objectId}", ObjectMatch, "last", options.Value.DefaultPageSize, options.Value.MaxPageSize, out var problem);
        if (filter is null) return BadFilter(problem);
        if (!await store.ExistsAsync(collections.ItemIds(TaxiiHttp.ViewerOf(http), collection), objectId, ct)) return ObjectNotFound(objectId);
        return await EnvelopeAsync(http, collections, store, writer, collection, filter with { Ids = [objectId] }, ct);
    }

    private static async Task<IResult> GetManifestAsync(string id, HttpContext http, TaxiiCollectionCatalog collections, TaxiiStore store,
        IOptions<TaxiiOptions> options, CancellationToken ct)
    {
        var (collection, error) = await ResolveAsync(http, collections, id, ct);
        if (collection is null) return error!;
        var filter = TaxiiFilter.Parse(http.Request.Query, $"manifest|{collection.Id}", ObjectsMatch, "last", options.Value.DefaultPageSize, options.Value.MaxPageSize, out var problem);
        if (filter is null) return BadFilter(problem);
        var (rows, more) = await store.PageAsync(collections.ItemIds(TaxiiHttp.ViewerOf(http), collection), filter, withContent: false, ct);
        DateAddedHeaders(http, rows);
        var records = rows.Select(r => new TaxiiManifestRecord(r.StixId, r.DateAdded, r.Version, TaxiiMediaTypes.Stix)).ToList();
        return TaxiiHttp.Resource(new TaxiiManifest(rows.Count == 0 ? null : more, records.Count == 0 ? null : records));
    }

    private static async Task<IResult> GetVersionsAsync(string id, string objectId, HttpContext http, TaxiiCollectionCatalog collections, TaxiiStore store,
        IOptions<TaxiiOptions> options, CancellationToken ct)
    {
        var (collection, error) = await ResolveAsync(http, collections, id, ct);
        if (collection is null) return error!;
        var filter = TaxiiFilter.Parse(http.Request.Query, $"versions|{collection.Id}|{objectId}", VersionsMatch, "all", options.Value.DefaultPageSize, options.Value.MaxPageSize, out var problem);
        if (filter is null) return BadFilter(problem);
        var itemIds = collections.ItemIds(TaxiiHttp.ViewerOf(http), collection);
        if (!await store.ExistsAsync(itemIds, objectId, ct)) return ObjectNotFound(objectId);
        var (rows, more) = await store.PageAsync(itemIds, filter with { Ids = [objectId] }, withContent: false, ct);
        DateAddedHeaders(http, rows);
        return TaxiiHttp.Resource(new TaxiiVersions(rows.Count == 0 ? null : more, rows.Count == 0 ? null : rows.Select(r => r.Version).ToList()));
    }

    /// <summary>The caller's collection, or the answer: 401 for an anonymous caller asking for anything but <c>public</c>, else 404 (never 403: no existence leaks).</summary>
    internal static async Task<(TaxiiCollectionInfo? Collection, IResult? Error)> ResolveAsync(HttpContext http, TaxiiCollectionCatalog collections, string id, CancellationToken ct)
    {
        var viewer = TaxiiHttp.ViewerOf(http);
        if (!viewer.IsAuthenticated && !TaxiiCollectionCatalog.IsPublicId(id)) return (null, TaxiiHttp.Unauthorized(http));
        var collection = await collections.FindAsync(viewer, id, ct);
        return collection is null
            ? (null, TaxiiHttp.Error(StatusCodes.Status404NotFound, "Collection not found", $"There is no collection '{id}' for this caller."))
            : (collection, null);
    }

    internal static IResult BadFilter(string? problem) => TaxiiHttp.Error(StatusCodes.Status400BadRequest, "Bad filter", problem);

    internal static IResult ObjectNotFound(string objectId) =>
        TaxiiHttp.Error(StatusCodes.Status404NotFound, "Object not found", $"The collection holds no object '{objectId}' for this caller.");

    private static async Task<IResult> EnvelopeAsync(HttpContext http, TaxiiCollectionCatalog collections, TaxiiStore store, TaxiiEnvelopeWriter writer,
        TaxiiCollectionInfo collection, TaxiiFilter filter, CancellationToken ct)
    {
        var viewer = TaxiiHttp.ViewerOf(http);
        var itemIds = collections.ItemIds(viewer, collection);
        var (rows, more) = await store.PageAsync(itemIds, filter, withContent: true, ct);
        var extensions = await writer.ExtensionsAsync(rows, itemIds, viewer, ct);
        DateAddedHeaders(http, rows);
        var next = Next(filter, rows, more);
        return Results.Stream(body => TaxiiEnvelopeWriter.WriteAsync(body, rows, more, next, extensions, ct), TaxiiMediaTypes.Taxii);
    }

    private static string? Next(TaxiiFilter filter, List<TaxiiRow> rows, bool more) => more && rows.Count > 0 ? filter.NextToken(rows[^1].Sequence) : null;

    private static void DateAddedHeaders(HttpContext http, List<TaxiiRow> rows)
    {
        if (rows.Count == 0) return;
        http.Response.Headers["X-TAXII-Date-Added-First"] = rows[0].DateAdded;
        http.Response.Headers["X-TAXII-Date-Added-Last"] = rows[^1].DateAdded;
    }

    private static TaxiiCollection Resource(TaxiiCollectionInfo c) =>
        new(c.Id, c.Title, c.Description, c.Key, CanRead: true, c.CanWrite, [TaxiiMediaTypes.Stix]);

    private static IStringLocalizer Text(IStringLocalizerFactory localizers) =>
        localizers.Create("Features.Taxii.TaxiiNames", typeof(TaxiiEndpoints).Assembly.GetName().Name!);

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private static async Task<string> NodeNameAsync(SchakelDbContext db, IConfiguration configuration, CancellationToken ct)
    {
        var key = configuration["Node:OrganisationKey"] is { Length: > 0 } k ? k.ToLowerInvariant() : "ncsc";
        return await db.Organisations.AsNoTracking().Where(o => o.Key == key).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "Schakel";
    }
}
