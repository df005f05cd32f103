using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Accounts;
using Schakel.Features.Network;
using Schakel.Features.Sharing;

namespace Schakel.Tests.Features.Sharing;

/// <summary>
/// One case of the end-to-end sharing property: carries out each step through the HTTP API as its actor, and where the
/// API cannot express a step, through the services as <see cref="CaseRun"/> does (publishing from the command line
/// without a person; publishing or adding an audience as a person who is not an analyst, after checking that the API
/// refuses that person, rule 1; adding an audience to an item that is not an advisory, or an empty one; any step by an
/// inactive person, after checking that their token is refused). Refused means
/// an HTTP 4xx answer (a publish that only stored a draft counts as refused, as in the model).
/// </summary>
public sealed partial class EndToEndRun(EndToEndHarness harness, CaseRun services, NetworkSpec net, SharingModel model)
{
    private const string Namespace = "https://property.example.test";
    private readonly Dictionary<int, HttpClient> clients = [];
    private readonly Dictionary<int, byte[]> documents = [];

    /// <summary>The ids, keys and service path of the case (shared with <see cref="CaseRun"/>, so both number items alike).</summary>
    public CaseRun Services { get; } = services;

    /// <summary>An API token per generated person, in the order of <see cref="NetworkSpec.People"/>.</summary>
    public List<string> Tokens { get; } = [];

    public List<string> Trace { get; } = [];
    public List<string> Differences { get; } = [];

    private HttpClient As(int p) => clients.TryGetValue(p, out var c) ? c : clients[p] = harness.Client(Tokens[p]);

    private bool IsAnalyst(int p) => net.People[p].Roles.Contains(Roles.Analyst);

    private string[] AudienceText(Step s) => s.Audience.Select(a => a.Kind switch
    {
        AudienceKind.Network => "network",
        AudienceKind.Sector => $"sector:{a.Sector}",
        AudienceKind.Person => $"person:{Services.Email(a.Person!.Value)}",
        AudienceKind.Constituency => $"constituency:{Services.OrgKey(a.Org!.Value)}",
        _ => $"org:{Services.OrgKey(a.Org!.Value)}",
    }).ToArray();

    /// <summary>Carries out a step; returns null when it was done, else why it was refused (status and problem codes).</summary>
    public async Task<string?> ExecuteAsync(Step s)
    {
        if (!net.People[s.Actor].Active || !net.Orgs[net.People[s.Actor].Org].Active)
        {
            // The model falls back to an inactive actor only when a network has no active person at all. Such a person's
            // token is refused (401); the step itself is carried out by the services so that both sides stay in step.
            using var refused = await As(s.Actor).GetAsync("/api/v1/inbox");
            if (refused.StatusCode != System.Net.HttpStatusCode.Unauthorized) Differences.Add($"inactive p{s.Actor}'s token was accepted ({(int)refused.StatusCode})");
            return await ThroughServicesAsync(s);
        }

        switch (s.Kind)
        {
            case OpKind.Publish:
                return await PublishAsync(s);
            case OpKind.SetPolicy:
                return await AnswerAsync(await As(s.Actor).PutAsJsonAsync("/api/v1/relay-policy",
                    new Dictionary<string, string> { [s.Tlp!.Value.ToLabel()] = s.Automatic ? RelayEndpoints.Automatic : RelayEndpoints.Review }));
        }

        if (s.Item is not { } i) return "no item yet";
        var id = Services.ItemIds[i];
        var client = As(s.Actor);
        return s.Kind switch
        {
            OpKind.AddAudience => await AddAudienceAsync(s, i),
            OpKind.Forward => await AnswerAsync(await client.PostAsJsonAsync($"/api/v1/items/{id}/forward", new { audience = AudienceText(s), note = s.Text, tlp = s.Tlp?.ToLabel() })),
            OpKind.Relay => await AnswerAsync(await client.PostAsJsonAsync($"/api/v1/items/{id}/relay", new { note = s.Text, tlp = s.Tlp?.ToLabel() })),
            OpKind.Relabel => await AnswerAsync(await client.PostAsJsonAsync($"/api/v1/items/{id}/relabel", new { tlp = s.Tlp!.Value.ToLabel() })),
            _ => await AnswerAsync(await client.PostAsJsonAsync($"/api/v1/items/{id}/retract", new { reason = s.Text })),
        };
    }

