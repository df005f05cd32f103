using System.Text;
using Schakel.Features.Network;
using Schakel.Features.Sharing;

namespace Schakel.Tests.Features.Sharing;

/// <summary>One organisation of a generated network: its type, sectors, Wbni article 3 category and active flag.</summary>
public sealed record OrgSpec(OrganisationType Type, string[] Sectors, string Wbni, bool Active);

/// <summary>One person: index of their organisation, roles, active flag.</summary>
public sealed record PersonSpec(int Org, string[] Roles, bool Active);

/// <summary>A linking organisation's stored relay choice for a label (absent: the default).</summary>
public sealed record PolicySpec(int Org, Tlp Tlp, bool Automatic);

/// <summary>
/// A generated network: organisation 0 is the coordinator; memberships are (linking organisation, member) index
/// pairs, a member may sit in several constituencies.
/// </summary>
public sealed record NetworkSpec(OrgSpec[] Orgs, (int Linking, int Member)[] Memberships, PersonSpec[] People, PolicySpec[] Policies);

/// <summary>What an audience reference points at; resolved against the network (and the acting organisation) by the model.</summary>
public enum AudKind
{
    Network,
    Sector,
    Constituency,
    Org,
    Person,
    OwnConstituency,
    UnknownSector,
    UnknownOrg,
}

/// <summary>An audience reference; <see cref="Index"/> picks the sector, organisation or person modulo their count.</summary>
public sealed record AudRef(AudKind Kind, int Index);

/// <summary>Operation kinds of a chain.</summary>
public enum OpKind
{
    Publish,
    AddAudience,
    Forward,
    Relay,
    Relabel,
    Retract,
    SetPolicy,
}

/// <summary>
/// One generated operation. Indices are taken modulo what exists when the operation runs. <see cref="Smart"/> lets the
/// model pick a plausible actor (an analyst who holds the item, the originator, …) so that valid operations are common;
/// without it the actor is any active person, and most such operations are refused.
/// </summary>
public sealed record Op(OpKind Kind, int Actor, bool Smart, int Item, Tlp Tlp, bool HasTlp, AudRef[] Audience, bool Flag, bool Text)
{
    public override string ToString() =>
        $"{Kind}(actor#{Actor}{(Smart ? " smart" : "")}, item#{Item}, {(HasTlp ? Tlp.ToLabel() : "-")}, [{string.Join(", ", Audience.Select(a => $"{a.Kind}#{a.Index}"))}], flag={Flag}, text={Text})";
}

/// <summary>A generated case: a network and a chain of operations.</summary>
public sealed record SharingCase(NetworkSpec Network, Op[] Ops)
{
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine("Network:");
        for (var i = 0; i < Network.Orgs.Length; i++)
        {
            var o = Network.Orgs[i];
            var of = Network.Memberships.Where(m => m.Member == i).Select(m => "o" + m.Linking);
            sb.AppendLine($"  o{i}: {o.Type}{(o.Active ? "" : " INACTIVE")} wbni={o.Wbni} sectors=[{string.Join(",", o.Sectors)}] constituencies=[{string.Join(",", of)}]");
        }

        for (var i = 0; i < Network.People.Length; i++)
        {
            var p = Network.People[i];
            sb.AppendLine($"  p{i}: o{p.Org} [{string.Join(",", p.Roles)}]{(p.Active ? "" : " INACTIVE")}");
        }

        foreach (var p in Network.Policies) sb.AppendLine($"  policy o{p.Org} {p.Tlp.ToLabel()} automatic={p.Automatic}");
        sb.AppendLine("Operations:");
        foreach (var op in Ops) sb.AppendLine("  " + op);
        return sb.ToString();
    }
}

/// <summary>An audience resolved to concrete targets: <see cref="Org"/> -1 is a key no organisation has.</summary>
public sealed record ResolvedAud(AudienceKind Kind, int? Org = null, string? Sector = null, int? Person = null)
{
    public override string ToString() => Kind switch
    {
        AudienceKind.Network => "network",
        AudienceKind.Sector => $"sector:{Sector}",
        AudienceKind.Constituency => $"constituency:o{Org}",
        AudienceKind.Organisation => $"org:o{Org}",
        _ => $"person:p{Person}",
    };
}

/// <summary>
/// An operation as both sides carry it out: the acting person, the item (index in creation order; null when there is
/// none yet), label, audience, note or reason, and the flags (command line without person, draft only, automatic).
/// </summary>
public sealed record Step(OpKind Kind, int Actor, int? Item, Tlp? Tlp, ResolvedAud[] Audience, string? Text, bool Cli = false, bool DraftOnly = false, bool Automatic = false)
{
    public override string ToString() =>
        $"{Kind} by p{Actor}{(Item is { } i ? $" item{i}" : "")}{(Tlp is { } t ? " " + t.ToLabel() : "")}{(Audience.Length > 0 ? " [" + string.Join(" ", Audience.Select(a => a.ToString())) + "]" : "")}"
        + $"{(Text is null ? "" : $" text='{Text}'")}{(Cli ? " cli" : "")}{(DraftOnly ? " draft-only" : "")}{(Kind == OpKind.SetPolicy ? $" automatic={Automatic}" : "")}";
}
