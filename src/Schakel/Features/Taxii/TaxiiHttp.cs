using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;
using Schakel.Features.Accounts;
using Schakel.Features.Tlp;
using Schakel.Stix.Taxii;

namespace Schakel.Features.Taxii;

/// <summary>
/// What every TAXII endpoint shares: content negotiation (TAXII 2.1 section 1.6.8: 406 for an Accept that excludes
/// <c>application/taxii+json;version=2.1</c>, 415 for a body of another type), authentication with API tokens only
/// (Bearer, or HTTP Basic with the token as password; section 1.6.9: 401 with <c>WWW-Authenticate</c>), the language of
/// titles (Dutch unless Accept-Language prefers English), and TAXII error messages (section 3.6.1).
/// </summary>
public static class TaxiiHttp
{
    private const string ViewerKey = "taxii.viewer";

    /// <summary>The challenges of a 401: both schemes the node accepts.</summary>
    public const string Challenge = "Basic realm=\"Schakel TAXII\", Bearer realm=\"Schakel TAXII\"";

    /// <summary>
    /// The route group's filter. Cookies are ignored on purpose: TAXII clients send tokens, and a cookie would let another
    /// web site post envelopes in a signed-in person's name (no antiforgery token here).
    /// </summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Accepts(http.Request.Headers.Accept))
            return Error(StatusCodes.Status406NotAcceptable, "Not acceptable",
                $"This server answers with {TaxiiMediaTypes.Taxii}; send Accept: {TaxiiMediaTypes.Taxii}.");
        var viewer = Viewer.Anonymous;
        if (http.Request.Headers.Authorization.Count > 0)
        {
            var auth = await http.AuthenticateAsync(ApiTokenHandler.SchemeName);
            if (!auth.Succeeded) return Unauthorized(http, "The credentials are not a valid API token (Bearer, or HTTP Basic with the token as password).");
            viewer = Viewer.From(auth.Principal);
            http.Response.Headers.CacheControl = "private, no-store";
        }

        http.Items[ViewerKey] = viewer;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(PrefersEnglish(http.Request) ? "en" : "nl");
        return await next(context);
    }

    /// <summary>The caller as the filter authenticated it (anonymous without an Authorization header).</summary>
    public static Viewer ViewerOf(HttpContext http) => http.Items[ViewerKey] as Viewer ?? Viewer.Anonymous;

    /// <summary>A TAXII error message with the HTTP status in <c>http_status</c>.</summary>
    public static IResult Error(int status, string title, string? description = null) =>
        Results.Json(new TaxiiError(title, description, HttpStatus: status.ToString(CultureInfo.InvariantCulture)), TaxiiMediaTypes.Json, TaxiiMediaTypes.Taxii, status);

    /// <summary>401 with the challenges (section 1.6.9).</summary>
    public static IResult Unauthorized(HttpContext http, string? description = null)
    {
        http.Response.Headers.WWWAuthenticate = Challenge;
        return Error(StatusCodes.Status401Unauthorized, "Authentication required",
            description ?? "Send an API token: 'Authorization: Bearer TOKEN', or HTTP Basic with the token as password.");
    }

    /// <summary>A TAXII resource as JSON with the TAXII media type.</summary>
    public static IResult Resource<T>(T value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, TaxiiMediaTypes.Json, TaxiiMediaTypes.Taxii, status);

    /// <summary>
    /// Whether the Accept header allows a TAXII 2.1 answer: absent, <c>*/*</c>, <c>application/*</c> or
    /// <c>application/taxii+json</c> without a version (the latest the server supports) or with <c>version=2.1</c>.
    /// </summary>
    public static bool Accepts(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || string.IsNullOrWhiteSpace(accept.ToString())) return true;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var types)) return false;
        foreach (var t in types)
        {
            if (t.Quality == 0) continue;
            if (t.MatchesAllTypes || (t.MatchesAllSubTypes && t.Type.Equals("application", StringComparison.OrdinalIgnoreCase))) return true;
            if (IsTaxii(t)) return true;
        }

        return false;
    }

    /// <summary>Whether a request body's Content-Type is a TAXII 2.1 envelope's (section 5.5; else 415).</summary>
    public static bool IsTaxiiContent(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var t) && IsTaxii(t);

    private static bool IsTaxii(MediaTypeHeaderValue t)
    {
        if (!t.MediaType.Equals("application/taxii+json", StringComparison.OrdinalIgnoreCase)) return false;
        var version = t.Parameters.FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase))?.Value.ToString().Trim('"');
        return version is null || version == "2.1";
    }

    private static bool PrefersEnglish(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages)) return false;
        double Best(string lang) => languages.Where(l => l.Value.ToString().Equals(lang, StringComparison.OrdinalIgnoreCase)
                || l.Value.ToString().StartsWith(lang + "-", StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Quality ?? 1).DefaultIfEmpty(0).Max();
        return Best("en") > Best("nl");
    }
}
