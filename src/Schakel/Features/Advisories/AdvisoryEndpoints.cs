using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Api;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel.Features.Advisories;

/// <summary>Result of <c>POST /api/v1/advisories</c>: <see cref="Outcome"/> is <c>imported</c>, <c>updated</c> or <c>unchanged</c>.</summary>
public sealed record AdvisoryImportResponse(string Outcome, Guid ItemId, string? TrackingId, string? Version, string Tlp, string Status, IReadOnlyList<string> Warnings);

/// <summary>One reason a document was rejected: a JSON Pointer into the document (empty for the whole request), a message, and the CSAF 2.0 test that found it (<c>schema</c>, <c>6.1.16</c>, …; null for reading and sharing-rule problems).</summary>
public sealed record ImportError(string Path, string Message, string? TestId = null);

/// <summary><c>POST /api/v1/advisories</c>: import a CSAF 2.0 document and publish it to an audience (none: a draft).</summary>
public static class AdvisoryEndpoints
{
    public static RouteGroupBuilder MapAdvisoryEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/advisories", ImportAsync).WithName("importAdvisory").WithTags("Advisories")
            .WithSummary("Import a CSAF 2.0 advisory and publish it")
            .WithDescription("The body is the CSAF document (at most 32 MiB by default, refused with 413 before it is parsed). "
                + "It is validated against the CSAF 2.0 schema before anything is stored. 201 with Location when it is new; 200 when it "
                + "updated a stored advisory (newer version) or changed nothing (same version); 400 with errors [{ path, message }] when "
                + "rejected. Only analysts of the coordinator or of a linking organisation may publish (403 otherwise).")
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .Produces<AdvisoryImportResponse>(StatusCodes.Status201Created)
            .Produces<AdvisoryImportResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .OnlyQuery("tlp", "audience");
        return group;
    }

    // Reads the body as a stream up to AdvisoryOptions.MaxDocumentBytes, then hands it to AdvisoryImporter with the
    // caller's organisation as publisher. (The XML summary below is the OpenAPI summary.)

    /// <summary>Import a CSAF 2.0 advisory and publish it to an audience.</summary>
    public static async Task<Results<Created<AdvisoryImportResponse>, Ok<AdvisoryImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, AdvisoryImporter importer, IOptions<AdvisoryOptions> options, SchakelDbContext db,
        [Description("Label: the document's own or a stricter one (CLEAR, GREEN, AMBER, AMBER+STRICT, RED). Without a label in the document and here: AMBER.")] string? tlp,
        [FromQuery, Description("Audience, repeatable: network, sector:KEY, org:KEY, constituency:KEY; for RED only person:EMAIL. None: stored as a draft.")] string[]? audience,
        CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        if (!viewer.IsAnalyst || !PublishingService.MayPublish(viewer.OrganisationType))
            return ApiProblems.Forbidden("Only analysts of the coordinator or of a linking organisation import and publish advisories.");

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

        var max = options.Value.MaxDocumentBytes;
        var content = await ReadLimitedAsync(request, max, ct);
        if (content is null)
            return TypedResults.Problem($"The document is larger than the limit of {max} bytes; it was not read.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Content Too Large");

        var result = await importer.ImportAsync(content, new AdvisoryImportRequest(viewer.OrganisationId!.Value, viewer.PersonId, requested, specs), ct);
        if (result.Outcome == ImportOutcome.Rejected)
        {
            var errors = result.Errors.Select(e => new ImportError(e.Path, e.Message, e.TestId)).ToList();
            return ApiProblems.Invalid("The document was rejected; nothing was stored. " + string.Join(" ", result.Errors.Select(e => e.ToString())),
                new Dictionary<string, object?> { ["errors"] = errors, ["warnings"] = result.Warnings });
        }

        var item = await db.Items.AsNoTracking().Where(i => i.Id == result.ItemId).Select(i => new { i.Tlp, i.Status }).FirstAsync(ct);
        var body = new AdvisoryImportResponse(result.Outcome.ToString().ToLowerInvariant(), result.ItemId!.Value, result.TrackingId, result.Version,
            item.Tlp.ToLabel(), item.Status.ToString(), result.Warnings);
        return result.Outcome == ImportOutcome.Imported
            ? TypedResults.Created($"{ApiExtensions.Prefix}/items/{body.ItemId}", body)
            : TypedResults.Ok(body);
    }

    /// <summary>The body, or null when it is larger than <paramref name="max"/> bytes (judged by Content-Length first, then while reading).</summary>
    internal static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, long max, CancellationToken ct)
    {
        if (request.ContentLength > max) return null;
        // Kestrel's own default limit (30 MB) is below the 32 MiB a CSAF document may have; this endpoint enforces its own.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > max) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body without Content-Length crossed the server's limit while being read.
            return null;
        }

        return buffer.ToArray();
    }
}
