using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Schakel.Features.Web;

/// <summary>The UI cultures: Dutch (default) and English, chosen by the standard culture cookie.</summary>
public static class Cultures
{
    public const string Dutch = "nl";
    public const string English = "en";

    public static readonly IReadOnlyList<string> Supported = [Dutch, English];

    /// <summary>
    /// <c>GET /culture?c=en&amp;returnUrl=/inbox</c>: stores the choice in the culture cookie for a year and redirects to
    /// <paramref name="returnUrl"/> when it is a local URL, else to <c>/</c>. An unknown culture is ignored.
    /// </summary>
    public static IResult Switch(HttpContext context, string? c, string? returnUrl)
    {
        if (c is not null && Supported.Contains(c))
        {
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps });
        }

        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>True for a path on this site (<c>/x</c>), false for absolute, protocol-relative (<c>//host</c>) and back-slash tricks.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary>The current UI language, <c>nl</c> or <c>en</c>.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : Dutch;
}
