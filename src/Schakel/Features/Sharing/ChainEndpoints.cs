using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.Features.Api;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>Body of <c>POST /items/{id}/forward</c>: audiences as in DESIGN.md section 2a, an optional plain-text note, an optional label (same or stricter).</summary>
public sealed record ForwardRequest(string[]? Audience, string? Note, string? Tlp);

/// <summary>Body of <c>POST /items/{id}/relabel</c>.</summary>
public sealed record RelabelRequest(string? Tlp);

/// <summary>Body of <c>POST /items/{id}/retract</c>: the reason, 1 to 2000 characters.</summary>
public sealed record RetractRequest(string? Reason);

/// <summary>Answer to a forward: the forward's id and how many organisations got a new delivery (others got one more route).</summary>
public sealed record ForwardResponse(int ForwardId, int NewDeliveries);

/// <summary>Answer to a relabel: the new label and how many deliveries the new label withdrew.</summary>
public sealed record RelabelResponse(string Tlp, int WithdrawnDeliveries);

/// <summary>
/// The sharing chain over REST (docs/sharing-rules.md): forward (a linking organisation to its constituency, or further
/// where the label allows), relabel and retract (the originator only). Refusals are problem details with the rule's
/// <c>code</c> and every reason in <c>problems</c>: 403 when the caller's role or organisation may not do this at all,
/// 409 when the item's state forbids it, 400 for the rest; 404 when the caller may not see the item.
/// </summary>
public static class ChainEndpoints
{
    private static readonly HashSet<string> ForbiddenCodes = ["AnalystsOnly", "OriginatorOnly", "ForwardLinkingOnly", "NotReceived", "OwnItem", "LinkingOrganisationsOnly", "RelayLinkingOnly"];
    private static readonly HashSet<string> ConflictCodes = ["Retracted", "SameLabel", "Draft", "NoPendingRelay"];

    public static RouteGroupBuilder MapChainEndpoints(this RouteGroupBuilder group)
    {
        var items = group.MapGroup("/items").WithTags("Items");
        items.MapPost("/{id:guid}/forward", ForwardAsync).WithName("forwardItem")
            .WithSummary("Forward an item to (part of) your constituency, or further where the label allows")
            .WithDescription("Body: { \"audience\": [\"constituency:KEY\" | \"org:KEY\" | \"sector:KEY\" | \"network\", …], \"note\": \"…\", \"tlp\": \"AMBER\" }. "
                + "The label is optional: the same as the one your organisation holds the item under, or stricter (not RED). "
                + "AMBER goes only to your own constituency: an audience reaching beyond it is refused (code AmberBeyondConstituency), not narrowed. "
                + "AMBER+STRICT and RED are never forwarded.")
            .Accepts<ForwardRequest>("application/json")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(415)
            .OnlyQuery();
        items.MapPost("/{id:guid}/relabel", RelabelAsync).WithName("relabelItem")
            .WithSummary("Change an item's label (originator only)")
            .WithDescription("Body: { \"tlp\": \"GREEN\" }. Tightening withdraws the deliveries the new label forbids; relaxing reaches every delivery, "
                + "and forwards that chose a stricter label keep it. Not to or from RED.")
            .Accepts<RelabelRequest>("application/json")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(415)
            .OnlyQuery();
        items.MapPost("/{id:guid}/retract", RetractAsync).WithName("retractItem")
            .WithSummary("Retract an item (originator only)")
            .WithDescription("Body: { \"reason\": \"…\" } (1 to 2000 characters). Every delivery shows the item as retracted with the reason; its content is no longer served.")
            .Accepts<RetractRequest>("application/json")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(415)
            .OnlyQuery();
        return group;
    }

