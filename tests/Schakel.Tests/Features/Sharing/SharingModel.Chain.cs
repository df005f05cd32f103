using Schakel.Features.Accounts;
using Schakel.Features.Network;
using Schakel.Features.Sharing;

namespace Schakel.Tests.Features.Sharing;

/// <summary>The model's sharing chain: relays (rules 5–6), forwards (7–9), relabel (15–16), retract (17), relay policies.</summary>
public sealed partial class SharingModel
{
    public const string NoBasisNoLinkingOrganisation = "NoBasisNoLinkingOrganisation", NoLinkingOrganisationWithBasis = "NoLinkingOrganisationWithBasis",
        LabelForbidsRelay = "LabelForbidsRelay";

    private bool Automatic(int linking, Tlp tlp) => policies.TryGetValue((linking, tlp), out var a) ? a : tlp <= Tlp.Amber; // rule 6: automatic unless chosen otherwise

    /// <summary>
    /// Rule 5 for members without a basis of their own: a relay delivery and a relay task per active linking organisation
    /// with a basis, or an unreachable record. A task that must (again) carry a member is pending; automatic policies
    /// carry it out at once (rule 6).
    /// </summary>
    private void RouteWithoutBasis(MItem it, List<int> members)
    {
        var targets = new Dictionary<int, List<int>>();
        foreach (var m in members)
        {
            var links = Net.Memberships.Where(x => x.Member == m).Select(x => x.Linking).ToList();
            var usable = links.Where(l => Org(l).Active && HasBasis(Org(l).Wbni)).ToList();
            if (usable.Count == 0) it.Unreachable.TryAdd(m, links.Count == 0 ? NoBasisNoLinkingOrganisation : NoLinkingOrganisationWithBasis);
            else if (!Relayable(it.Tlp)) it.Unreachable.TryAdd(m, LabelForbidsRelay);
            else
            {
                foreach (var l in usable)
                {
                    if (!targets.TryGetValue(l, out var list)) targets[l] = list = [];
                    list.Add(m);
                }
            }
        }

        foreach (var (l, list) in targets)
        {
            AddRoute(it, l, new MRoute(MRouteKind.RelayDelivery));
            if (!it.Relays.TryGetValue(l, out var relay)) it.Relays[l] = relay = new MRelay();
            var fresh = list.Where(m => !relay.Targets.Contains(m)).ToList();
            relay.Targets.AddRange(fresh);
            // A member routed again after its relay was cancelled (rule 16) must be carried again, like a new one.
            if (fresh.Count > 0 || relay.Status == RelayStatus.Cancelled) relay.Status = RelayStatus.Pending;
            if (relay.Status == RelayStatus.Pending && Automatic(l, it.Tlp)) ExecuteRelay(it, l, null);
        }
    }

    /// <summary>Rule 6: every listed member gets a relayed route via the linking organisation, under its relay's label.</summary>
    private void ExecuteRelay(MItem it, int linking, Tlp? tlp)
    {
        var f = new MForward(nextForward++, linking, tlp is { } t && t > it.Tlp ? t : null, IsRelay: true);
        it.Forwards[f.Id] = f;
        foreach (var m in it.Relays[linking].Targets) AddRoute(it, m, new MRoute(MRouteKind.Relayed, Via: linking, Forward: f.Id));
        it.Relays[linking].Status = RelayStatus.Done;
    }

    /// <summary>Rule 9's label test: may an organisation of this type holding the item under this label pass it to these recipients?</summary>
    private bool MayPassOn(int org, Tlp held, IReadOnlyCollection<int> recipients)
    {
        var type = Org(org).Type;
        if (!Publishes(type) || held >= Tlp.AmberStrict) return false;
        if (held == Tlp.Amber)
        {
            var constituency = Constituency(org).ToHashSet();
            return type == OrganisationType.LinkingOrganisation && recipients.All(constituency.Contains);
        }

        return true;
    }

    private bool Forward(Step s, int i)
    {
        var it = Items[i];
        var org = Net.People[s.Actor].Org;
        if (!IsAnalyst(s.Actor) || !MaySee(s.Actor, i)) return true; // rule 7
        if (it.Tlp == Tlp.Red || it.Status != ItemStatus.Published || it.PublisherOrg == org) return true;
        if (EffectiveLabel(i, org) is not { } held) return true;
        if (s.Tlp is { } t && (t < held || t == Tlp.Red)) return true; // rule 8
        if (s.Audience.Length == 0 || s.Audience.Any(a => a.Kind == AudienceKind.Person || !ValidOrganisationAudience(a))) return true;
        var recipients = ResolveAll(s.Audience).Where(o => o != it.PublisherOrg && o != org).Distinct().ToList();
        if (!MayPassOn(org, held, recipients) || recipients.Count == 0) return true; // rule 9: refused as a whole
        var label = s.Tlp ?? held;
        var f = new MForward(nextForward++, org, label > it.Tlp ? label : null, IsRelay: false);
        it.Forwards[f.Id] = f;
        foreach (var r in recipients) AddRoute(it, r, new MRoute(MRouteKind.Forwarded, Forward: f.Id));
        return false;
    }

