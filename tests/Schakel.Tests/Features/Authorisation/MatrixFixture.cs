using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Accounts;
using Schakel.Features.Advisories;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Authorisation;

/// <summary>
/// One application for the whole matrix: the demo network, a few extra people (a colleague in each caller's
/// organisation, a stranger elsewhere, a person to sign in as), the items of <see cref="AuthorisationMatrix.Items"/>,
/// and a caller per person and kind of authentication.
/// </summary>
public sealed partial class MatrixFixture : IAsyncLifetime
{
    public const string SignInEmail = "matrix.aanmelden@ncsc.example.nl";
    public const string StrangerEmail = "matrix.vreemde@water-isac.example.nl";
    public const string SpareOrg = "apotheek-keten-zuidwest";

    private readonly HashSet<string> _passwordSet = [];
    private int _serial;

    public SchakelFactory Factory { get; } = new();
    public List<Caller> Callers { get; } = [];
    public Dictionary<string, Guid> ItemIds { get; } = [];
    public Dictionary<string, string> PersonIds { get; } = [];
    public string SignInPassword { get; private set; } = "";
    private HttpClient _admin = null!;

    public static string ColleagueEmail(string org) => $"matrix.collega@{org}.example.nl";

    public async Task InitializeAsync()
    {
        var orgs = AuthorisationMatrix.People.Select(p => p.Org).Append("ncsc").Distinct();
        foreach (var org in orgs) await Factory.CreatePersonAsync(ColleagueEmail(org), org, Roles.Reader);
        await Factory.CreatePersonAsync(StrangerEmail, "water-isac", Roles.Reader);
        SignInPassword = await Factory.CreatePersonAsync(SignInEmail, "ncsc", Roles.Reader);
        await Factory.WithDbAsync(async (db, _) =>
        {
            foreach (var p in await db.Users.Select(u => new { u.Id, u.Email }).ToListAsync()) PersonIds[p.Email!] = p.Id;
            return 0;
        });

        // Relays go out automatically by default; Z-CERT reviews AMBER first, so that the coordinator's AMBER items leave it a pending relay.
        await Factory.WithDbAsync(async (db, _) =>
        {
            var zcert = await db.Organisations.SingleAsync(o => o.Key == "z-cert");
            db.RelayPolicies.Add(new RelayPolicy { OrganisationId = zcert.Id, Tlp = Tlp.Amber, Automatic = false });
            return await db.SaveChangesAsync();
        });
        foreach (var spec in AuthorisationMatrix.Items) ItemIds[spec.Name] = await PublishAsync(spec);
        await PublishStixItemsAsync();

        Callers.Add(await CallerAsync(null, Auth.Anonymous));
        foreach (var person in AuthorisationMatrix.People)
        {
            Callers.Add(await CallerAsync(person, Auth.Cookie));
            Callers.Add(await CallerAsync(person, Auth.Bearer));
        }

        Callers.Add(await CallerAsync(AuthorisationMatrix.People.Single(p => p.Email == AuthorisationMatrix.BasicCase), Auth.Basic));
        _admin = Callers.Single(c => c.Auth == Auth.Cookie && c.Is(Roles.PlatformAdmin)).Client;
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public bool MaySee(MatrixPerson? person, ItemSpec item) => item.Sees.Includes(person);

    public bool Holds(MatrixPerson? person, ItemSpec item) => item.Holds.Includes(person);

    /// <summary>A caller with its own client (cookies kept, redirects not followed) and an antiforgery token for its forms.</summary>
    public async Task<Caller> CallerAsync(MatrixPerson? person, Auth auth)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (auth == Auth.Cookie)
        {
            // Setting a password renews the security stamp, which would end the person's earlier sessions: once per person.
            if (_passwordSet.Add(person!.Email)) await WebSession.SetPasswordAsync(Factory, person.Email, WebSession.Password);
            var signedIn = await new WebSession(client).SignInAsync(person.Email, WebSession.Password);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        else if (auth != Auth.Anonymous)
        {
            var token = await Factory.TokenForAsync(person!.Email);
            client.DefaultRequestHeaders.Authorization = auth == Auth.Bearer
                ? new AuthenticationHeaderValue("Bearer", token)
                : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("matrix:" + token)));
        }

