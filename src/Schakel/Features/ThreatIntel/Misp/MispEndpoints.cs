using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.Features.Tlp;

namespace Schakel.Features.ThreatIntel.Misp;

/// <summary><c>GET /api/v1/items/{id}/misp</c>: a threat-intelligence item as a MISP event, authorised by <see cref="ItemAccess"/>.</summary>
public static class MispEndpoints
{
    public static RouteGroupBuilder MapMispEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/items/{id:guid}/misp", GetAsync).WithName("getItemMispEvent").WithTags("Items")
            .WithSummary("The item as a MISP event")
            .WithDescription("A threat-intelligence item's current STIX objects as one MISP event ({\"Event\":{…}}, MISP core format), with the "
                + "item's label as tlp: tag and its audience as distribution. Published CLEAR items need no authentication. "
                + "404 when the item does not exist or the caller may not see it; 409 when it is not threat intelligence.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>The MISP event of the item, or a problem.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, MispExportService exports, CancellationToken ct)
    {
        var result = await exports.ExportAsync(Viewer.From(user), id, ct);
        return result.Status switch
        {
            MispExportStatus.Ok => TypedResults.Text(result.Export!.Json, "application/json"),
            MispExportStatus.NotThreatIntel => TypedResults.Problem("This item is not threat intelligence and has no MISP event.", statusCode: StatusCodes.Status409Conflict),
            _ => Api.ApiProblems.NotFound(),
        };
    }
}
