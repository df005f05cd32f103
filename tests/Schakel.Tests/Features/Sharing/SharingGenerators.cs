using CsCheck;
using Schakel.Features.Accounts;
using Schakel.Features.Network;
using Schakel.Features.Sharing;

namespace Schakel.Tests.Features.Sharing;

/// <summary>
/// CsCheck generators for the sharing property tests: small networks (3–10 organisations: one coordinator, 1–3
/// linking organisations, members and now and then a director; random sectors, Wbni categories with <c>none</c> half
/// the time, some inactive; members in zero to three constituencies; 1–2 people per organisation with random roles;
/// random relay policies) and chains of 1–8 operations, valid and invalid ones mixed.
/// </summary>
public static class SharingGenerators
{
    private static readonly Gen<string> Wbni = Gen.Frequency(
        (1, Gen.Const("none")),
        (1, Gen.OneOf(Vocabulary.WbniCategories.Where(c => c != "none").ToArray())));

    // Linking organisations mostly have a basis, so that relays happen often.
    private static readonly Gen<string> LinkingWbni = Gen.Frequency((1, Gen.Const("none")), (4, Gen.OneOf(Vocabulary.WbniCategories.Where(c => c != "none").ToArray())));

    private static Gen<OrgSpec> OrgOf(Gen<OrganisationType> type, Gen<string>? wbni = null) =>
        Gen.Select(type, Gen.Int[0, 7], wbni ?? Wbni, Gen.Int[0, 99], (t, sectors, wbni, active) => new OrgSpec(t,
            SharingModel.SectorPool.Where((_, i) => (sectors & (1 << i)) != 0).ToArray(), wbni, active >= 15));

    private static readonly Gen<string[]> RoleSet = Gen.Int[0, 99].Array[5].Select(r => new[]
    {
        r[0] < 70 ? Roles.Analyst : null, r[1] < 30 ? Roles.Reader : null, r[2] < 20 ? Roles.OrgAdmin : null,
        r[3] < 10 ? Roles.PlatformAdmin : null, r[4] < 10 ? Roles.Auditor : null,
    }.OfType<string>().ToArray());

    private static readonly Gen<(string[] Roles, bool Active)> Person = Gen.Select(RoleSet, Gen.Int[0, 99], (roles, a) => (roles, a >= 10));

    /// <summary>A random network; organisation 0 is the (active) coordinator, 1..L the linking organisations.</summary>
    public static readonly Gen<NetworkSpec> Network =
        from linking in Gen.Int[1, 3]
        from others in Gen.Int[1, 6]
        from coordinator in OrgOf(Gen.Const(OrganisationType.Coordinator))
        from links in OrgOf(Gen.Const(OrganisationType.LinkingOrganisation), LinkingWbni).Array[linking]
        from rest in OrgOf(Gen.Frequency((8, Gen.Const(OrganisationType.Member)), (1, Gen.Const(OrganisationType.Director)))).Array[others]
        from masks in Gen.Int[0, 7].Array[1 + linking + others]
        from people in Person.Array[1, 2].Array[1 + linking + others]
        from policies in Gen.Int[0, 3].Array[3].Array[linking] // 0: default (automatic), 1: automatic, 2–3: review first — so relays also wait
        select Build([coordinator with { Active = true }, .. links, .. rest], linking, masks, people, policies);

    private static NetworkSpec Build(OrgSpec[] orgs, int linking, int[] masks, (string[] Roles, bool Active)[][] people, int[][] policies)
    {
        // Members sit in any subset of the constituencies; a linking organisation only now and then in another's.
        var memberships = new List<(int, int)>();
        for (var o = 1; o < orgs.Length; o++)
        {
            if (o <= linking && masks[o] < 6) continue;
            for (var l = 1; l <= linking; l++)
                if (l != o && (masks[o] & (1 << (l - 1))) != 0) memberships.Add((l, o));
        }

        var persons = people.SelectMany((ps, o) => ps.Select(p => new PersonSpec(o, p.Roles, p.Active))).ToArray();
        var stored = new List<PolicySpec>();
        Tlp[] relayable = [Tlp.Clear, Tlp.Green, Tlp.Amber];
        for (var l = 0; l < linking; l++)
            for (var t = 0; t < 3; t++)
                if (policies[l][t] > 0) stored.Add(new PolicySpec(l + 1, relayable[t], policies[l][t] == 1));
        return new NetworkSpec(orgs, [.. memberships], persons, [.. stored]);
    }

    private static readonly Gen<AudKind> AudienceKind = Gen.Frequency(
        (2, Gen.Const(AudKind.Network)), (2, Gen.Const(AudKind.Sector)), (2, Gen.Const(AudKind.Constituency)), (3, Gen.Const(AudKind.Org)),
        (2, Gen.Const(AudKind.Person)), (3, Gen.Const(AudKind.OwnConstituency)), (1, Gen.Const(AudKind.UnknownSector)), (1, Gen.Const(AudKind.UnknownOrg)));

    private static readonly Gen<AudRef[]> Audience = Gen.Frequency(
        (1, Gen.Const(Array.Empty<AudRef>())),
        (20, Gen.Select(AudienceKind, Gen.Int[0, 99], (k, i) => new AudRef(k, i)).Array[1, 3]));

    private static readonly Gen<OpKind> Kind = Gen.Frequency(
        (4, Gen.Const(OpKind.Publish)), (1, Gen.Const(OpKind.AddAudience)), (4, Gen.Const(OpKind.Forward)), (2, Gen.Const(OpKind.Relay)),
        (3, Gen.Const(OpKind.Relabel)), (1, Gen.Const(OpKind.Retract)), (1, Gen.Const(OpKind.SetPolicy)));

    /// <summary>One operation (see <see cref="Op"/>); 80% smart, labels uniform over the five TLP labels.</summary>
    public static readonly Gen<Op> Operation = Gen.Select(Kind, Gen.Int[0, 99], Gen.Int[0, 9], Gen.Int[0, 99], Gen.Enum<Tlp>(), Gen.Int[0, 2],
        Audience, Gen.Int[0, 3], Gen.Int[0, 9],
        (kind, actor, smart, item, tlp, hasTlp, audience, flag, text) => new Op(kind, actor, smart < 8, item, tlp, hasTlp == 0, audience, flag == 0, text < 8));

    /// <summary>A network and 1–8 operations, the first a publish (so that the others have an item to work on).</summary>
    public static readonly Gen<SharingCase> Case = Gen.Select(Network, Operation, Operation.Array[0, 7],
        (n, first, ops) => new SharingCase(n, [first with { Kind = OpKind.Publish }, .. ops]));
}
