using Schakel.Features.Accounts;
using Schakel.Features.Network;
using Schakel.Features.Sharing;

namespace Schakel.Tests.Features.Sharing;

/// <summary>How a model route reaches an organisation (docs/sharing-rules.md rules 4–6, 9).</summary>
public enum MRouteKind
{
    Direct,
    RelayDelivery,
    Relayed,
    Forwarded,
}

/// <summary>A route of the model: kind, the linking organisation it came through (relayed), and its forward or relay.</summary>
public sealed record MRoute(MRouteKind Kind, int? Via = null, int? Forward = null);

/// <summary>A forward or a carried-out relay: organisation, and the label stored only when stricter than the item's (rule 8).</summary>
public sealed record MForward(int Id, int Org, Tlp? Stored, bool IsRelay);

/// <summary>A relay task of one linking organisation for one item.</summary>
public sealed class MRelay
{
    public RelayStatus Status { get; set; } = RelayStatus.Pending;
    public List<int> Targets { get; } = [];
}

/// <summary>An item of the model with everything the rules decide about it.</summary>
public sealed class MItem(int publisherOrg, int? publisherPerson, Tlp tlp)
{
    public int PublisherOrg { get; } = publisherOrg;
    public int? PublisherPerson { get; } = publisherPerson;
    public Tlp Tlp { get; set; } = tlp;
    public ItemStatus Status { get; set; } = ItemStatus.Draft;
    public Dictionary<int, List<MRoute>> Routes { get; } = [];
    public HashSet<int> PersonDeliveries { get; } = [];
    public Dictionary<int, MForward> Forwards { get; } = [];
    public Dictionary<int, MRelay> Relays { get; } = [];
    public Dictionary<int, string> Unreachable { get; } = [];
}

/// <summary>
/// The independent model of docs/sharing-rules.md: plain collections, no Schakel service, rule or query is called.
/// It resolves generated operations into <see cref="Step"/>s, predicts for each whether it is refused, and answers who
/// may see which item, whose inbox holds it and under which label. The rule numbers in comments are those of that page.
/// </summary>
public sealed partial class SharingModel(NetworkSpec net)
{
    public static readonly string[] SectorPool = ["energy", "health", "banking"];
    public const string UnknownSector = "no-such-sector";

    public NetworkSpec Net { get; } = net;
    public List<MItem> Items { get; } = [];
    private readonly Dictionary<(int Org, Tlp Tlp), bool> policies = net.Policies.ToDictionary(p => (p.Org, p.Tlp), p => p.Automatic);
    private int nextForward = 1;

    private OrgSpec Org(int i) => Net.Orgs[i];
    private bool IsAnalyst(int p) => Net.People[p].Roles.Contains(Roles.Analyst);
    private static bool HasBasis(string wbni) => wbni != "none";
    private static bool Relayable(Tlp t) => t <= Tlp.Amber;
    private static bool Publishes(OrganisationType t) => t is OrganisationType.Coordinator or OrganisationType.LinkingOrganisation;
    private IEnumerable<int> Constituency(int linking) => Net.Memberships.Where(m => m.Linking == linking).Select(m => m.Member);

    /// <summary>Rule 12–14 and 11: whether person <paramref name="p"/> (null: anonymous) may see item <paramref name="i"/>.</summary>
    public bool MaySee(int? p, int i)
    {
        var it = Items[i];
        if (p is not { } person) return it.Status != ItemStatus.Draft && it.Tlp == Tlp.Clear;
        var org = Net.People[person].Org;
        if (it.Status == ItemStatus.Draft)
            return IsAnalyst(person) && org == it.PublisherOrg && (it.Tlp != Tlp.Red || it.PublisherPerson == person);
        if (it.Tlp == Tlp.Red) return it.PublisherPerson == person || it.PersonDeliveries.Contains(person);
        return it.Tlp == Tlp.Clear || org == it.PublisherOrg || it.Routes.ContainsKey(org);
    }