    private async Task<string?> PublishAsync(Step s)
    {
        if (s.Cli) return await ThroughServicesAsync(s);
        var type = net.Orgs[net.People[s.Actor].Org].Type;
        if (!IsAnalyst(s.Actor) || (s.DraftOnly && type is not (OrganisationType.Coordinator or OrganisationType.LinkingOrganisation)))
        {
            // The API refuses every import by a person who is not an analyst of the coordinator or a linking organisation
            // (rule 1). The model leaves publishers' roles, and drafts, to its callers (a draft is made whatever the rules say),
            // so after checking the refusal the step itself is carried out by the services.
            using var refused = await PostDocumentAsync(s.Actor, Document(Services.ItemIds.Count), s.Tlp!.Value, s.DraftOnly ? [] : AudienceText(s));
            if ((int)refused.StatusCode != 403) Differences.Add($"rule 1: the API answered p{s.Actor} ({type}, not an analyst of a publisher) {(int)refused.StatusCode}, not 403");
            return await ThroughServicesAsync(s);
        }

        var document = Document(Services.ItemIds.Count);
        using var response = await PostDocumentAsync(s.Actor, document, s.Tlp!.Value, s.DraftOnly ? [] : AudienceText(s));
        if ((int)response.StatusCode == 201)
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            documents[Services.ItemIds.Count] = document;
            Services.ItemIds.Add(body.GetProperty("itemId").GetGuid());
            var status = body.GetProperty("status").GetString();
            return s.DraftOnly || status == "Published" ? null : $"stored as {status}";
        }

        // Refused: nothing was stored, while the model keeps the draft it made; the services store that draft.
        var why = await AnswerAsync(response) ?? $"{(int)response.StatusCode} without an item";
        await ThroughServicesAsync(s with { DraftOnly = true });
        return why;
    }

    private async Task<string?> AddAudienceAsync(Step s, int i)
    {
        var viaApi = documents.TryGetValue(i, out var document) && s.Audience.Length > 0 && IsAnalyst(s.Actor)
            && net.People[s.Actor].Org == model.Items[i].PublisherOrg;
        if (!viaApi) return await ThroughServicesAsync(s);
        // The same document again (same version) with an audience publishes the stored item to it.
        return await AnswerAsync(await PostDocumentAsync(s.Actor, document!, model.Items[i].Tlp, AudienceText(s)));
    }

    private async Task<string?> ThroughServicesAsync(Step s)
    {
        await using var scope = harness.Factory.Services.CreateAsyncScope();
        var outcome = await Services.ExecuteAsync(scope.ServiceProvider, net, s);
        return outcome is null ? null : "services " + outcome;
    }

    private Task<HttpResponseMessage> PostDocumentAsync(int actor, byte[] document, Tlp tlp, string[] audience)
    {
        var query = string.Concat(audience.Select(a => "&audience=" + Uri.EscapeDataString(a)));
        var content = new ByteArrayContent(document);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return As(actor).PostAsync($"/api/v1/advisories?tlp={Uri.EscapeDataString(tlp.ToLabel())}{query}", content);
    }

    /// <summary>A small valid CSAF 2.0 document without a label of its own, so that the requested label is the item's.</summary>
    private byte[] Document(int n)
    {
        const string date = "2024-01-01T00:00:00.000Z";
        var id = $"{Services.OrgKey(0)}-item{n}".ToUpperInvariant();
        var doc = new JsonObject
        {
            ["document"] = new JsonObject
            {
                ["category"] = "csaf_base",
                ["csaf_version"] = "2.0",
                ["publisher"] = new JsonObject { ["category"] = "coordinator", ["name"] = "Property", ["namespace"] = Namespace },
                ["title"] = $"Item {n}",
                ["tracking"] = new JsonObject
                {
                    ["current_release_date"] = date, ["id"] = id, ["initial_release_date"] = date,
                    ["revision_history"] = new JsonArray(new JsonObject { ["date"] = date, ["number"] = "1", ["summary"] = "Initial." }),
                    ["status"] = "final", ["version"] = "1",
                },
            },
        };
        return Encoding.UTF8.GetBytes(doc.ToJsonString());
    }

    /// <summary>Null for a 2xx answer; else the status and the problem codes (a 5xx is recorded as a difference too).</summary>
    private async Task<string?> AnswerAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return null;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500) Differences.Add($"server error {status}: {text[..Math.Min(300, text.Length)]}");
            var codes = "";
            try
            {
                var root = JsonDocument.Parse(text).RootElement;
                if (root.TryGetProperty("problems", out var problems) && problems.ValueKind == JsonValueKind.Array)
                    codes = string.Join(" ", problems.EnumerateArray().Select(p => p.TryGetProperty("code", out var c) ? c.GetString() : p.TryGetProperty("Code", out var c2) ? c2.GetString() : "?"));
                else if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                    codes = string.Join(" ", errors.EnumerateArray().Select(e => e.TryGetProperty("message", out var m) ? m.GetString()?[..Math.Min(60, m.GetString()!.Length)] : "?"));
                else if (root.TryGetProperty("detail", out var detail)) codes = detail.GetString()?[..Math.Min(80, detail.GetString()!.Length)] ?? "";
            }
            catch (JsonException)
            {
                // Not problem details: the status says enough.
            }

            return $"{status} {codes}".Trim();
        }
    }
}
