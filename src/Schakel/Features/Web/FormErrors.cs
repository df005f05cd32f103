using Schakel.Features.Sharing;

namespace Schakel.Features.Web;

/// <summary>One error shown in a form: the id of the field it belongs to (null for the whole form) and the message.</summary>
public sealed record FormError(string? FieldId, string Message);

/// <summary>
/// The errors of a re-rendered form, in the order they are shown in the error summary (which links each message to
/// its field, WCAG 3.3.1). Messages are already localised.
/// </summary>
public sealed class FormErrors : List<FormError>
{
    public void Add(string? fieldId, string message) => Add(new FormError(fieldId, message));

    /// <summary>The messages of one field, joined, or null when it has none.</summary>
    public string? For(string fieldId)
    {
        var m = this.Where(e => e.FieldId == fieldId).Select(e => e.Message).ToList();
        return m.Count == 0 ? null : string.Join(" ", m);
    }
}

/// <summary>Small formatting helpers shared by the views.</summary>
public static class WebFormat
{
    /// <summary>CSS modifier of a TLP badge: <c>schakel-tlp--amber-strict</c> for AMBER+STRICT.</summary>
    public static string TlpClass(Sharing.Tlp tlp) => "schakel-tlp schakel-tlp--" + tlp.ToLabel().ToLowerInvariant().Replace('+', '-');

    /// <summary>A UTC time for the <c>datetime</c> attribute (ISO 8601 with offset).</summary>
    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A UTC time for people: <c>29-11-2026 10:15 UTC</c>.</summary>
    public static string Show(DateTimeOffset t) => t.UtcDateTime.ToString("dd-MM-yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A date only, <c>29-11-2026</c>.</summary>
    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True for an absolute http or https URL; other schemes (javascript:, data:) are never rendered as links.</summary>
    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);
}
