using Schakel.Features.Accounts;
using Schakel.Features.Network;
using static Schakel.Tests.Features.Authorisation.Cells;

namespace Schakel.Tests.Features.Authorisation;

/// <summary>
/// The authorisation matrix of issue 3: every endpoint and page × every caller × its subjects → the answer it must give.
/// Adding an endpoint is one row in <see cref="Rows"/>; the coverage test fails until it is there. Cells are the rules of
/// README.md, docs/sharing-rules.md and DESIGN.md sections 1 and 3, written out (see <see cref="Cells"/>).
/// </summary>
public static class AuthorisationMatrix
{
    /// <summary>The people the matrix calls as (each by cookie session and by API token); roles as seeded or created by the fixture.</summary>
    public static readonly IReadOnlyList<MatrixPerson> People =
    [
        Demo("beheer@ncsc.example.nl", "PlatformAdmin"),
        Demo("analist@ncsc.example.nl", "coordinator Analyst"),
        Demo("lezer@ncsc.example.nl", "coordinator Reader"),
        Demo("auditor@ncsc.example.nl", "coordinator Auditor"),
        Demo("regie@nctv.example.nl", "director Reader"),
        Demo("analist@z-cert.example.nl", "linking Analyst"),
        Demo("beheer@z-cert.example.nl", "linking OrgAdmin"),
        Demo("ict@ziekenhuis-rijnoever.example.nl", "member Analyst+OrgAdmin"),
        Demo("lezer@ziekenhuis-rijnoever.example.nl", "member Reader"),
        Demo("auditor@ziekenhuis-rijnoever.example.nl", "member Auditor"),
        Demo("ciso@gemeente-veldhoven-aan-zee.example.nl", "other member Analyst"),
        Demo("analist@ibd.example.nl", "other linking Analyst"),
    ];

    /// <summary>The person who is also called with HTTP Basic (the token as password).</summary>
    public const string BasicCase = "ict@ziekenhuis-rijnoever.example.nl";

    private const string NcscAnalyst = "analist@ncsc.example.nl", ZcertAnalyst = "analist@z-cert.example.nl", IbdAnalyst = "analist@ibd.example.nl";

    /// <summary>
    /// The items, each to an audience that puts every caller inside or outside it. The coordinator reaches the hospital
    /// (no Wbni basis) by relay through Z-CERT, so Z-CERT holds a relay delivery of what the coordinator sends it
    /// (sharing rule 5); AMBER+STRICT cannot be relayed, so it goes to the director. <c>amber-relay</c> is a pending relay.
    /// </summary>
    public static readonly IReadOnlyList<ItemSpec> Items =
    [
        new("clear", "CLEAR", NcscAnalyst, ["org:ziekenhuis-rijnoever"], Who.All, Who.OrgsOf("ziekenhuis-rijnoever", "z-cert"))
            { Forwarders = Who.PeopleOf(ZcertAnalyst), Originators = Who.PeopleOf(NcscAnalyst), RelabelTo = "GREEN" },
        new("green", "GREEN", NcscAnalyst, ["org:ziekenhuis-rijnoever"], Who.OrgsOf("ncsc", "ziekenhuis-rijnoever", "z-cert"), Who.OrgsOf("ziekenhuis-rijnoever", "z-cert"))
            { Forwarders = Who.PeopleOf(ZcertAnalyst), Originators = Who.PeopleOf(NcscAnalyst), RelabelTo = "AMBER" },
        new("amber", "AMBER", ZcertAnalyst, ["constituency:z-cert"], Who.OrgsOf("z-cert", "ziekenhuis-rijnoever"), Who.OrgsOf("ziekenhuis-rijnoever"))
            { Originators = Who.PeopleOf(ZcertAnalyst), RelabelTo = "GREEN" },
        new("amber-strict", "AMBER+STRICT", NcscAnalyst, ["org:nctv"], Who.OrgsOf("ncsc", "nctv"), Who.OrgsOf("nctv"))
            { Originators = Who.PeopleOf(NcscAnalyst), RelabelTo = "AMBER" },
        new("red", "RED", NcscAnalyst, ["person:ict@ziekenhuis-rijnoever.example.nl"], Who.PeopleOf(NcscAnalyst, "ict@ziekenhuis-rijnoever.example.nl"),
            Who.PeopleOf("ict@ziekenhuis-rijnoever.example.nl"))
            { Originators = Who.PeopleOf(NcscAnalyst), Relabels = false, ForwardRefused = 400 },
        new("draft", "AMBER", ZcertAnalyst, [], Who.PeopleOf(ZcertAnalyst), Who.Nobody)
            { Originators = Who.PeopleOf(ZcertAnalyst), RelabelTo = "GREEN", ForwardRefused = 409 },
        new("ibd-green", "GREEN", IbdAnalyst, ["org:gemeente-veldhoven-aan-zee"], Who.OrgsOf("ibd", "gemeente-veldhoven-aan-zee"), Who.OrgsOf("gemeente-veldhoven-aan-zee"))
            { Originators = Who.PeopleOf(IbdAnalyst), RelabelTo = "AMBER" },
        // Z-CERT reviews AMBER relays first (the fixture sets its policy), so the hospital (no basis) waits for Z-CERT's
        // relay and does not see it yet; SURFcert, OKTT MKB and the Caribbean hub relay their health members automatically.
        new("amber-relay", "AMBER", NcscAnalyst, ["sector:health"], Who.OrgsOf("ncsc", "z-cert"), Who.OrgsOf("z-cert"))
            { Forwarders = Who.PeopleOf(ZcertAnalyst), Relayers = Who.PeopleOf(ZcertAnalyst), Originators = Who.PeopleOf(NcscAnalyst), RelabelTo = "GREEN" },
        new("unknown", "GREEN", NcscAnalyst, ["org:nctv"], Who.Nobody, Who.Nobody),
    ];

