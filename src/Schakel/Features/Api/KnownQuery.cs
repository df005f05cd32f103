namespace Schakel.Features.Api;

/// <summary>
/// Refuses query parameters an endpoint does not define (400 problem details naming them). A misspelt parameter must not
/// be ignored silently: <c>?label=GREEN</c> on an import that reads <c>tlp</c> would publish with a looser label than asked.
/// </summary>
public static class KnownQuery
{
    /// <summary>Adds the check to an endpoint; <paramref name="names"/> are the query parameters it reads (case-sensitive, lowerCamelCase).</summary>
    public static RouteHandlerBuilder OnlyQuery(this RouteHandlerBuilder builder, params string[] names) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var unknown = context.HttpContext.Request.Query.Keys.Where(k => !names.Contains(k, StringComparer.Ordinal)).ToList();
            if (unknown.Count == 0) return await next(context);
            var allowed = names.Length == 0 ? "none" : string.Join(", ", names);
            return ApiProblems.BadParameter(unknown[0], $"unknown query parameter{(unknown.Count > 1 ? "s " + string.Join(", ", unknown) : "")}; this operation takes: {allowed}.");
        });
}
