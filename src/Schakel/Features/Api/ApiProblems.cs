using Microsoft.AspNetCore.Http.HttpResults;

namespace Schakel.Features.Api;

/// <summary>One invalid query parameter or field, as listed in a 400 problem's <c>invalidParams</c>.</summary>
public sealed record InvalidParam(string Name, string Reason);

/// <summary>RFC 9457 problem results the endpoints share, so that the same situation reads the same everywhere.</summary>
public static class ApiProblems
{
    /// <summary>404 for an unknown id and for an id the caller may not see alike (never 403: no hint that it exists).</summary>
    public static ProblemHttpResult NotFound(string what = "item") =>
        TypedResults.Problem($"No {what} with that id, or you may not see it.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    /// <summary>400 naming the parameter, with <c>invalidParams: [{ name, reason }]</c>.</summary>
    public static ProblemHttpResult BadParameter(string name, string reason) =>
        TypedResults.Problem($"{name}: {reason}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid parameter",
            extensions: new Dictionary<string, object?> { ["invalidParams"] = new[] { new InvalidParam(name, reason) } });

    /// <summary>400 for invalid input other than a parameter.</summary>
    public static ProblemHttpResult Invalid(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", extensions: extensions);

    /// <summary>401 for endpoints that need a signed-in caller.</summary>
    public static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem("Sign in, or send an API token: 'Authorization: Bearer TOKEN' or HTTP Basic with the token as password.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    /// <summary>403 with a reason.</summary>
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
