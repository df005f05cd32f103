using System.ComponentModel;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Api;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// One object's outcome in an import: its STIX id, version (<c>modified</c>, else <c>created</c>, as received; null when
/// unversioned), <c>outcome</c> (<c>added</c>, <c>new-version</c>, <c>earlier-version</c>, <c>unchanged</c>, <c>conflict</c>,
/// <c>invalid</c>) and, for conflicts and invalid objects, the reason.
/// </summary>
public sealed record StixObjectOutcomeResponse(string Id, string? Version, string Outcome, string? Message);

/// <summary>Result of <c>POST /api/v1/threat-intel</c>: <see cref="Outcome"/> is <c>imported</c> or <c>unchanged</c> (the same content again).</summary>
public sealed record ThreatIntelImportResponse(string Outcome, Guid ItemId, string Tlp, string Status, ThreatIntelImportCounts Counts,
    IReadOnlyList<StixObjectOutcomeResponse> Objects, IReadOnlyList<string> Warnings);

/// <summary>
/// <c>POST /api/v1/threat-intel</c> (import STIX 2.1 content as one item), <c>GET /api/v1/items/{id}/stix</c> (the item's
/// objects as a bundle) and <c>GET /api/v1/items/{id}/stix/original</c> (the content as received). Reads go through
/// <see cref="ItemAccess"/>: an item the caller may not see answers 404 like an unknown one.
/// </summary>
public static class ThreatIntelEndpoints
{
    /// <summary>The STIX 2.1 media type (STIX 2.1 section 1.6 / TAXII 2.1 section 1.6.8).</summary>
    public const string StixMediaType = "application/stix+json;version=2.1";

    private static readonly string[] AcceptedTypes = ["application/json", "application/stix+json", "application/taxii+json"];

    public static RouteGroupBuilder MapThreatIntelEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/threat-intel", ImportAsync).WithName("importThreatIntel").WithTags("Threat intelligence")
            .WithSummary("Import STIX 2.1 content as one item and publish it")
            .WithDescription("The body is a STIX 2.1 bundle, a TAXII 2.1 envelope or one STIX object (application/json or application/stix+json; "
                + "at most ThreatIntel:MaxBundleBytes, 256 MiB by default, refused with 413 before it is parsed). One import is one item; its objects "
                + "are stored one by one with their versions. The label is the strictest TLP marking (unknown markings: AMBER+STRICT), or a "
                + "stricter tlp. 201 with the item id, label and per-object outcomes (added, new-version, earlier-version, unchanged, conflict, "
                + "invalid); 200 when the same content was imported before; 422 with errors and per-object reasons when nothing was stored. "
                + "Only analysts of the coordinator or of a linking organisation may publish (403 otherwise).")
            .Accepts<System.Text.Json.JsonElement>("application/json", "application/stix+json")
            .Produces<ThreatIntelImportResponse>(StatusCodes.Status201Created)
            .Produces<ThreatIntelImportResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .OnlyQuery("tlp", "audience");

