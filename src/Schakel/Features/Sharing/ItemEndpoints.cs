using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Api;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>Body of the delivery state changes; <see cref="Reason"/> is required for <c>not-relevant</c> (1 to 2000 characters).</summary>
public sealed record StateChangeRequest(string? Reason);

/// <summary>
/// <c>/api/v1/items/{id}</c>: read one item (anonymous callers too, for published CLEAR items), download an
/// advisory's CSAF document, and change the state of the caller's delivery. Every read goes through
/// <see cref="ItemAccess"/>; an id the caller may not see answers 404 exactly like an unknown one.
/// </summary>
public static class ItemEndpoints
{
    public static RouteGroupBuilder MapItemEndpoints(this RouteGroupBuilder group)
    {
        var items = group.MapGroup("/items").WithTags("Items");
        items.MapGet("/{id:guid}", GetItemAsync).WithName("getItem")
            .WithSummary("One item")
            .WithDescription("The item with, for advisories, the extracted CSAF fields and, when the caller's organisation holds a delivery, "
                + "its state. Published CLEAR items need no authentication. Opening an item marks the caller's delivery read.")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .OnlyQuery();
        items.MapGet("/{id:guid}/document", ItemDocument.GetAsync).WithName("getItemDocument")
            .WithSummary("The advisory's CSAF document")
            .WithDescription("The original document byte for byte when its own label equals the label the caller holds the item under; "
                + "otherwise a relabelled copy (CLEAR as WHITE, AMBER+STRICT as AMBER with the strict handling in distribution.text). "
                + "ETag and Repr-Digest carry the SHA-256 of the bytes served.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
            .OnlyQuery();

        MapStateChange(items, "read", DeliveryState.Read, "Mark the caller's delivery read");
        MapStateChange(items, "acknowledge", DeliveryState.Acknowledged, "Acknowledge the item");
        MapStateChange(items, "action-taken", DeliveryState.ActionTaken, "Record that action was taken");
        MapStateChange(items, "not-relevant", DeliveryState.NotRelevant, "Mark the item not relevant (reason required)");
        return group;
    }

    private static void MapStateChange(RouteGroupBuilder items, string segment, DeliveryState state, string summary)
    {
        items.MapPost("/{id:guid}/" + segment, async Task<Results<NoContent, ProblemHttpResult>> (Guid id, HttpRequest request, ClaimsPrincipal user, DeliveryService deliveries, CancellationToken ct) =>
            {
                var (body, problem) = await ReadBodyAsync(request, ct);
                if (problem is not null) return problem;
                return await ChangeStateAsync(id, state, body, user, deliveries, ct);
            })
            .WithName(StateOperationName(segment)).WithSummary(summary)
            .WithDescription("Changes the state of the caller's organisation's delivery. Body: { \"reason\": \"...\" } (required for not-relevant). "
                + "204 on success; 404 when the caller holds no delivery of the item.")
            .Accepts<StateChangeRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .OnlyQuery();
    }

    private static Task<(StateChangeRequest? Body, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken ct) =>
        ApiBody.ReadAsync<StateChangeRequest>(request, "{ \"reason\": \"...\" }", required: false, ct);

    private static string StateOperationName(string segment) =>
        "markItem" + string.Concat(segment.Split('-').Select(s => char.ToUpperInvariant(s[0]) + s[1..]));

    // Applies a state change through DeliveryService.ChangeAsync (the lambdas above give each route its own summary).
    /// <summary>Change the state of the caller's delivery.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> ChangeStateAsync(Guid id, DeliveryState state, StateChangeRequest? body,
        ClaimsPrincipal user, DeliveryService deliveries, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        var (outcome, error) = await deliveries.ChangeAsync(viewer, id, state, body?.Reason, ct);
        return outcome switch
        {
            StateChangeOutcome.Changed => TypedResults.NoContent(),
            StateChangeOutcome.NotFound => TypedResults.Problem("Your organisation holds no delivery of an item with that id.", statusCode: 404, title: "Not Found"),
            _ => ApiProblems.Invalid(error ?? "The state change is not allowed."),
        };
    }

    /// <summary>One item, with its advisory fields and the caller's delivery; marks that delivery read.</summary>
    public static async Task<Results<Ok<ItemDetail>, ProblemHttpResult>> GetItemAsync(Guid id, ClaimsPrincipal user, ItemAccess access,
        DeliveryService deliveries, SchakelDbContext db, Audit.AuditLog audit, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!await access.CanSeeAsync(viewer, id, ct)) return ApiProblems.NotFound();
        await deliveries.MarkReadOnOpenAsync(viewer, id, ct);
        var item = await access.VisibleItems(viewer).Where(i => i.Id == id)
            .Include(i => i.PublisherOrganisation).Include(i => i.Advisory!).ThenInclude(a => a.Vulnerabilities)
            .Include(i => i.Advisory!).ThenInclude(a => a.Products)
            .AsSplitQuery().FirstOrDefaultAsync(ct);
        if (item is null) return ApiProblems.NotFound();
        audit.RecordOpened(viewer, id, item.Tlp);
        var delivery = await access.Inbox(viewer).Where(d => d.ItemId == id)
            .Select(d => new DeliveryView(d.State.ToString(), d.EffectiveTlp.ToLabel(), d.Updated, d.DeliveredAt, d.ReadAt, d.AcknowledgedAt, d.NotRelevantReason))
            .FirstOrDefaultAsync(ct);
        var routes = await access.Inbox(viewer).Where(d => d.ItemId == id).SelectMany(d => d.Routes)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Kind, r.Tlp, r.Basis, r.CreatedAt, Note = r.Forward == null ? null : r.Forward.Note,
                Via = db.Organisations.Where(o => o.Id == r.ViaOrganisationId).Select(o => new { o.Key, o.Name }).FirstOrDefault(),
            }).ToListAsync(ct);
        return TypedResults.Ok(ItemDetail.From(item, delivery,
            routes.Select(r => new RouteView(r.Kind.ToString(), r.Via?.Key, r.Via?.Name, r.Tlp.ToLabel(), r.Basis, r.Note, r.CreatedAt)).ToList()));
    }
}