    /// <summary>Whether the item is in the person's inbox: their organisation's delivery, or a RED delivery to them.</summary>
    public bool InInbox(int p, int i) => Items[i].Routes.ContainsKey(Net.People[p].Org) || Items[i].PersonDeliveries.Contains(p);

    /// <summary>Rule 10: a route's label, and a delivery's effective label (the least strict of its routes).</summary>
    public Tlp RouteLabel(MItem it, MRoute r) =>
        r.Forward is { } f && it.Forwards[f].Stored is { } s && s > it.Tlp ? s : it.Tlp;

    public Tlp? EffectiveLabel(int i, int org) =>
        Items[i].Routes.TryGetValue(org, out var rs) ? rs.Min(r => RouteLabel(Items[i], r)) : null;

    /// <summary>Resolves a generated operation against the current state (picking plausible actors for smart ones).</summary>
    public Step Resolve(Op op)
    {
        var preferred = !op.Smart ? [] : Enumerable.Range(0, Items.Count).Where(i => op.Kind switch
        {
            OpKind.Forward => Items[i].Status == ItemStatus.Published && Items[i].Tlp != Tlp.Red && Items[i].Routes.Keys.Any(o => o != Items[i].PublisherOrg),
            OpKind.Relay => Items[i].Relays.Values.Any(r => r.Status == RelayStatus.Pending),
            OpKind.Relabel => Items[i].Tlp != Tlp.Red && Items[i].Status != ItemStatus.Retracted,
            OpKind.Retract => Items[i].Status == ItemStatus.Published,
            _ => Items[i].Status != ItemStatus.Retracted,
        }).ToList();
        int? item = preferred.Count > 0 ? preferred[op.Item % preferred.Count] : Items.Count == 0 ? null : op.Item % Items.Count;
        var active = Enumerable.Range(0, Net.People.Length).Where(p => Net.People[p].Active && Org(Net.People[p].Org).Active).ToList();
        List<int> Analysts(Func<int, bool> org) => active.Where(p => IsAnalyst(p) && org(Net.People[p].Org)).ToList();
        var candidates = !op.Smart ? active : op.Kind switch
        {
            // Half the smart publishes come from the coordinator, whose items take the relay route (rule 5).
            OpKind.Publish => op.Actor % 2 == 0 && Analysts(o => Org(o).Type == OrganisationType.Coordinator) is { Count: > 0 } c ? c : Analysts(o => Publishes(Org(o).Type)),
            OpKind.AddAudience or OpKind.Relabel or OpKind.Retract when item is { } i => Items[i].PublisherPerson is { } pp && active.Contains(pp)
                ? [pp] : Analysts(o => o == Items[i].PublisherOrg),
            OpKind.Forward when item is { } i => Analysts(o => o != Items[i].PublisherOrg && Items[i].Routes.ContainsKey(o) && Publishes(Org(o).Type)) is { Count: > 0 } f
                ? f : Analysts(o => o != Items[i].PublisherOrg && Items[i].Routes.ContainsKey(o)),
            OpKind.Relay when item is { } i => Analysts(o => Items[i].Relays.TryGetValue(o, out var r) && r.Status == RelayStatus.Pending),
            OpKind.SetPolicy => active.Where(p => Org(Net.People[p].Org).Type == OrganisationType.LinkingOrganisation).ToList(),
            _ => active,
        };
        if (candidates.Count == 0) candidates = active;
        var actor = candidates.Count == 0 ? 0 : candidates[op.Actor % candidates.Count];
        var tlp = op.Kind switch
        {
            OpKind.Publish or OpKind.Relabel => op.Tlp,
            OpKind.Forward or OpKind.Relay when op.HasTlp => op.Tlp,
            OpKind.SetPolicy => op.Tlp,
            _ => (Tlp?)null,
        };
        var red = op.Kind == OpKind.Publish ? op.Tlp == Tlp.Red : op.Kind == OpKind.AddAudience && item is { } ai && Items[ai].Tlp == Tlp.Red;
        // Smart forwards under AMBER address the forwarder's own constituency (rule 9), other smart audiences name what exists.
        var amber = op.Kind == OpKind.Forward && item is { } fi && EffectiveLabel(fi, Net.People[actor].Org) == Tlp.Amber;
        var audience = op.Audience.Select(a => ResolveAudience(a, actor, op.Smart, red, amber)).ToArray();
        var text = op.Kind switch
        {
            OpKind.Forward or OpKind.Relay => op.Text ? "Toelichting van de schakel." : null,
            OpKind.Retract => op.Text ? "Onjuist bericht." : "  ",
            _ => null,
        };
        return new Step(op.Kind, actor, op.Kind == OpKind.Publish || op.Kind == OpKind.SetPolicy ? null : item, tlp, audience, text,
            Cli: op.Kind == OpKind.Publish && op.Flag && !op.Smart, DraftOnly: op.Kind == OpKind.Publish && op.Flag && op.Smart, Automatic: op.Flag);
    }