    private static MatrixPerson Demo(string email, string label)
    {
        var p = DemoNetwork.People.Single(p => p.Email == email);
        return new MatrixPerson(email, p.Org, label, p.Roles);
    }

    /// <summary>
    /// The table. Columns: anonymous, cookie session, API token (Bearer or Basic). Pages treat a token like a session
    /// (the authentication scheme reads the Authorization header everywhere); the API refuses a cookie on writes (401,
    /// no CSRF through the API).
    /// </summary>
    public static IReadOnlyList<Row> Rows(MatrixFixture fx) =>
    [
        // ---- public plumbing
        Page("GET /", Anyone, S(200), S(302, "/inbox")),
        Page("GET /sign-in", Anyone, S(200), S(302, "/inbox")),
        Page("POST /sign-in", Anyone, S(302, "/inbox"), S(302, "/inbox")) with { FreshClient = true, Body = Bodies.SignIn(fx) },
        Page("GET /sign-out", Anyone, S(302, "/"), S(302, "/")),
        Page("POST /sign-out", Anyone, S(302, "/"), S(302, "/")) with { FreshClient = true, Body = Bodies.Form() },
        Page("GET /error/{code:int}", Codes, S(200), S(200)),
        Page("POST /error/{code:int}", Codes, S(200), S(200)) with { Body = Bodies.Form() },
        Page("GET /culture", Anyone, S(302, "/"), S(302, "/")) with { Query = "?c=en" },
        Page("GET /{**path:file}", Files, S(200), S(200)),
        Page("HEAD /{**path:file}", Files, S(200), S(200)),
        Api("GET /healthz", Anyone, S(200), S(200), S(200)),
        Api("GET /openapi/{documentName}.json", OpenApi, S(200), S(200), S(200)),
        Api("GET /api/v1/openapi.json", Anyone, S(200), S(200), S(200)),

        // ---- CSAF provider and aggregator (docs/csaf-provider.md): CLEAR public, GREEN/AMBER 401 without a session or token
        Api("GET /.well-known/csaf/{**path}", CsafProviderFiles, CsafFile(signedIn: false), CsafFile(signedIn: true), CsafFile(signedIn: true)),
        Api("GET /.well-known/csaf-aggregator/{**path}", CsafAggregatorFiles, CsafFile(signedIn: false), CsafFile(signedIn: true), CsafFile(signedIn: true)),

        // ---- items: pages
        Page("GET /inbox", Anyone, SignIn, S(200)),
        Page("GET /items/{id:guid}", [.. ItemSubjects(fx), .. MatrixThreatIntel.StixItemSubjects(fx)], Sees(200), Sees(200)),
        Page("POST /items/{id:guid} [state]", ItemSubjects(fx), S(404), Holder(new(302, "/items/"), auditorOnly: 200)) with { Body = Bodies.Form(("state", "Acknowledged")) },
        Page("POST /items/{id:guid} [publish]", ItemSubjects(fx), S(404), DraftPublisher) with { Body = Bodies.Form(("Audience.Constituency", "z-cert")), FreshSubjectOnSuccess = true },
        Page("GET /publish", Anyone, SignIn, Publisher(200)),
        Page("POST /publish", Anyone, SignIn, Publisher(new(302, "/items/"))) with { Body = Bodies.Upload(fx) },
        Page("GET /published", Anyone, SignIn, PublishingOrg(200)),
        // Writing advisories: the form for publishing analysts; edit and translate only for advisories written in Schakel by the
        // caller's organisation — the matrix's items are imported, so nobody edits them (the HTTP tests cover authored ones).
        Page("GET /advisories/new", Anyone, SignIn, Publisher(200)),
        Page("POST /advisories/new", Anyone, SignIn, Publisher(new(302, "/items/"))) with { Body = Bodies.AuthoredForm },
        Page("GET /advisories/{id:guid}/edit", ItemSubjects(fx), SignIn, S(404)),
        Page("POST /advisories/{id:guid}/edit", ItemSubjects(fx), SignIn, S(404)) with { Body = Bodies.AuthoredForm },
        Page("GET /advisories/{id:guid}/translate", ItemSubjects(fx), SignIn, S(404)),
        Page("POST /advisories/{id:guid}/translate", ItemSubjects(fx), SignIn, S(404)) with { Body = Bodies.AuthoredForm },
        Page("POST /items/{id:guid} [relay]", ItemSubjects(fx), S(404), ItemAction(c => c.Item.Relayers.Includes(c.Person)))
            with { Body = Bodies.Form(("RelayNote", "Matrix: doorgegeven.")), FreshSubjectOnSuccess = true },
        Page("POST /items/{id:guid} [relabel]", ItemSubjects(fx), S(404), ItemAction(c => c.Item.Originators.Includes(c.Person) && c.Item.Relabels))
            with { Body = Bodies.RelabelForm, FreshSubjectOnSuccess = true },
        Page("POST /items/{id:guid} [retract]", ItemSubjects(fx), S(404), ItemAction(c => c.Item.Originators.Includes(c.Person) && !c.Item.IsDraft))
            with { Body = Bodies.Form(("RetractReason", "Matrix.")), FreshSubjectOnSuccess = true },
        Page("GET /items/{id:guid}/forward", ItemSubjects(fx), SignIn, ForwardPage(200)),
        Page("POST /items/{id:guid}/forward", ItemSubjects(fx), SignIn, ForwardPage(new(302, "/items/"))) with { Body = Bodies.ForwardForm, FreshSubjectOnSuccess = true },

        // ---- relays (docs/sharing-rules.md rules 5 and 6)
        Page("GET /relays", Anyone, SignIn, LinkingOrg(200)),
        Page("POST /relays [policy]", Anyone, SignIn, PolicySetter(new(302, "/relays"), otherOrg: 404)) with { Body = Bodies.Form(("Choice[AMBER]", "review")) },
        Page("GET /relays/overview", Anyone, SignIn, Overseer(200)),
        Api("GET /api/v1/relays", Anyone, S(401), S(200), S(200)),
        Api("GET /api/v1/relays/overview", Anyone, S(401), Overseer(200), Overseer(200)),
        Api("GET /api/v1/relay-policy", Anyone, S(401), PolicyReader(200), PolicyReader(200)),
        Api("PUT /api/v1/relay-policy", Anyone, S(401), S(401), PolicySetter(200, otherOrg: 403)) with { Body = Bodies.Json(new Dictionary<string, string> { ["AMBER"] = "review" }) },

        // ---- TLP:RED administration and the audit log: never a title (of RED, or of what the caller may not see)
        Page("GET /admin/red-items", Anyone, SignIn, PlatformAdmin(S(200))) with { ShowsNoTitles = true },
        Page("GET /audit", Anyone, SignIn, Auditor(200)) with { ShowsNoTitles = true },

        // ---- CSAF sources (scheduled downloads): platform administrators only
        Page("GET /admin/csaf-sources", Anyone, SignIn, PlatformAdmin(S(200))) with { ShowsNoTitles = true },
        Page("POST /admin/csaf-sources", Anyone, SignIn, PlatformAdmin(S(302, "/admin/csaf-sources"))) with
        {
            Body = Bodies.Form(("Url", "https://csaf.example.org/.well-known/csaf/provider-metadata.json"), ("Organisation", "ncsc"), ("MaxTlp", "Clear"), ("IntervalMinutes", "60")),
        },
        Page("POST /admin/csaf-sources [toggle]", Anyone, SignIn, PlatformAdmin(S(302, "/admin/csaf-sources"))) with { Body = Bodies.Form(("id", "1"), ("enable", "false")) },

        // ---- TAXII subscriptions (federation): platform administrators only. Adding resolves the source over the network, so
        // the matrix posts a source that is refused before any request (plain http to a host that is not loopback): 400 for the
        // administrator, 403 for everyone else. The other handlers name a subscription that does not exist: back to the list.
        Page("GET /admin/taxii-subscriptions", Anyone, SignIn, PlatformAdmin(S(200))) with { ShowsNoTitles = true },
        Page("POST /admin/taxii-subscriptions", Anyone, SignIn, PlatformAdmin(S(400))) with
        {
            Body = Bodies.Form(("Url", "http://taxii.example.org/taxii2/"), ("Collection", "inbox"), ("MaxTlp", "Green"), ("IntervalMinutes", "15")),
        },
        Page("POST /admin/taxii-subscriptions [toggle]", Anyone, SignIn, PlatformAdmin(S(302, "/admin/taxii-subscriptions"))) with { Body = Bodies.Form(("id", "999"), ("enable", "false")) },
        Page("POST /admin/taxii-subscriptions [run]", Anyone, SignIn, PlatformAdmin(S(302, "/admin/taxii-subscriptions"))) with { Body = Bodies.Form(("id", "999")) },
        Page("POST /admin/taxii-subscriptions [remove]", Anyone, SignIn, PlatformAdmin(S(302, "/admin/taxii-subscriptions"))) with { Body = Bodies.Form(("id", "999")) },
        Api("GET /api/v1/audit", Anyone, S(401), Auditor(200), Auditor(200)) with { Query = "?pageSize=500", ShowsNoTitles = true },
        Api("GET /api/v1/audit/export", Anyone, S(401), Auditor(200), Auditor(200)) with { Query = "?format=csv", ShowsNoTitles = true },

        // ---- items: API
        Api("GET /api/v1/inbox", Anyone, S(401), S(200), S(200)) with { Query = "?pageSize=500" },
        Api("GET /api/v1/items/{id:guid}", ItemSubjects(fx), Sees(200), Sees(200), Sees(200)),
        Api("GET /api/v1/items/{id:guid}/document", ItemSubjects(fx), Sees(200), Sees(200), Sees(200)),
        // MISP export of an item (issue 5): ItemAccess decides; the matrix's items are advisories, so a visible one is 409 (not threat intelligence).
        Api("GET /api/v1/items/{id:guid}/misp", ItemSubjects(fx), Sees(409), Sees(409), Sees(409)),
        Api("POST /api/v1/items/{id:guid}/read", ItemSubjects(fx), S(401), S(401), Holder(204, auditorOnly: 400)) with { Body = Bodies.Json(new { }) },
        Api("POST /api/v1/items/{id:guid}/acknowledge", ItemSubjects(fx), S(401), S(401), Holder(204, auditorOnly: 400)) with { Body = Bodies.Json(new { }) },
        Api("POST /api/v1/items/{id:guid}/action-taken", ItemSubjects(fx), S(401), S(401), Holder(204, auditorOnly: 400)) with { Body = Bodies.Json(new { }) },
        Api("POST /api/v1/items/{id:guid}/not-relevant", ItemSubjects(fx), S(401), S(401), Holder(204, auditorOnly: 400)) with { Body = Bodies.Json(new { reason = "Matrix." }) },
        Api("POST /api/v1/items/{id:guid}/forward", ItemSubjects(fx), S(401), S(401), Forwarder) with { Body = Bodies.Forward, FreshSubjectOnSuccess = true },
        Api("POST /api/v1/items/{id:guid}/relabel", ItemSubjects(fx), S(401), S(401), Relabeller) with { Body = Bodies.Relabel, FreshSubjectOnSuccess = true },
        Api("POST /api/v1/items/{id:guid}/retract", ItemSubjects(fx), S(401), S(401), Originator(204)) with { Body = Bodies.Json(new { reason = "Matrix." }), FreshSubjectOnSuccess = true },
        Api("POST /api/v1/items/{id:guid}/relay", ItemSubjects(fx), S(401), S(401), Relayer) with { Body = Bodies.Json(new { note = "Matrix: doorgegeven." }), FreshSubjectOnSuccess = true },
        Api("POST /api/v1/advisories", Anyone, S(401), S(401), Publisher(201, notPublisher: 403)) with { Body = Bodies.Csaf(fx) },

        // ---- threat intelligence (docs/threat-intel.md): the upload page and API for publishing analysts, the item's STIX as the item
        Page("GET /threat-intel/import", Anyone, SignIn, Publisher(200)),
        Page("POST /threat-intel/import", Anyone, SignIn, Publisher(new(302, "/threat-intel/import/"))) with { Body = MatrixThreatIntel.Upload },
        Page("GET /threat-intel/import/{id:guid}", MatrixThreatIntel.StixItemSubjects(fx), SignIn, Sees(200)),
        Api("POST /api/v1/threat-intel", Anyone, S(401), S(401), Publisher(201, notPublisher: 403)) with { Body = MatrixThreatIntel.Stix },
        Api("GET /api/v1/items/{id:guid}/stix", MatrixThreatIntel.StixItemSubjects(fx), Sees(200), Sees(200), Sees(200)),
        Api("GET /api/v1/items/{id:guid}/stix/original", MatrixThreatIntel.StixItemSubjects(fx), Sees(200), Sees(200), Sees(200)),

        // ---- the network directory and its administration
        Page("GET /organisations", Anyone, SignIn, S(200)),
        Page("GET /organisations/{key}", OrgSubjects, SignIn, KnownOrg(200)),
        Page("GET /organisations/new", Anyone, SignIn, PlatformAdmin(S(200))),
        Page("POST /organisations/new", Anyone, SignIn, PlatformAdmin(S(302, "/organisations/"))) with { Body = Bodies.NewOrganisation(fx) },
        Page("GET /organisations/{key}/edit", OrgSubjects, SignIn, PlatformAdmin(KnownOrg(200))),
        Page("POST /organisations/{key}/edit", OrgSubjects, SignIn, PlatformAdmin(KnownOrg(new(302, "/organisations/")))) with { Body = Bodies.EditOrganisation(fx) },
        Page("POST /organisations/{key}/edit [deactivate]", SpareOrgSubjects, SignIn, PlatformAdmin(Deactivate)) with { Body = Bodies.Form(("Confirm", "true")) },
        Page("POST /organisations/{key}/edit [reactivate]", SpareOrgSubjects, SignIn, PlatformAdmin(KnownOrg(new(302, "/organisations/")))) with { Body = Bodies.Form() },
        Api("GET /api/v1/organisations", Anyone, S(401), S(200), S(200)),
        Api("GET /api/v1/organisations/{key}", OrgSubjects, S(401), KnownOrg(200), KnownOrg(200)),

        // ---- people
        Page("GET /people", Anyone, SignIn, PeopleAdmin(S(200))),
        Page("GET /people/new", Anyone, SignIn, PeopleAdmin(S(200))),
        Page("POST /people/new", NewPersonSubjects, SignIn, PeopleAdmin(ManagesOrg(new(302, "/people/"), refused: 200))) with { Body = Bodies.NewPerson(fx) },
        Page("GET /people/{id}/created", PersonSubjects(fx), SignIn, ManagesPerson(200)),
        Page("GET /people/{id}/edit", PersonSubjects(fx), SignIn, ManagesPerson(200)),
        Page("POST /people/{id}/edit", PersonSubjects(fx), SignIn, ManagesPerson(new(302, "/people/"))) with { Body = Bodies.Form(("DisplayName", "Matrix collega"), ("SelectedRoles", Roles.Reader), ("IsActive", "true")) },

        // ---- TAXII 2.1 server (docs/taxii.md)
        .. TaxiiMatrixRows.Rows(),
    ];

