using System.Diagnostics.CodeAnalysis;

namespace Schakel.Features.Sharing;

/// <summary>
/// One audience as written in DESIGN.md section 2a: <c>network</c>, <c>sector:KEY</c>, <c>constituency:ORGKEY</c>,
/// <c>org:ORGKEY</c> or <c>person:EMAIL</c>.
/// </summary>
public sealed record AudienceSpec(AudienceKind Kind, string? Value)
{
    public override string ToString() => Kind switch
    {
        AudienceKind.Network => "network",
        AudienceKind.Sector => $"sector:{Value}",
        AudienceKind.Constituency => $"constituency:{Value}",
        AudienceKind.Organisation => $"org:{Value}",
        AudienceKind.Person => $"person:{Value}",
        _ => Kind.ToString(),
    };

    /// <summary>Parses the text form; returns false with a reason for anything else (keys are lower-cased).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AudienceSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        var t = (text ?? "").Trim();
        if (t.Equals("network", StringComparison.OrdinalIgnoreCase))
        {
            spec = new AudienceSpec(AudienceKind.Network, null);
            error = null;
            return true;
        }

        var colon = t.IndexOf(':');
        var value = colon > 0 ? t[(colon + 1)..].Trim().ToLowerInvariant() : "";
        AudienceKind? kind = colon > 0 ? t[..colon].Trim().ToLowerInvariant() switch
        {
            "sector" => AudienceKind.Sector,
            "constituency" => AudienceKind.Constituency,
            "org" => AudienceKind.Organisation,
            "person" => AudienceKind.Person,
            _ => null,
        } : null;
        if (kind is null || value.Length == 0)
        {
            error = $"'{t}' is not an audience; use network, sector:KEY, constituency:ORGKEY, org:ORGKEY or person:EMAIL.";
            return false;
        }

        spec = new AudienceSpec(kind.Value, value);
        error = null;
        return true;
    }
}