    private bool Relay(Step s, int i)
    {
        var it = Items[i];
        var org = Net.People[s.Actor].Org;
        if (!IsAnalyst(s.Actor) || !it.Relays.TryGetValue(org, out var relay) || relay.Status != RelayStatus.Pending) return true;
        if (it.Status != ItemStatus.Published || s.Tlp is { } t && (t < it.Tlp || t == Tlp.Red)) return true;
        ExecuteRelay(it, org, s.Tlp);
        return false;
    }

    private bool Originator(int p, MItem it) => MaySee(p, Items.IndexOf(it)) && IsAnalyst(p) && Net.People[p].Org == it.PublisherOrg
        && (it.Tlp != Tlp.Red || it.PublisherPerson == p);

    private bool Relabel(Step s, int i)
    {
        var it = Items[i];
        var to = s.Tlp!.Value;
        if (!Originator(s.Actor, it) || it.Status == ItemStatus.Retracted) return true;
        if (it.Tlp == Tlp.Red || to == Tlp.Red || it.Tlp == to) return true; // rule 15: non-RED to another non-RED
        var from = it.Tlp;
        it.Tlp = to;
        if (it.Status != ItemStatus.Published) return false;
        ApplyLabel(it);
        if (to < from && Relayable(to))
        {
            // Rule 16: relaxing from AMBER+STRICT routes the members it made unreachable again (rule 5).
            var blocked = it.Unreachable.Where(u => u.Value == LabelForbidsRelay).Select(u => u.Key).ToList();
            foreach (var b in blocked) it.Unreachable.Remove(b);
            RouteWithoutBasis(it, blocked);
        }

        return false;
    }

    /// <summary>Rule 15 (least fixpoint) and rule 16 (relays under a label that cannot be relayed).</summary>
    private void ApplyLabel(MItem it)
    {
        var relayable = Relayable(it.Tlp);
        bool Base(MRoute r) => r.Kind == MRouteKind.Direct || (r.Kind == MRouteKind.RelayDelivery && relayable);
        var counted = it.Routes.ToDictionary(kv => kv.Key, kv => kv.Value.Where(Base).ToList());
        var accepted = new HashSet<int>();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var f in it.Forwards.Values.Where(f => !accepted.Contains(f.Id)))
            {
                if (!counted.TryGetValue(f.Org, out var holding) || holding.Count == 0) continue;
                var held = holding.Min(r => RouteLabel(it, r));
                var recipients = it.Routes.Where(kv => kv.Value.Any(r => r.Forward == f.Id)).Select(kv => kv.Key).ToList();
                if (!MayPassOn(f.Org, held, recipients)) continue;
                accepted.Add(f.Id);
                foreach (var r in recipients) counted[r].AddRange(it.Routes[r].Where(x => x.Forward == f.Id));
                changed = true;
            }
        }

        foreach (var (org, routes) in counted)
        {
            if (routes.Count == 0) it.Routes.Remove(org);
            else it.Routes[org] = routes;
        }

        if (relayable) return;
        var targets = it.Relays.Values.Where(r => r.Status != RelayStatus.Cancelled).SelectMany(r => r.Targets).Distinct().ToList();
        foreach (var r in it.Relays.Values) r.Status = RelayStatus.Cancelled;
        foreach (var t in targets.Where(t => !it.Routes.ContainsKey(t))) it.Unreachable.TryAdd(t, LabelForbidsRelay);
    }

    private bool Retract(Step s, int i)
    {
        var it = Items[i];
        if (string.IsNullOrWhiteSpace(s.Text) || !Originator(s.Actor, it)) return true;
        // Rule 17 retracts what was shared; a draft was never shared (ItemChangeService: "a published item").
        if (it.Status != ItemStatus.Published) return true;
        it.Status = ItemStatus.Retracted;
        foreach (var r in it.Relays.Values.Where(r => r.Status == RelayStatus.Pending)) r.Status = RelayStatus.Cancelled;
        return false;
    }

    private bool SetPolicy(Step s)
    {
        var person = Net.People[s.Actor];
        if (Org(person.Org).Type != OrganisationType.LinkingOrganisation || !(person.Roles.Contains(Roles.OrgAdmin) || IsAnalyst(s.Actor))) return true;
        if (!Relayable(s.Tlp!.Value)) return true;
        policies[(person.Org, s.Tlp.Value)] = s.Automatic;
        return false;
    }
}
