using Schakel.Features.Network;

namespace Schakel.Features.Sharing;

/// <summary>
/// How far a recipient may pass an item on (DESIGN.md section 3, the table's last column), as pure functions so that
/// forwarding, relaying and relabelling apply the same rules. The <i>base label</i> is the label under which the
/// forwarding organisation holds the item (its delivery's effective label).
/// </summary>
public static class SharingRules
{
    /// <summary>Labels a linking organisation may relay for the coordinator: CLEAR, GREEN and AMBER.</summary>
    public static readonly IReadOnlyList<Tlp> RelayableLabels = [Tlp.Clear, Tlp.Green, Tlp.Amber];

    /// <summary>Whether an item under this label can be relayed (AMBER+STRICT and RED cannot).</summary>
    public static bool MayRelay(Tlp tlp) => tlp <= Tlp.Amber;

    /// <summary>
    /// Why an organisation holding an item under <paramref name="baseLabel"/> may not pass it on to
    /// <paramref name="recipients"/>, or null when it may: CLEAR and GREEN go anywhere in the network; AMBER only from a
    /// linking organisation to members of its own constituency (<paramref name="constituency"/>); AMBER+STRICT and RED
    /// not at all. Only the coordinator and linking organisations forward.
    /// </summary>
    public static SharingProblem? ForwardProblem(OrganisationType forwarderType, Tlp baseLabel, IReadOnlyCollection<int> recipients, IReadOnlySet<int> constituency)
    {
        if (forwarderType is not (OrganisationType.Coordinator or OrganisationType.LinkingOrganisation))
            return new("ForwardLinkingOnly", "Only linking organisations (and the coordinator) forward items; inside your organisation you may share it freely.");
        if (baseLabel >= Tlp.AmberStrict)
            return new("ForwardForbidden", $"TLP:{baseLabel.ToLabel()} may not be passed on outside the receiving organisation.", baseLabel.ToLabel());
        if (baseLabel == Tlp.Amber)
        {
            if (forwarderType != OrganisationType.LinkingOrganisation)
                return new("AmberConstituencyOnly", "TLP:AMBER may be forwarded only by a linking organisation, to its own constituency.");
            var beyond = recipients.Count(r => !constituency.Contains(r));
            if (beyond > 0)
                return new("AmberBeyondConstituency", $"TLP:AMBER may be forwarded only to your own constituency; this audience reaches {beyond} organisation(s) outside it. Narrow the audience.", beyond.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return null;
    }
}
