using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Schakel.Stix.Taxii;

namespace Schakel.Stix.Tests.Taxii;

/// <summary>
/// A small TAXII 2.1 server on Kestrel (127.0.0.1, a free port) serving canned objects, for client tests: discovery at
/// <c>/taxii2/</c> (relative API root URLs), one API root <c>/trustgroup1/</c> with one collection, objects sorted by
/// <c>date_added</c> (section 3.3) with <c>added_after</c>, <c>limit</c> (and a server limit), <c>next</c> (an index),
/// <c>match[id|type|version]</c>, the date-added headers (section 3.2), POST with a status resource, Basic or Bearer
/// authentication, and faults to order: the next requests answered with a given status and a TAXII error message.
/// </summary>
public sealed class CannedTaxiiServer : IAsyncDisposable
{
    public const string CollectionId = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
    public const string ApiRootPath = "/trustgroup1/";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _statusPolls = new();

    private CannedTaxiiServer(WebApplication app) => _app = app;

    /// <summary>One stored object version: its <c>date_added</c> exactly as served and its JSON.</summary>
    public sealed record Entry(string DateAdded, string Json)
    {
        public StixObject Object { get; } = StixObject.Parse(Json);
    }

    public List<Entry> Entries { get; } = [];
    public string BaseUrl { get; private set; } = "";
    public Uri Discovery => new(BaseUrl + "/taxii2/");
    public Uri ApiRoot => new(BaseUrl + ApiRootPath);

    /// <summary>The collection's URL (ending with a slash).</summary>
    public string CollectionUrl() => $"{BaseUrl}{ApiRootPath}collections/{CollectionId}/";

    /// <summary>When set, requests must carry exactly this Authorization header value (e.g. <c>Bearer tok</c>).</summary>
    public string? RequiredAuthorization { get; set; }

    /// <summary>The server's own page size limit (section 3.4: it may return fewer than asked).</summary>
    public int ServerLimit { get; set; } = 100;

    /// <summary>Whether envelopes carry <c>next</c>; without it clients continue with <c>added_after</c> (section 3.5).</summary>
    public bool SendNext { get; set; } = true;

    /// <summary>Statuses to answer the next object requests with (e.g. 503), one per request.</summary>
    public ConcurrentQueue<int> Faults { get; } = new();

    /// <summary>When set, the objects request with this number (1 = the first) is answered 503 with a TAXII error message.</summary>
    public int? FailObjectsRequest { get; set; }

    private int _objectsRequests;

    /// <summary>Path and query of every request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Bodies of POSTed envelopes.</summary>
    public ConcurrentQueue<byte[]> Posted { get; } = new();

    /// <summary>Starts the server with <paramref name="entries"/>.</summary>
    public static async Task<CannedTaxiiServer> StartAsync(IEnumerable<Entry> entries)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new CannedTaxiiServer(app);
        server.Entries.AddRange(entries);
        server.Map(app);
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>The medallion reference server's default data: the objects of its "High Value Indicator Collection" with their manifest's date_added.</summary>
    /// <param name="data">The bytes of <c>stix/taxii/medallion-default_data.json</c> in the shared data folder.</param>
    public static List<Entry> Medallion(byte[] data)
    {
        var root = JsonNode.Parse(data)!;
        var collection = root["trustgroup1"]!["collections"]!.AsArray().Single(c => (string?)c!["id"] == CollectionId)!;
        var added = collection["manifest"]!.AsArray().ToDictionary(m => ((string)m!["id"]!, (string)m["version"]!), m => (string)m!["date_added"]!);
        return collection["objects"]!.AsArray().Select(o =>
        {
            var obj = StixObject.Parse(o!.ToJsonString());
            var version = obj.Version?.Text ?? "";
            return new Entry(added.GetValueOrDefault((obj.Id, version), "2017-01-01T00:00:00.000000Z"), obj.Json);
        }).OrderBy(e => StixTimestamp.Parse(e.DateAdded)).ToList();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            if (!(context.Request.Headers.Accept.ToString().Contains("application/taxii+json", StringComparison.Ordinal)))
            {
                await Error(context, 406, "Not acceptable", "Ask for application/taxii+json;version=2.1.");
                return;
            }

            if (RequiredAuthorization is { } auth && context.Request.Headers.Authorization.ToString() != auth)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"canned\"";
                await Error(context, 401, "Authentication required");
                return;
            }

