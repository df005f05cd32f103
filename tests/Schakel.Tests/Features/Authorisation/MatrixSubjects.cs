namespace Schakel.Tests.Features.Authorisation;

/// <summary>Who a rule reaches: everyone (also anonymous), or the people of some organisations and some named people.</summary>
public sealed record Who(bool Everyone, IReadOnlySet<string> Orgs, IReadOnlySet<string> People)
{
    public static readonly Who All = new(true, new HashSet<string>(), new HashSet<string>());
    public static readonly Who Nobody = new(false, new HashSet<string>(), new HashSet<string>());

    public static Who OrgsOf(params string[] keys) => new(false, keys.ToHashSet(), new HashSet<string>());

    public static Who PeopleOf(params string[] emails) => new(false, new HashSet<string>(), emails.ToHashSet());

    public bool Includes(MatrixPerson? p) => Everyone || (p is not null && (Orgs.Contains(p.Org) || People.Contains(p.Email)));
}

/// <summary>
/// An item the matrix publishes, and what the rules (README, docs/sharing-rules.md, DESIGN.md section 3) say about it.
/// <see cref="Tlp"/> null-free; <see cref="Audience"/> empty means a draft. <see cref="Sees"/>: who may read it;
/// <see cref="Holds"/>: who holds a delivery (so may change its state); <see cref="Forwarders"/>: who may forward it with
/// <see cref="ForwardTo"/>; <see cref="Relayers"/>: who may carry out its pending relay; <see cref="Originators"/>: who may relabel it (to <see cref="RelabelTo"/>) and retract it.
/// </summary>
public sealed record ItemSpec(string Name, string Tlp, string Publisher, string[] Audience, Who Sees, Who Holds)
{
    public Who Forwarders { get; init; } = Who.Nobody;
    public string ForwardTo { get; init; } = "org:ziekenhuis-rijnoever";
    public Who Originators { get; init; } = Who.Nobody;
    public string RelabelTo { get; init; } = "AMBER";

    /// <summary>Who has a pending relay of it (an analyst of the linking organisation whose policy for the label is review first).</summary>
    public Who Relayers { get; init; } = Who.Nobody;

    /// <summary>What an analyst who sees the item but may not forward it gets: 403, or 400 (RED is never passed on), 409 (a draft).</summary>
    public int ForwardRefused { get; init; } = 403;

    /// <summary>False for RED: not even its originator relabels it (400).</summary>
    public bool Relabels { get; init; } = true;
    public bool IsDraft => Audience.Length == 0;

    /// <summary>The text in the title of every copy of this item, which a body may show only to those who see it.</summary>
    public string TitleMark => $"MATRIX[{Name}]";
}
