using Schakel.Features.Accounts;

namespace Schakel.Tests.Features.Authorisation;

/// <summary>
/// A row of the matrix: the endpoint (as <see cref="EndpointInventory"/> names it), its subjects, and the cells for
/// anonymous callers, cookie sessions and API tokens. <see cref="Body"/> builds a body that would succeed for an allowed
/// caller. <see cref="FreshSubjectOnSuccess"/>: an allowed call acts on a new copy of the item, so that what it changes
/// (a label, a retraction) does not change the answers of other rows. <see cref="FreshClient"/>: each call gets a new
/// client of the same kind (signing in or out must not end the caller's session).
/// </summary>
public sealed record Row(string Endpoint, Subject[] Subjects, Cell Anonymous, Cell Session, Cell Token)
{
    public Func<Call, Task<HttpContent?>>? Body { get; init; }
    public bool FreshSubjectOnSuccess { get; init; }
    public bool FreshClient { get; init; }
    public string Query { get; init; } = "";

    /// <summary>Administration and audit views: the answer names no item at all (no title, RED or other), whoever asks.</summary>
    public bool ShowsNoTitles { get; init; }

    public string Method => Endpoint.Split(' ')[0];
    public string Route => Endpoint.Split(' ')[1];
    public string? Handler => Endpoint.Split(' ') is { Length: 3 } parts ? parts[2].Trim('[', ']') : null;
    public bool IsApi => Route.StartsWith("/api/", StringComparison.Ordinal);

    public Cell For(Caller caller) => caller.Auth switch
    {
        Auth.Anonymous => Anonymous,
        Auth.Cookie => Session,
        _ => Token,
    };
}

/// <summary>The rules the cells are made of. Each states one rule of README.md, docs/sharing-rules.md or DESIGN.md.</summary>
public static class Cells
{
    /// <summary>Organisations whose analysts publish and forward: the coordinator and the linking organisations among the callers.</summary>
    private static readonly HashSet<string> PublishingOrgs = ["ncsc", "z-cert", "ibd"];

    /// <summary>The linking organisations among the callers: they relay and have a relay policy.</summary>
    private static readonly HashSet<string> LinkingOrgs = ["z-cert", "ibd"];

    /// <summary>Always this answer.</summary>
    public static Cell S(int status, string? location = null) => _ => new Expected(status, location);

    /// <summary>Pages that need a signed-in person send anonymous visitors to the sign-in page.</summary>
    public static readonly Cell SignIn = S(302, "/sign-in");

    /// <summary>Reading an item: allowed when the caller may see it, otherwise 404 exactly like an unknown id (never 403).</summary>
    public static Cell Sees(Expected ok) => c => c.SeesItem ? ok : 404;

    /// <summary>Changing a delivery's state: only who holds a delivery (else 404); an auditor (only) is refused.</summary>
    public static Cell Holder(Expected ok, Expected auditorOnly) => c =>
        !c.HoldsDelivery ? 404 : c.Caller.Is(Roles.Analyst) || c.Caller.Is(Roles.OrgAdmin) || c.Caller.Is(Roles.Reader) ? ok : auditorOnly;

    /// <summary>Analysts of the coordinator or a linking organisation publish; the publishing pages are 404 for anyone else.</summary>
    public static Cell Publisher(Expected ok, int notPublisher = 404) => c => MayPublish(c.Caller) ? ok : notPublisher;

    /// <summary>Publishing a draft: the draft's own publishing analysts; anything else (other items, others' drafts) 404.</summary>
    public static readonly Cell DraftPublisher = c => c.Item.IsDraft && c.SeesItem && MayPublish(c.Caller) ? new Expected(302, "/items/") : 404;

    /// <summary>
    /// Forwarding: 404 when the caller may not see the item, whatever its role (like every other item endpoint); then
    /// only analysts forward (403); 200 for the item's forwarders, the item's refusal otherwise.
    /// </summary>
    public static readonly Cell Forwarder = c =>
        !c.SeesItem ? 404 : !c.Caller.Is(Roles.Analyst) ? 403 : c.Item.Forwarders.Includes(c.Person) ? 200 : c.Item.ForwardRefused;

    /// <summary>Relabel: the originator only (403 for others who see it, 404 for who does not); RED not even by its originator (400).</summary>
    public static readonly Cell Relabeller = c =>
        !c.SeesItem ? 404 : !c.Item.Originators.Includes(c.Person) ? 403 : c.Item.Relabels ? 200 : 400;

    /// <summary>
    /// Relay over the API: 404 when the caller may not see the item; only analysts (403) of linking organisations (403) relay;
    /// 200 for a pending relay of the caller's organisation, 409 when nothing is pending (done already, a draft, RED).
    /// </summary>
    public static readonly Cell Relayer = c =>
        !c.SeesItem ? 404 : !c.Caller.Is(Roles.Analyst) || !LinkingOrgs.Contains(c.Caller.Org) ? 403 : c.Item.Relayers.Includes(c.Person) ? 200 : 409;

    /// <summary>
    /// An item page action (relay, relabel, retract): 404 when the caller may not see the item (anonymous visitors too);
    /// the allowed redirect back to the item; anyone else who sees it gets the page again with the rule's text (200).
    /// </summary>
    public static Cell ItemAction(Func<Call, bool> allowed) => c => !c.SeesItem ? 404 : allowed(c) ? new Expected(302, "/items/") : 200;