            await next(context);
        });

        app.MapGet("/taxii2/", () => Taxii(new TaxiiDiscovery("Canned", null, null, ApiRootPath, [ApiRootPath, "/api2/"])));
        app.MapGet("/moved-away/", (HttpContext c) => Results.Redirect("http://localhost:1" + ApiRootPath));
        app.MapGet("/moved-here/", (HttpContext c) => Results.Redirect(ApiRootPath));
        app.MapGet(ApiRootPath, () => Taxii(new TaxiiApiRoot("Malware Research Group", null, [TaxiiMediaTypes.Taxii], 9765625)));
        app.MapGet(ApiRootPath + "collections/", () => Taxii(new TaxiiCollections([new TaxiiCollection(CollectionId, "High Value Indicator Collection", null, "hvi", true, true, [TaxiiMediaTypes.Stix])])));
        app.MapGet(ApiRootPath + "collections/{id}/objects/", Objects);
        app.MapPost(ApiRootPath + "collections/{id}/objects/", Post);
        app.MapGet(ApiRootPath + "status/{id}/", (string id) =>
        {
            var polls = _statusPolls.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Taxii(Status(id, polls >= 2 ? "complete" : "pending"));
        });
    }

    private async Task Objects(HttpContext context, string id)
    {
        if (Interlocked.Increment(ref _objectsRequests) == FailObjectsRequest) Faults.Enqueue(503);
        if (Faults.TryDequeue(out var fault))
        {
            await Error(context, fault, "Temporarily unavailable", "A fault the test ordered.");
            return;
        }

        if (id != CollectionId) { await Error(context, 404, "No such collection"); return; }
        var q = context.Request.Query;
        IEnumerable<Entry> rows = Entries.OrderBy(e => StixTimestamp.Parse(e.DateAdded));
        if (q["match[type]"] is { Count: > 0 } types) rows = rows.Where(e => types.ToString().Split(',').Contains(e.Object.Type));
        if (q["match[id]"] is { Count: > 0 } ids) rows = rows.Where(e => ids.ToString().Split(',').Contains(e.Object.Id));
        var version = q["match[version]"].ToString();
        var list = rows.ToList();
        if (version is "" or "last" or "first")
        {
            var pick = list.GroupBy(e => e.Object.Id).Select(g => version == "first" ? g.MinBy(Key) : g.MaxBy(Key)).ToHashSet();
            list = list.Where(pick.Contains).ToList();
        }

        if (q["added_after"] is { Count: > 0 } after)
        {
            if (!StixTimestamp.TryParse(after.ToString(), out var t)) { await Error(context, 400, "Bad added_after"); return; }
            list = list.Where(e => StixTimestamp.Parse(e.DateAdded) > t).ToList();
        }

        var start = q["next"] is { Count: > 0 } n ? int.Parse(n.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var limit = Math.Min(ServerLimit, q["limit"] is { Count: > 0 } l ? int.Parse(l.ToString(), System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue);
        var page = list.Skip(start).Take(limit).ToList();
        var more = start + page.Count < list.Count;
        if (page.Count > 0)
        {
            context.Response.Headers["X-TAXII-Date-Added-First"] = page[0].DateAdded;
            context.Response.Headers["X-TAXII-Date-Added-Last"] = page[^1].DateAdded;
        }

        var sb = new StringBuilder("{");
        sb.Append(more ? "\"more\":true" : "\"more\":false");
        if (more && SendNext) sb.Append(",\"next\":\"").Append(start + page.Count).Append('"');
        if (page.Count > 0) sb.Append(",\"objects\":[").Append(string.Join(',', page.Select(e => e.Json))).Append(']');
        sb.Append('}');
        context.Response.ContentType = TaxiiMediaTypes.Taxii;
        await context.Response.WriteAsync(sb.ToString());
    }

    private async Task Post(HttpContext context, string id)
    {
        if (!context.Request.ContentType?.StartsWith("application/taxii+json", StringComparison.Ordinal) ?? true)
        {
            await Error(context, 415, "Unsupported media type");
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Posted.Enqueue(body.ToArray());
        var statusId = Guid.NewGuid().ToString();
        context.Response.StatusCode = 202;
        context.Response.ContentType = TaxiiMediaTypes.Taxii;
        await context.Response.WriteAsync(JsonSerializer.Serialize(Status(statusId, "pending"), TaxiiMediaTypes.Json));
    }

    private static TaxiiStatus Status(string id, string status) =>
        status == "complete"
            ? new TaxiiStatus(id, status, null, 1, 1, [new TaxiiStatusDetails("indicator--1", "2020-01-01T00:00:00.000Z", null)], 0, null, 0, null)
            : new TaxiiStatus(id, status, null, 1, 0, null, 0, null, 1, [new TaxiiStatusDetails("indicator--1", "2020-01-01T00:00:00.000Z", null)]);

    private static string Key(Entry e) => e.Object.Version?.SortKey ?? "";

    private static IResult Taxii<T>(T resource) => Results.Text(JsonSerializer.Serialize(resource, TaxiiMediaTypes.Json), TaxiiMediaTypes.Taxii);

    private static async Task Error(HttpContext context, int status, string title, string? description = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = TaxiiMediaTypes.Taxii;
        await context.Response.WriteAsync(JsonSerializer.Serialize(new TaxiiError(title, description, HttpStatus: status.ToString(System.Globalization.CultureInfo.InvariantCulture)), TaxiiMediaTypes.Json));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