        // Every page of a signed-in person carries the sign-out form and with it a token; anonymous visitors get one from /sign-in.
        var antiforgery = await new WebSession(client).TokenAsync(auth == Auth.Anonymous ? "/sign-in" : "/organisations");
        var name = person is null ? "anonymous" : $"{person.Label} ({person.Email}) via {auth}";
        return new Caller(name, person, auth, client, antiforgery);
    }

    /// <summary>
    /// Publishes an item as the spec says (a draft without audience), titled with the spec's mark, or for a
    /// <paramref name="copy"/> (which an allowed call may change) with a mark of its own; returns its id.
    /// </summary>
    public Task<Guid> PublishAsync(ItemSpec spec, bool copy = false) => Factory.WithDbAsync(async (db, sp) =>
    {
        var n = Interlocked.Increment(ref _serial);
        var publisher = await db.Users.SingleAsync(u => u.Email == spec.Publisher);
        var specs = spec.Audience.Select(a => AudienceSpec.TryParse(a, out var s, out var e) ? s : throw new ArgumentException(e)).ToList();
        Assert.True(TlpLabels.TryParse(spec.Tlp, out var tlp), spec.Tlp);
        var result = await sp.GetRequiredService<AdvisoryImporter>().ImportAsync(Csaf(copy ? $"MATRIX-COPY-{spec.Name}-{n}" : $"{spec.TitleMark}{n}", $"MATRIX-DOC-{n}"),
            // As if downloaded from the publisher's CSAF provider, so that the CLEAR ones appear in the aggregator's mirror.
            new AdvisoryImportRequest(publisher.OrganisationId, publisher.Id, tlp, specs) { SourceUrl = "https://matrix.example.nl/.well-known/csaf/white/" });
        Assert.True(result.ItemId is not null, $"{spec.Name}: {string.Join("; ", result.Errors)}");
        return result.ItemId!.Value;
    });

    /// <summary>A minimal valid CSAF 2.0 document (csaf_base, TLP:WHITE so that any label is allowed) with a unique tracking id.</summary>
    public byte[] Csaf(string? title = null, string? trackingId = null)
    {
        var n = Interlocked.Increment(ref _serial);
        const string date = "2024-01-01T00:00:00.000Z";
        var doc = new JsonObject
        {
            ["document"] = new JsonObject
            {
                ["category"] = "csaf_base",
                ["csaf_version"] = "2.0",
                ["distribution"] = new JsonObject { ["tlp"] = new JsonObject { ["label"] = "WHITE" } },
                ["publisher"] = new JsonObject { ["category"] = "coordinator", ["name"] = "Matrix", ["namespace"] = "https://matrix.example.nl" },
                ["title"] = title ?? $"MATRIX-UPLOAD-{n}",
                ["tracking"] = new JsonObject
                {
                    ["current_release_date"] = date, ["id"] = trackingId ?? $"MATRIX-UPLOAD-{n}", ["initial_release_date"] = date,
                    ["revision_history"] = new JsonArray(new JsonObject { ["date"] = date, ["number"] = "1", ["summary"] = "Initial." }),
                    ["status"] = "final", ["version"] = "1",
                },
            },
        };
        return Encoding.UTF8.GetBytes(doc.ToJsonString());
    }

    /// <summary>A number for unique names (e-mail addresses, keys).</summary>
    public int Next() => Interlocked.Increment(ref _serial);

    /// <summary>
    /// What a refused request must leave alone: items, deliveries, routes, forwards, relays (and their status), relay
    /// policies (and their values), audiences, organisations, people and their roles. (Audit records and token use times
    /// are left out: reads write them.)
    /// </summary>
    public Task<string> StateAsync() => Factory.WithDbAsync(async (db, _) =>
    {
        var sb = new StringBuilder();
        foreach (var i in await db.Items.AsNoTracking().OrderBy(i => i.Id).Select(i => new { i.Id, i.Status, i.Tlp, i.Title, i.RetractionReason }).ToListAsync())
            sb.AppendLine(i.ToString());
        foreach (var d in await db.Deliveries.AsNoTracking().OrderBy(d => d.Id)
                     .Select(d => new { d.Id, d.State, d.EffectiveTlp, d.Updated, d.NotRelevantReason, d.AcknowledgedAt, d.ReadAt }).ToListAsync())
            sb.AppendLine(d.ToString());
        sb.AppendLine($"routes {await db.DeliveryRoutes.CountAsync()} forwards {await db.Forwards.CountAsync()} relays {await db.Relays.CountAsync()} "
            + $"policies {await db.RelayPolicies.CountAsync()} audience {await db.AudienceEntries.CountAsync()} roles {await db.UserRoles.CountAsync()}");
        foreach (var r in await db.Relays.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.ItemId, r.LinkingOrganisationId, r.Status, r.DoneAt }).ToListAsync())
            sb.AppendLine(r.ToString());
        foreach (var p in await db.RelayPolicies.AsNoTracking().OrderBy(p => p.OrganisationId).ThenBy(p => p.Tlp).Select(p => new { p.OrganisationId, p.Tlp, p.Automatic }).ToListAsync())
            sb.AppendLine(p.ToString());
        foreach (var o in await db.Organisations.AsNoTracking().OrderBy(o => o.Key).ToListAsync())
            sb.AppendLine($"{o.Key} {o.IsActive} {o.Name} {o.Email} {o.Phone} {o.Region} {o.WbniCategory} {string.Join(',', o.Sectors)}");
        foreach (var p in await db.Users.AsNoTracking().OrderBy(p => p.Email).Select(p => new { p.Email, p.DisplayName, p.IsActive, p.OrganisationId }).ToListAsync())
            sb.AppendLine(p.ToString());
        return sb.ToString();
    });

    /// <summary>The fields a platform administrator's browser would post from the form on <paramref name="path"/> (empty when the page is not there).</summary>
    public async Task<List<KeyValuePair<string, string>>> FormFieldsAsync(string path)
    {
        using var response = await _admin.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK) return [];
        var html = await response.Content.ReadAsStringAsync();
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match m in InputTag().Matches(html))
        {
            var tag = m.Value;
            var name = Attr(tag, "name");
            if (name is null || name == "__RequestVerificationToken") continue;
            var type = Attr(tag, "type") ?? "text";
            if (type is "checkbox" or "radio" && !Regex.IsMatch(tag, @"\schecked[\s>=/]")) continue;
            if (type is "submit" or "button") continue;
            fields.Add(new(name, WebUtility.HtmlDecode(Attr(tag, "value") ?? "")));
        }

        foreach (Match m in SelectTag().Matches(html))
        {
            var selected = Regex.Match(m.Groups[2].Value, "<option[^>]*value=\"([^\"]*)\"[^>]*selected");
            if (selected.Success) fields.Add(new(m.Groups[1].Value, WebUtility.HtmlDecode(selected.Groups[1].Value)));
        }

        foreach (Match m in TextareaTag().Matches(html)) fields.Add(new(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)));
        return fields;
    }

    private static string? Attr(string tag, string name) => Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectTag();

    [GeneratedRegex("<textarea[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextareaTag();
}
