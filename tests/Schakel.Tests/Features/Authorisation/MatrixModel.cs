using System.Net;

namespace Schakel.Tests.Features.Authorisation;

/// <summary>How a caller authenticates: not at all, the sign-in cookie, an API token as Bearer, or the token as HTTP Basic password.</summary>
public enum Auth
{
    Anonymous,
    Cookie,
    Bearer,
    Basic,
}

/// <summary>A person the matrix calls as: e-mail, organisation key, roles, and what the person stands for in failure messages.</summary>
public sealed record MatrixPerson(string Email, string Org, string Label, IReadOnlyList<string> Roles)
{
    public bool Has(string role) => Roles.Contains(role);
}

/// <summary>One caller: a person (null: anonymous) over one kind of authentication, with its own HTTP client and antiforgery token.</summary>
public sealed class Caller(string name, MatrixPerson? person, Auth auth, HttpClient client, string antiforgery)
{
    public string Name { get; } = name;
    public MatrixPerson? Person { get; } = person;
    public Auth Auth { get; } = auth;
    public HttpClient Client { get; } = client;
    public string Antiforgery { get; } = antiforgery;

    /// <summary>Organisation of the caller; anonymous callers are given the coordinator's, so that "own" subjects exist for them too.</summary>
    public string Org => Person?.Org ?? "ncsc";
    public bool Is(string role) => Person?.Has(role) == true;
    public bool Token => Auth is Auth.Bearer or Auth.Basic;
    public override string ToString() => Name;
}

/// <summary>
/// A subject of a row: what the route's parameter names (an item, an organisation key, a person id), resolved per caller
/// because "own organisation" differs per caller. <see cref="Item"/> is set for item subjects.
/// </summary>
public sealed record Subject(string Name, Func<Caller, string> Resolve, ItemSpec? Item = null)
{
    public override string ToString() => Name;
}

/// <summary>The expected answer: a status and, for redirects, the start of the Location.</summary>
public readonly record struct Expected(int Status, string? Location = null)
{
    public static implicit operator Expected(int status) => new(status);

    public static implicit operator Expected(HttpStatusCode status) => new((int)status);

    public override string ToString() => Location is null ? Status.ToString() : $"{Status} → {Location}";
}

/// <summary>One request of the matrix: who asks about what.</summary>
public sealed record Call(Caller Caller, Subject Subject, MatrixFixture Fx)
{
    public MatrixPerson? Person => Caller.Person;
    public ItemSpec Item => Subject.Item ?? throw new InvalidOperationException($"{Subject} is not an item.");
    public bool SeesItem => Fx.MaySee(Person, Item);
    public bool HoldsDelivery => Fx.Holds(Person, Item);
}

/// <summary>A cell of the table: the expected answer for a call.</summary>
public delegate Expected Cell(Call call);