    private ResolvedAud ResolveAudience(AudRef a, int actor, bool smart, bool red, bool amber)
    {
        var own = Net.People[actor].Org;
        var linking = Org(own).Type == OrganisationType.LinkingOrganisation;
        var kind = !smart ? a.Kind : red ? AudKind.Person : (a.Kind, amber) switch
        {
            (AudKind.Person or AudKind.UnknownOrg, false) => AudKind.Org,
            (AudKind.UnknownSector, false) => AudKind.Sector,
            (AudKind.Constituency, _) when linking => AudKind.OwnConstituency,
            (_, true) => a.Index % 2 == 0 ? AudKind.OwnConstituency : AudKind.Org,
            _ => a.Kind,
        };
        int[] orgs = !smart ? [.. Enumerable.Range(0, Net.Orgs.Length)]
            : kind == AudKind.Constituency ? [.. Enumerable.Range(0, Net.Orgs.Length).Where(o => Org(o).Type == OrganisationType.LinkingOrganisation)]
            : amber ? [.. Constituency(own).Where(o => Org(o).Active)]
            : [.. Enumerable.Range(0, Net.Orgs.Length).Where(o => Org(o).Active)];
        if (orgs.Length == 0) orgs = [.. Enumerable.Range(0, Net.Orgs.Length)];
        return kind switch
        {
            AudKind.Network => new(AudienceKind.Network),
            AudKind.Sector => new(AudienceKind.Sector, Sector: SectorPool[a.Index % SectorPool.Length]),
            AudKind.UnknownSector => new(AudienceKind.Sector, Sector: UnknownSector),
            AudKind.Constituency => new(AudienceKind.Constituency, Org: orgs[a.Index % orgs.Length]),
            AudKind.OwnConstituency => new(AudienceKind.Constituency, Org: own),
            AudKind.Org => new(AudienceKind.Organisation, Org: orgs[a.Index % orgs.Length]),
            AudKind.UnknownOrg => new(AudienceKind.Organisation, Org: -1),
            _ => new(AudienceKind.Person, Person: a.Index % Net.People.Length),
        };
    }

    /// <summary>Applies a step; returns true when the rules refuse it (a refused step changes nothing).</summary>
    public bool Apply(Step s) => s.Kind switch
    {
        OpKind.Publish => Publish(s),
        OpKind.AddAudience => s.Item is not { } i || AddAudience(s, i),
        OpKind.Forward => s.Item is not { } i || Forward(s, i),
        OpKind.Relay => s.Item is not { } i || Relay(s, i),
        OpKind.Relabel => s.Item is not { } i || Relabel(s, i),
        OpKind.Retract => s.Item is not { } i || Retract(s, i),
        _ => SetPolicy(s),
    };

    private bool Publish(Step s)
    {
        var person = Net.People[s.Actor];
        var it = new MItem(person.Org, s.Cli ? null : s.Actor, s.Tlp!.Value);
        Items.Add(it); // the draft exists whether or not publishing it is refused
        return !s.DraftOnly && PublishTo(it, person.Org, s.Audience);
    }