    /// <summary>Forward an item.</summary>
    public static async Task<Results<Ok<ForwardResponse>, ProblemHttpResult>> ForwardAsync(Guid id, HttpRequest request, ClaimsPrincipal user,
        ForwardingService forwarding, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        var (body, problem) = await ApiBody.ReadAsync<ForwardRequest>(request, "{ \"audience\": [\"constituency:KEY\"], \"note\": \"...\", \"tlp\": \"AMBER\" }", required: true, ct);
        if (problem is not null) return problem;
        var specs = new List<AudienceSpec>();
        foreach (var a in body!.Audience ?? [])
        {
            if (!AudienceSpec.TryParse(a, out var spec, out var error)) return ApiProblems.BadParameter("audience", error);
            specs.Add(spec);
        }

        if (!TryLabel(body.Tlp, out var tlp, out var bad)) return bad!;
        return await RunAsync(async () =>
        {
            var (forwardId, added) = await forwarding.ForwardAsync(viewer, id, specs, body.Note, tlp, ct);
            return TypedResults.Ok(new ForwardResponse(forwardId, added));
        });
    }

    /// <summary>Relabel an item.</summary>
    public static async Task<Results<Ok<RelabelResponse>, ProblemHttpResult>> RelabelAsync(Guid id, HttpRequest request, ClaimsPrincipal user,
        ItemChangeService changes, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        var (body, problem) = await ApiBody.ReadAsync<RelabelRequest>(request, "{ \"tlp\": \"GREEN\" }", required: true, ct);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.Tlp)) return ApiProblems.BadParameter("tlp", "required: CLEAR, GREEN, AMBER or AMBER+STRICT.");
        if (!TryLabel(body.Tlp, out var tlp, out var bad)) return bad!;
        return await RunAsync(async () =>
        {
            var withdrawn = await changes.RelabelAsync(viewer, id, tlp!.Value, ct);
            return TypedResults.Ok(new RelabelResponse(tlp.Value.ToLabel(), withdrawn));
        });
    }

    /// <summary>Retract an item.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RetractAsync(Guid id, HttpRequest request, ClaimsPrincipal user,
        ItemChangeService changes, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        var (body, problem) = await ApiBody.ReadAsync<RetractRequest>(request, "{ \"reason\": \"...\" }", required: true, ct);
        if (problem is not null) return problem;
        return await RunAsync(async () =>
        {
            await changes.RetractAsync(viewer, id, body!.Reason, ct);
            return TypedResults.NoContent();
        });
    }

    private static bool TryLabel(string? text, out Tlp? tlp, out ProblemHttpResult? problem)
    {
        tlp = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (TlpLabels.TryParse(text, out var t))
        {
            tlp = t;
            return true;
        }

        problem = ApiProblems.BadParameter("tlp", "use CLEAR, GREEN, AMBER, AMBER+STRICT or RED.");
        return false;
    }

    private static async Task<Results<T, ProblemHttpResult>> RunAsync<T>(Func<Task<T>> action) where T : IResult
    {
        try
        {
            return await action();
        }
        catch (KeyNotFoundException)
        {
            return ApiProblems.NotFound();
        }
        catch (SharingRuleException e)
        {
            return RuleProblem(e);
        }
    }

    /// <summary>
    /// A refused sharing rule as problem details, for every sharing endpoint: status by the first code (403 when the
    /// caller's role or organisation may not do this, 409 when the item's or relay's state forbids it, else 400),
    /// <c>code</c>, and <c>problems</c> [{ code, message, subject }].
    /// </summary>
    public static ProblemHttpResult RuleProblem(SharingRuleException e)
    {
        var first = e.Problems[0].Code;
        var status = ForbiddenCodes.Contains(first) ? 403 : ConflictCodes.Contains(first) ? 409 : 400;
        return TypedResults.Problem(e.Message, statusCode: status, title: status switch { 403 => "Forbidden", 409 => "Conflict", _ => "Bad Request" },
            extensions: new Dictionary<string, object?>
            {
                ["code"] = first,
                ["problems"] = e.Problems.Select(p => new { code = p.Code, message = p.Message, subject = p.Subject }).ToList(),
            });
    }
}