        var items = group.MapGroup("/items").WithTags("Items");
        items.MapGet("/{id:guid}/stix", GetBundleAsync).WithName("getItemStix")
            .WithSummary("The threat-intelligence item's objects as a STIX 2.1 bundle")
            .WithDescription("The current version of each object the item holds, the newest the caller may see (versions=all: every version the "
                + "caller may see). Published CLEAR items need no authentication; 404 when the caller may not see the item or it holds no STIX; "
                + "410 when it was retracted.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: StixMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
            .OnlyQuery("versions");
        items.MapGet("/{id:guid}/stix/original", GetOriginalAsync).WithName("getItemStixOriginal")
            .WithSummary("The threat-intelligence item's content as received")
            .WithDescription("The bundle, envelope, object or MISP event byte for byte as imported; ETag and Repr-Digest carry its SHA-256. "
                + "404 when the caller may not see the item or no original was kept; 410 when it was retracted.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
            .OnlyQuery();
        return group;
    }

    /// <summary>Import STIX 2.1 content as one threat-intelligence item and publish it to an audience.</summary>
    public static async Task<Results<Created<ThreatIntelImportResponse>, Ok<ThreatIntelImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, ThreatIntelImporter importer, IOptions<ThreatIntelOptions> options, SchakelDbContext db,
        [Description("Label: the markings' own or a stricter one (CLEAR, GREEN, AMBER, AMBER+STRICT, RED). Without markings and without tlp: AMBER.")] string? tlp,
        [FromQuery, Description("Audience, repeatable: network, sector:KEY, org:KEY, constituency:KEY; for RED only person:EMAIL. None: stored as a draft.")] string[]? audience,
        CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        if (!viewer.IsAnalyst || !PublishingService.MayPublish(viewer.OrganisationType))
            return ApiProblems.Forbidden("Only analysts of the coordinator or of a linking organisation import and publish threat intelligence.");
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !AcceptedTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase))
            return TypedResults.Problem("The body must be application/json or application/stix+json: a STIX 2.1 bundle, a TAXII envelope or one STIX object.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type");

        Sharing.Tlp? requested = null;
        if (!string.IsNullOrEmpty(tlp))
        {
            if (!TlpLabels.TryParse(tlp, out var t)) return ApiProblems.BadParameter("tlp", "use CLEAR, GREEN, AMBER, AMBER+STRICT or RED (RED with person:EMAIL audiences only).");
            requested = t;
        }

        var specs = new List<AudienceSpec>();
        foreach (var a in audience ?? [])
        {
            if (!AudienceSpec.TryParse(a, out var spec, out var error)) return ApiProblems.BadParameter("audience", error);
            specs.Add(spec);
        }

        var max = options.Value.MaxBundleBytes;
        var content = await AdvisoryEndpoints.ReadLimitedAsync(request, max, ct);
        if (content is null)
            return TypedResults.Problem($"The content is larger than the limit of {max} bytes; it was not read.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Content Too Large");

        var result = await importer.ImportAsync(content, new ThreatIntelImportRequest(viewer.OrganisationId!.Value, viewer.PersonId, requested, specs), ct);
        var objects = result.Objects.Select(o => new StixObjectOutcomeResponse(o.Id, o.Version, OutcomeName(o.Outcome), o.Message)).ToList();
        if (result.Outcome == ImportOutcome.Rejected)
        {
            var errors = result.Errors.Select(e => new ImportError(e.Path, e.Message, e.Rule)).ToList();
            return TypedResults.Problem("The content was rejected; nothing was stored. " + string.Join(" ", result.Errors.Select(e => e.Message)),
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unprocessable Content",
                extensions: new Dictionary<string, object?> { ["errors"] = errors, ["objects"] = objects, ["warnings"] = result.Warnings });
        }

        var item = await db.Items.AsNoTracking().Where(i => i.Id == result.ItemId).Select(i => new { i.Tlp, i.Status }).FirstAsync(ct);
        var body = new ThreatIntelImportResponse(result.Outcome.ToString().ToLowerInvariant(), result.ItemId!.Value, item.Tlp.ToLabel(), item.Status.ToString(),
            ThreatIntelImportCounts.Of(result), objects, result.Warnings);
        return result.Outcome == ImportOutcome.Imported ? TypedResults.Created($"{ApiExtensions.Prefix}/items/{body.ItemId}", body) : TypedResults.Ok(body);
    }

    /// <summary>The item's objects as a STIX 2.1 bundle (current versions, or every version with versions=all).</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetBundleAsync(Guid id, ClaimsPrincipal user, ItemAccess access,
        ItemStixObjects objects, DeliveryService deliveries, Audit.AuditLog audit,
        [Description("all: every version the caller may see; absent: the current version of each object.")] string? versions, CancellationToken ct)
    {
        if (versions is not (null or "all")) return ApiProblems.BadParameter("versions", "use 'all', or leave it out for the current versions.");
        var viewer = Viewer.From(user);
        if (await FindAsync(access, viewer, id, ct) is { } problem) return problem;
        var contents = await objects.ContentsAsync(viewer, id, versions == "all", ct);
        await deliveries.MarkReadOnOpenAsync(viewer, id, ct);
        var tlp = await access.VisibleItems(viewer).Where(i => i.Id == id).Select(i => i.Tlp).FirstAsync(ct);
        audit.RecordOpened(viewer, id, tlp, "item.download");
        // The stored contents are compact JSON objects, so joining them is a valid objects array (STIX 2.1 section 8).
        var bundle = Encoding.UTF8.GetBytes($"{{\"type\":\"bundle\",\"id\":\"bundle--{Guid.NewGuid()}\",\"objects\":[{string.Join(',', contents)}]}}");
        return TypedResults.File(bundle, StixMediaType, $"{id}.stix.json");
    }

    /// <summary>The item's content byte for byte as received.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetOriginalAsync(Guid id, ClaimsPrincipal user, HttpContext http, ItemAccess access,
        SchakelDbContext db, DeliveryService deliveries, Audit.AuditLog audit, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (await FindAsync(access, viewer, id, ct) is { } problem) return problem;
        var payload = await db.ThreatIntelPayloads.AsNoTracking().Where(p => p.ItemId == id).Select(p => new { p.Original, p.Sha256, p.Format, p.Item.Tlp }).FirstAsync(ct);
        if (payload.Original.Length == 0) return ApiProblems.NotFound("original content (the item was assembled from several sources)");
        await deliveries.MarkReadOnOpenAsync(viewer, id, ct);
        audit.RecordOpened(viewer, id, payload.Tlp, "item.download");
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(payload.Sha256))}:";
        var contentType = payload.Format is "stix-bundle" or "stix-object" or "stix-array" ? StixMediaType : "application/json";
        return TypedResults.File(payload.Original, contentType, $"{id}.original.json", entityTag: new EntityTagHeaderValue($"\"{payload.Sha256}\""));
    }

    /// <summary>Null when the viewer may see the item and it is a threat-intelligence item with a payload; else 404, or 410 when retracted.</summary>
    private static async Task<ProblemHttpResult?> FindAsync(ItemAccess access, Viewer viewer, Guid id, CancellationToken ct)
    {
        var found = await access.VisibleItems(viewer).Where(i => i.Id == id && i.Kind == ItemKind.ThreatIntel)
            .Select(i => new { i.Status, i.RetractionReason }).FirstOrDefaultAsync(ct);
        if (found is null) return ApiProblems.NotFound("threat-intelligence item");
        return found.Status == ItemStatus.Retracted
            ? TypedResults.Problem($"The item was retracted: {found.RetractionReason}", statusCode: StatusCodes.Status410Gone, title: "Gone")
            : null;
    }

    /// <summary>The outcome as the API writes it: <c>added</c>, <c>new-version</c>, <c>earlier-version</c>, <c>unchanged</c>, <c>conflict</c>, <c>invalid</c>.</summary>
    public static string OutcomeName(StixObjectOutcome outcome) => outcome switch
    {
        StixObjectOutcome.NewVersion => "new-version",
        StixObjectOutcome.EarlierVersion => "earlier-version",
        var o => o.ToString().ToLowerInvariant(),
    };
}