    /// <summary>Subjects: none (one request), items, organisation keys, person ids.</summary>
    private static readonly Subject[] Anyone = [new("-", _ => "")];
    private static readonly Subject[] Codes = [new("404", _ => "404")];
    private static readonly Subject[] Files = [new("stylesheet", _ => "css/schakel.css")];
    private static readonly Subject[] OpenApi = [new("v1", _ => "v1")];

    /// <summary>Files of the CSAF trees; the name is the path. The matrix items are imported, so only the CLEAR one is mirrored.</summary>
    private static readonly Subject[] CsafProviderFiles =
    [
        .. new[] { "provider-metadata.json", "white/index.txt", "white/changes.csv", "feed-tlp-white.json", "green/index.txt", "amber/changes.csv",
            "feed-tlp-green.json", "feed-tlp-amber.json", "white/2024/unknown.json", "green/2024/unknown.json", "red/index.txt" }
            .Select(p => new Subject(p, _ => p)),
    ];

    private static readonly Subject[] CsafAggregatorFiles =
    [
        .. new[] { "aggregator.json", "matrix.example.nl/provider-metadata.json", "matrix.example.nl/white/index.txt", "matrix.example.nl/feed-tlp-white.json",
            "unknown.example.nl/white/index.txt" }.Select(p => new Subject(p, _ => p)),
    ];