    private bool AddAudience(Step s, int i) => PublishTo(Items[i], Net.People[s.Actor].Org, s.Audience);

    /// <summary>Rules 1–5 for a publish (or a further audience of a published item). Returns true when refused.</summary>
    private bool PublishTo(MItem it, int publisher, ResolvedAud[] audience)
    {
        if (it.PublisherOrg != publisher || it.Status == ItemStatus.Retracted) return true;
        if (it.Tlp == Tlp.Red && it.PublisherPerson is null) return true;
        if (!Publishes(Org(publisher).Type) || audience.Length == 0) return true;
        foreach (var a in audience)
        {
            if ((it.Tlp == Tlp.Red) != (a.Kind == AudienceKind.Person)) return true;
            if (!ValidOrganisationAudience(a)) return true;
            if (a.Kind == AudienceKind.Person && !(Net.People[a.Person!.Value].Active && Org(Net.People[a.Person.Value].Org).Active)) return true;
            if (a.Kind == AudienceKind.Constituency && Org(publisher).Type != OrganisationType.Coordinator && a.Org != publisher) return true;
        }

        it.Status = ItemStatus.Published;
        if (it.Tlp == Tlp.Red)
        {
            foreach (var a in audience.Where(a => a.Person != it.PublisherPerson)) it.PersonDeliveries.Add(a.Person!.Value);
            return false;
        }

        var recipients = ResolveAll(audience).Where(o => o != publisher).Distinct().ToList();
        if (Org(publisher).Type != OrganisationType.Coordinator)
        {
            foreach (var r in recipients) AddRoute(it, r, new MRoute(MRouteKind.Direct)); // rule 4
            return false;
        }

        foreach (var r in recipients.Where(r => HasBasis(Org(r).Wbni))) AddRoute(it, r, new MRoute(MRouteKind.Direct)); // rule 5
        RouteWithoutBasis(it, recipients.Where(r => !HasBasis(Org(r).Wbni)).ToList());
        return false;
    }

    /// <summary>Whether an organisation audience names something that exists (sector key, active organisation, linking organisation).</summary>
    private bool ValidOrganisationAudience(ResolvedAud a) => a.Kind switch
    {
        AudienceKind.Sector => a.Sector != UnknownSector,
        AudienceKind.Organisation => a.Org >= 0 && Org(a.Org!.Value).Active,
        AudienceKind.Constituency => Org(a.Org!.Value).Type == OrganisationType.LinkingOrganisation,
        _ => true,
    };

    /// <summary>Rule 3: the active organisations an audience reaches (before removing publisher and forwarder).</summary>
    private IEnumerable<int> ResolveAll(IEnumerable<ResolvedAud> audience)
    {
        foreach (var a in audience)
        {
            for (var o = 0; o < Net.Orgs.Length; o++)
            {
                if (!Org(o).Active) continue;
                var hit = a.Kind switch
                {
                    AudienceKind.Network => true,
                    AudienceKind.Sector => Org(o).Sectors.Contains(a.Sector),
                    AudienceKind.Organisation => a.Org == o,
                    AudienceKind.Constituency => Net.Memberships.Contains((a.Org!.Value, o)),
                    _ => false,
                };
                if (hit) yield return o;
            }
        }
    }

    /// <summary>Adds a route unless the organisation already has the same one (a direct route, a relay delivery, a route via the same linking organisation, a route of the same forward).</summary>
    private static void AddRoute(MItem it, int org, MRoute route)
    {
        if (!it.Routes.TryGetValue(org, out var routes)) it.Routes[org] = routes = [];
        var same = route.Kind switch
        {
            MRouteKind.Relayed => routes.Any(r => r.Kind == MRouteKind.Relayed && r.Via == route.Via),
            MRouteKind.Forwarded => routes.Any(r => r.Forward == route.Forward),
            _ => routes.Any(r => r.Kind == route.Kind),
        };
        if (!same) routes.Add(route);
    }
}
