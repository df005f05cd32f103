using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Schakel.Features.Api;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>Body of <c>POST /api/v1/items/{id}/relay</c>: an optional plain-text note (at most 20,000 characters) and an optional stricter label (not RED).</summary>
public sealed record RelayRequest(string? Note, string? Tlp);

/// <summary>Result of a relay: how many member organisations got a new delivery.</summary>
public sealed record RelayResult(Guid ItemId, int Deliveries);

/// <summary>
/// Relays for linking organisations and the coordinator's overview (DESIGN.md section 3, legal basis):
/// <c>GET /api/v1/relays</c>, <c>POST /api/v1/items/{id}/relay</c>, <c>GET /api/v1/relays/overview</c> and
/// <c>GET|PUT /api/v1/relay-policy</c>. Reads go through <see cref="RelayQueries"/>, the same queries as the pages.
/// </summary>
public static class RelayEndpoints
{
    /// <summary>Policy values in the API: <c>automatic</c> or <c>review</c>.</summary>
    public const string Automatic = "automatic", Review = "review";

    public static RouteGroupBuilder MapRelayEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/relays", GetRelaysAsync).WithName("getRelays").WithTags("Relays")
            .WithSummary("The caller's organisation's relays")
            .WithDescription("Relays the coordinator asked of the caller's linking organisation, for members without a Wbni article 3 basis of "
                + "their own: pending first (oldest first), then done and cancelled ones (newest first); at most 500. Empty for other organisations.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .OnlyQuery();
        group.MapGet("/relays/overview", GetOverviewAsync).WithName("getRelayOverview").WithTags("Relays")
            .WithSummary("Relays of every linking organisation, and unreachable members")
            .WithDescription("For people of the coordinator and the director: per linking organisation the relays pending (count and the "
                + "creation time of the oldest), done, and the members reached by relay; and per item the members no route could reach, with "
                + "the reason (NoBasisNoLinkingOrganisation, NoLinkingOrganisationWithBasis, LabelForbidsRelay). RED items never appear.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .OnlyQuery();
        group.MapPost("/items/{id:guid}/relay", RelayAsync).WithName("relayItem").WithTags("Relays")
            .WithSummary("Carry out the caller's pending relay of an item")
            .WithDescription("An analyst of a linking organisation passes the item on to the members the relay is for. Body (optional): "
                + "{ \"note\": \"...\", \"tlp\": \"AMBER\" } — a plain-text note and a label the same as the item's or stricter (not RED). "
                + "Refusals carry problems: [{ code, message, subject }]. 409 when nothing is pending.")
            .Accepts<RelayRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .OnlyQuery();
        group.MapGet("/relay-policy", GetPolicyAsync).WithName("getRelayPolicy").WithTags("Relays")
            .WithSummary("The caller's linking organisation's relay policy")
            .WithDescription("Per relayable label whether relays go out automatically or wait for review: "
                + "{ \"CLEAR\": \"automatic\", \"GREEN\": \"automatic\", \"AMBER\": \"review\" } (these are the defaults).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .OnlyQuery();
        group.MapPut("/relay-policy", PutPolicyAsync).WithName("setRelayPolicy").WithTags("Relays")
            .WithSummary("Set the caller's linking organisation's relay policy")
            .WithDescription("Organisation administrators and analysts of a linking organisation. Body: any of CLEAR, GREEN, AMBER with "
                + "\"automatic\" or \"review\"; labels left out keep their setting. Answers the whole policy.")
            .Accepts<Dictionary<string, string>>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .OnlyQuery();
        return group;
    }

    /// <summary>The caller's organisation's relays, pending first.</summary>
    public static async Task<Results<Ok<IReadOnlyList<RelayRow>>, ProblemHttpResult>> GetRelaysAsync(ClaimsPrincipal user, RelayQueries queries, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        return TypedResults.Ok(await queries.ForViewerAsync(viewer, ct));
    }

    /// <summary>Relays per linking organisation and unreachable members, for the coordinator and the director.</summary>
    public static async Task<Results<Ok<RelayOverview>, ProblemHttpResult>> GetOverviewAsync(ClaimsPrincipal user, RelayQueries queries, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        if (!RelayQueries.MayViewOverview(viewer)) return ApiProblems.Forbidden("Only people of the coordinator and the director see the relay overview.");
        return TypedResults.Ok(await queries.OverviewAsync(viewer, ct));
    }

    /// <summary>Carries out the caller's pending relay of an item.</summary>
    public static async Task<Results<Ok<RelayResult>, ProblemHttpResult>> RelayAsync(Guid id, HttpRequest request, ClaimsPrincipal user,
        ItemAccess access, RelayService relays, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        if (!await access.CanSeeAsync(viewer, id, ct)) return ApiProblems.NotFound();
        var (body, problem) = await ReadJsonAsync<RelayRequest>(request, "{ \"note\": \"...\", \"tlp\": \"AMBER\" }", ct);
        if (problem is not null) return problem;
        Tlp? tlp = null;
        if (!string.IsNullOrEmpty(body?.Tlp))
        {
            if (!TlpLabels.TryParse(body.Tlp, out var t)) return ApiProblems.BadParameter("tlp", "use CLEAR, GREEN, AMBER or AMBER+STRICT.");
            tlp = t;
        }

        try
        {
            return TypedResults.Ok(new RelayResult(id, await relays.RelayAsync(viewer, id, body?.Note, tlp, ct)));
        }
        catch (SharingRuleException e)
        {
            return ChainEndpoints.RuleProblem(e);
        }
    }

    /// <summary>The caller's linking organisation's relay policy.</summary>
    public static async Task<Results<Ok<Dictionary<string, string>>, ProblemHttpResult>> GetPolicyAsync(ClaimsPrincipal user, RelayService relays, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        if (viewer.OrganisationType != Network.OrganisationType.LinkingOrganisation)
            return ApiProblems.Forbidden("Only linking organisations relay, so only they have a relay policy.");
        return TypedResults.Ok(Show(await relays.PoliciesAsync(viewer.OrganisationId!.Value, ct)));
    }

    /// <summary>Sets the caller's linking organisation's relay policy for the labels given.</summary>
    public static async Task<Results<Ok<Dictionary<string, string>>, ProblemHttpResult>> PutPolicyAsync(HttpRequest request, ClaimsPrincipal user,
        RelayService relays, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();
        if (!RelayQueries.MaySetPolicy(viewer))
            return ApiProblems.Forbidden("Only administrators and analysts of a linking organisation set its relay policy.");
        var (body, problem) = await ReadJsonAsync<Dictionary<string, string>>(request, "{ \"CLEAR\": \"automatic\", \"GREEN\": \"automatic\", \"AMBER\": \"review\" }", ct);
        if (problem is not null) return problem;
        if (body is null || body.Count == 0) return ApiProblems.Invalid("Give at least one label: { \"AMBER\": \"review\" }.");
        var changes = new List<(Tlp Tlp, bool Automatic)>();
        foreach (var (key, value) in body)
        {
            if (!TlpLabels.TryParse(key, out var t) || !SharingRules.MayRelay(t) || key.Contains("WHITE", StringComparison.OrdinalIgnoreCase))
                return ApiProblems.BadParameter(key, "only CLEAR, GREEN and AMBER are relayed.");
            if (value is not (Automatic or Review)) return ApiProblems.BadParameter(key, $"use \"{Automatic}\" or \"{Review}\".");
            changes.Add((t, value == Automatic));
        }

        foreach (var (t, automatic) in changes) await relays.SetPolicyAsync(viewer, t, automatic, ct);
        return TypedResults.Ok(Show(await relays.PoliciesAsync(viewer.OrganisationId!.Value, ct)));
    }

    private static Dictionary<string, string> Show(IReadOnlyDictionary<Tlp, bool> policy) =>
        policy.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToLabel(), p => p.Value ? Automatic : Review);

    // Read here rather than bound, so that a malformed body gets a 400 that says what is wrong.
    private static async Task<(T? Body, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, string shape, CancellationToken ct) where T : class
    {
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!hasBody) return (null, null);
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem($"The body must be application/json: {shape}.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type"));
        try
        {
            return (await request.ReadFromJsonAsync<T>(ct), null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.Invalid($"The body is not {shape}: {e.Message}"));
        }
    }
}
