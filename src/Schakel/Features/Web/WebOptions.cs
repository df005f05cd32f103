using System.ComponentModel.DataAnnotations;

namespace Schakel.Features.Web;

/// <summary>Options of section <c>Web</c>: the theme of the NL Design System styling.</summary>
public sealed class WebOptions
{
    /// <summary>
    /// Class on the <c>html</c> element that switches the design tokens on; <c>voorbeeld-theme</c> (the open NL Design
    /// System example theme) unless a deployment loads its own theme.
    /// </summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9_-]*$", ErrorMessage = "Web:ThemeClass must be one CSS class name.")]
    public string ThemeClass { get; set; } = "voorbeeld-theme";

    /// <summary>
    /// Optional URL of one more stylesheet loaded after Schakel's own, e.g. a licensed Rijkshuisstijl theme. A local
    /// path (<c>/theme/rijkshuisstijl.css</c>) or an absolute http(s) URL; its origin is added to the CSP.
    /// </summary>
    [RegularExpression("^(|/[^/].*|https?://.+)$", ErrorMessage = "Web:ExtraStylesheet must be empty, a local path starting with / or an http(s) URL.")]
    public string? ExtraStylesheet { get; set; }

    /// <summary>The origin of <see cref="ExtraStylesheet"/> when it is absolute, for the CSP; null otherwise.</summary>
    public string? ExtraStylesheetOrigin =>
        Uri.TryCreate(ExtraStylesheet, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
            ? u.GetLeftPart(UriPartial.Authority) : null;
}