    private static readonly Subject[] OrgSubjects =
    [
        new("own organisation", c => c.Org), new("another organisation", _ => "water-isac"), new("unknown organisation", _ => "geen-organisatie"),
    ];

    private static readonly Subject[] SpareOrgSubjects =
    [
        new("own organisation", c => c.Org), new("another organisation (spare)", _ => MatrixFixture.SpareOrg), new("unknown organisation", _ => "geen-organisatie"),
    ];

    /// <summary>For <c>POST /people/new</c>, the organisation the new person is for (in the body, not the route).</summary>
    private static readonly Subject[] NewPersonSubjects = [new("own organisation", c => c.Org), new("another organisation", _ => "water-isac")];

    private static Subject[] ItemSubjects(MatrixFixture fx) =>
        [.. Items.Select(i => new Subject(i.Name, _ => fx.ItemIds.TryGetValue(i.Name, out var id) && i.Name != "unknown" ? id.ToString() : "0b5e0b5e-0000-4000-8000-000000000000", i))];

    private static Subject[] PersonSubjects(MatrixFixture fx) =>
    [
        new("colleague", c => fx.PersonIds[MatrixFixture.ColleagueEmail(c.Org)]),
        new("person of another organisation", _ => fx.PersonIds[MatrixFixture.StrangerEmail]),
        new("unknown person", _ => "geen-persoon"),
    ];

    private static Row Page(string endpoint, Subject[] subjects, Cell anonymous, Cell signedIn) => new(endpoint, subjects, anonymous, signedIn, signedIn);

    private static Row Api(string endpoint, Subject[] subjects, Cell anonymous, Cell cookie, Cell token) => new(endpoint, subjects, anonymous, cookie, token);
}