    /// <summary>The forward page: 404 when the caller may not see the item, 403 when it sees but may not forward it.</summary>
    public static Cell ForwardPage(Expected ok) => c => !c.SeesItem ? 404 : c.Item.Forwarders.Includes(c.Person) ? ok : 403;

    /// <summary>A linking organisation's relays page: its people; 404 for other organisations.</summary>
    public static Cell LinkingOrg(Expected ok) => c => LinkingOrgs.Contains(c.Caller.Org) ? ok : 404;

    /// <summary>The relay policy: read by a linking organisation's people, set by its administrators and analysts; 403 elsewhere.</summary>
    public static Cell PolicyReader(Expected ok) => c => LinkingOrgs.Contains(c.Caller.Org) ? ok : 403;

    /// <summary>Setting the relay policy: administrators and analysts of a linking organisation; <paramref name="otherOrg"/> for other organisations, 403 for other roles.</summary>
    public static Cell PolicySetter(Expected ok, int otherOrg) => c =>
        !LinkingOrgs.Contains(c.Caller.Org) ? otherOrg : c.Caller.Is(Roles.Analyst) || c.Caller.Is(Roles.OrgAdmin) ? ok : 403;

    /// <summary>The relay overview: people of the coordinator and the director; 403 for everyone else.</summary>
    public static Cell Overseer(Expected ok) => c => c.Caller.Org is "ncsc" or "nctv" && c.Person is not null ? ok : 403;

    /// <summary>The audit log: people with the Auditor role (what they read is scoped by organisation); 403 for everyone else.</summary>
    public static Cell Auditor(Expected ok) => c => c.Caller.Is(Roles.Auditor) ? ok : 403;

    /// <summary>The list of an organisation's publications: everyone of a publishing organisation (drafts only for its analysts); 404 elsewhere.</summary>
    public static Cell PublishingOrg(Expected ok) => c => PublishingOrgs.Contains(c.Caller.Org) && c.Person is not null ? ok : 404;

    /// <summary>Retract: the originator only (analysts of the publishing organisation; RED: the publishing person); a draft was never published (409).</summary>
    public static Cell Originator(Expected ok) => c => !c.SeesItem ? 404 : !c.Item.Originators.Includes(c.Person) ? 403 : c.Item.IsDraft ? 409 : ok;

    /// <summary>An organisation page or record: 404 for an unknown key.</summary>
    public static Cell KnownOrg(Expected ok) => c => c.Subject.Name.StartsWith("unknown", StringComparison.Ordinal) ? 404 : ok;

    /// <summary>Administration of the network: platform administrators; 403 for everyone else (the page filter answers first).</summary>
    public static Cell PlatformAdmin(Cell inner) => c => c.Caller.Is(Roles.PlatformAdmin) ? inner(c) : 403;

    /// <summary>Deactivation: not the administrator's own organisation (form error, 200), 404 for an unknown key.</summary>
    public static readonly Cell Deactivate = c => c.Subject.Name switch
    {
        "own organisation" => 200,
        "unknown organisation" => 404,
        _ => new Expected(302, "/organisations/"),
    };

    /// <summary>People administration: platform and organisation administrators; 403 for everyone else.</summary>
    public static Cell PeopleAdmin(Cell inner) => c => c.Caller.Is(Roles.PlatformAdmin) || c.Caller.Is(Roles.OrgAdmin) ? inner(c) : 403;

    /// <summary>Adding a person to an organisation: a platform administrator anywhere, an organisation administrator in their own only.</summary>
    public static Cell ManagesOrg(Expected ok, Expected refused) => c =>
        c.Caller.Is(Roles.PlatformAdmin) || c.Subject.Name == "own organisation" ? ok : refused;

    /// <summary>A person's pages: platform administrators everyone, organisation administrators their own organisation's people; 404 otherwise.</summary>
    public static Cell ManagesPerson(Expected ok) => c => c.Subject.Name switch
    {
        "unknown person" => 404,
        _ when c.Caller.Is(Roles.PlatformAdmin) => ok,
        "colleague" when c.Caller.Is(Roles.OrgAdmin) => ok,
        _ => 404,
    };

    /// <summary>
    /// A CSAF file (subject name = path): GREEN and AMBER need a session or token (401 without), unknown files and
    /// folders 404, everything else 200 (what is listed is checked by the CSAF provider tests).
    /// </summary>
    public static Cell CsafFile(bool signedIn) => c =>
    {
        var path = c.Subject.Name;
        var restricted = path.StartsWith("green/", StringComparison.Ordinal) || path.StartsWith("amber/", StringComparison.Ordinal)
            || path is "feed-tlp-green.json" or "feed-tlp-amber.json";
        if (restricted && !signedIn) return 401;
        return path.Contains("unknown", StringComparison.Ordinal) || path.StartsWith("red/", StringComparison.Ordinal) ? 404 : 200;
    };

    public static bool MayPublish(Caller c) => c.Is(Roles.Analyst) && PublishingOrgs.Contains(c.Org);
}
