using Schakel.Features.Sharing;

namespace Schakel.Features.Federation;

using Tlp = Schakel.Features.Sharing.Tlp;

/// <summary>
/// How far an item that arrived from another node may travel here (DESIGN.md section 3, the table's last column). The
/// subscription's token belongs to one organisation on the source node (the <i>holder</i>: the organisation whose own
/// <c>org:KEY</c> collection the token sees); what arrives may go no further than that organisation could pass it on:
/// CLEAR and GREEN anywhere, AMBER to the holder and — for a linking organisation — its constituency, AMBER+STRICT to the
/// holder only.
/// </summary>
public static class FederationAudience
{
    /// <summary>
    /// The part of <paramref name="audience"/> an item under <paramref name="label"/> may reach, and a message naming what was
    /// left out (null when nothing was). <paramref name="holderKey"/> is null when the holder is unknown: then AMBER and
    /// AMBER+STRICT items reach nobody (they are kept as drafts).
    /// </summary>
    public static (IReadOnlyList<AudienceSpec> Audience, string? Dropped) Cap(Tlp label, IReadOnlyList<AudienceSpec> audience, string? holderKey, bool holderIsLinking)
    {
        if (label <= Tlp.Green) return (audience, null);
        var allowed = audience.Where(a => holderKey is not null && a.Value == holderKey
            && (a.Kind == AudienceKind.Organisation || (label == Tlp.Amber && holderIsLinking && a.Kind == AudienceKind.Constituency))).ToList();
        if (allowed.Count == audience.Count) return (audience, null);
        var reach = holderKey is null ? "the token's organisation is unknown (it sees no org: collection on the source node)"
            : label == Tlp.Amber && holderIsLinking ? $"TLP:AMBER may reach only org:{holderKey} and constituency:{holderKey}"
            : $"TLP:{label.ToLabel()} may reach only org:{holderKey}";
        var dropped = string.Join(' ', audience.Except(allowed));
        return (allowed, $"not addressed to {dropped}: {reach}" + (allowed.Count == 0 ? "; kept as a draft." : "."));
    }
}
