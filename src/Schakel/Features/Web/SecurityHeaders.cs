using Microsoft.Extensions.Options;

namespace Schakel.Features.Web;

/// <summary>
/// Security headers on every response: a CSP without inline script or style, no framing, no MIME sniffing,
/// no referrer to other sites.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<WebOptions> options)
{
    private readonly string _csp = BuildCsp(options.Value.ExtraStylesheetOrigin);

    public Task InvokeAsync(HttpContext context)
    {
        var h = context.Response.Headers;
        h.ContentSecurityPolicy = _csp;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "same-origin";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }

    /// <summary>The CSP; the extra theme's origin (when absolute) may serve styles and fonts.</summary>
    internal static string BuildCsp(string? extraOrigin)
    {
        var extra = extraOrigin is null ? "" : " " + extraOrigin;
        return "default-src 'self'; script-src 'self'; style-src 'self'" + extra + "; img-src 'self' data:; font-src 'self' data:" + extra
            + "; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }
}
