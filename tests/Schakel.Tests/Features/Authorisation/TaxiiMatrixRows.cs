using System.Net.Http.Headers;
using System.Text;
using Schakel.Features.Accounts;
using Schakel.Stix.Extensions;
using static Schakel.Tests.Features.Authorisation.Cells;

namespace Schakel.Tests.Features.Authorisation;

/// <summary>
/// The TAXII 2.1 server's rows of the matrix (docs/taxii.md). TAXII reads API tokens only (Bearer or Basic): a cookie
/// session counts as anonymous. Anonymous callers read the public collection and get 401 for every other one; a signed-in
/// caller gets 404 for a collection it does not have (never 403), 403 when it may see but not write. A subject that names
/// a collection and an object joins them with <see cref="Separator"/> (the runner fills the route's placeholders in turn).
/// </summary>
public static class TaxiiMatrixRows
{
    /// <summary>Separates the values of a route with two placeholders.</summary>
    public const char Separator = '\u001f';

    private const string Api = "/taxii2/api";
    private const string Unknown = "indicator--0b5e0b5e-0000-4000-8000-000000000000";

    /// <summary>Analysts of the coordinator and the linking organisations among the callers publish (and so write to collections).</summary>
    private static readonly HashSet<string> PublishingOrgs = ["ncsc", "z-cert", "ibd"];

    private static readonly Subject[] Collections =
    [
        new("public collection", _ => "public"),
        new("network collection", _ => "network"),
        new("own organisation's collection", c => "org:" + c.Org),
        new("another organisation's collection", _ => "org:water-isac"),
    ];

    private static readonly Subject[] WriteCollections = [new("public collection", _ => "public"), new("network collection", _ => "network"), new("inbox", _ => "inbox")];

    private static readonly Subject[] Objects =
    [
        new("extension definition in public", _ => "public" + Separator + SchakelExtension.Id),
        new("unknown object in public", _ => "public" + Separator + Unknown),
        new("unknown object in network", _ => "network" + Separator + Unknown),
    ];

    public static IEnumerable<Row> Rows() =>
    [
        new("GET /taxii2", Anyone, S(200), S(200), S(200)),
        new("GET /taxii2/{**rest}", [new("no such resource", _ => "nothing-here")], S(404), S(404), S(404)),
        new("GET /taxii2/api", Anyone, S(200), S(200), S(200)),
        new("GET /taxii2/api/collections", Anyone, S(200), S(200), S(200)),
        new("GET /taxii2/api/collections/{id}", Collections, Read(anonymous: true), Read(anonymous: true), Read(anonymous: false)),
        new("GET /taxii2/api/collections/{id}/manifest", Collections, Read(anonymous: true), Read(anonymous: true), Read(anonymous: false)),
        new("GET /taxii2/api/collections/{id}/objects", Collections, Read(anonymous: true), Read(anonymous: true), Read(anonymous: false)),
        new("POST /taxii2/api/collections/{id}/objects", WriteCollections, S(401), S(401), Write) { Body = Envelope },
        new("GET /taxii2/api/collections/{id}/objects/{objectId}", Objects, ReadObject(anonymous: true), ReadObject(anonymous: true), ReadObject(anonymous: false)),
        new("DELETE /taxii2/api/collections/{id}/objects/{objectId}", Objects, S(401), S(401), Delete),
        new("GET /taxii2/api/collections/{id}/objects/{objectId}/versions", Objects, ReadObject(anonymous: true), ReadObject(anonymous: true), ReadObject(anonymous: false)),
        new("GET /taxii2/api/status/{statusId}", [new("unknown status", _ => "0b5e0b5e-0000-4000-8000-000000000000")], S(401), S(401), S(404)),
    ];

    private static readonly Subject[] Anyone = [new("-", _ => "")];

    /// <summary>Reading a collection: public for everyone; anonymous 401 for the others; signed in 200 for its own collections, 404 for others'.</summary>
    private static Cell Read(bool anonymous) => c => c.Subject.Name switch
    {
        "public collection" => 200,
        _ when anonymous || c.Person is null => 401,
        "another organisation's collection" => c.Caller.Org == "water-isac" ? 200 : 404,
        _ => 200,
    };

    /// <summary>Reading an object: Schakel's extension definition is in every collection; an unknown object 404 (401 first outside public for anonymous callers).</summary>
    private static Cell ReadObject(bool anonymous) => c =>
        c.Subject.Name.EndsWith("in network", StringComparison.Ordinal) && (anonymous || c.Person is null) ? 401
        : c.Subject.Name.StartsWith("extension definition", StringComparison.Ordinal) ? 200 : 404;

    /// <summary>Adding objects: analysts of publishing organisations to public and network (202); the inbox is never writable; others 403.</summary>
    private static readonly Cell Write = c =>
        c.Subject.Name != "inbox" && c.Caller.Is(Roles.Analyst) && PublishingOrgs.Contains(c.Caller.Org) ? 202 : 403;

    /// <summary>Deleting: an unknown object 404; the extension definition is nobody's to delete (403).</summary>
    private static readonly Cell Delete = c => c.Subject.Name.StartsWith("extension definition", StringComparison.Ordinal) ? 403 : 404;

    private static Task<HttpContent?> Envelope(Call call)
    {
        const string envelope = """
            {"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--6b8a1e7c-93a4-4a8e-9d2a-3c4f5e6a7b8c","created":"2026-01-01T00:00:00.000Z",
             "modified":"2026-01-01T00:00:00.000Z","name":"Matrix TAXII","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"}]}
            """;
        var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/taxii+json;version=2.1");
        return Task.FromResult<HttpContent?>(content);
    }
}
