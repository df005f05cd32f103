using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Tests.Features.Api;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Sharing;

/// <summary>One demo network for the sharing-chain tests, API clients for the people they use, and small request helpers.</summary>
public sealed class ChainFixture : IAsyncLifetime
{
    private int _next;

    public SchakelFactory Factory { get; } = new();
    public Dictionary<string, HttpClient> Clients { get; } = [];

    /// <summary>The demo people, plus people created here: a reader at UMC Noorderlicht (Z-CERT and SURFcert), one at Netbeheer Zuid (energy, own basis).</summary>
    public static readonly string[] Emails =
    [
        "analist@ncsc.example.nl", "beheer@ncsc.example.nl", "analist@z-cert.example.nl", "beheer@z-cert.example.nl", "analist@ibd.example.nl",
        "analist@surfcert.example.nl", "ict@ziekenhuis-rijnoever.example.nl", "lezer@ziekenhuis-rijnoever.example.nl", "ciso@gemeente-veldhoven-aan-zee.example.nl",
        "lezer@umc-noorderlicht.example.nl", "lezer@netbeheer-zuid.example.nl", "regie@nctv.example.nl",
    ];

    public async Task InitializeAsync()
    {
        await Factory.CreatePersonAsync("lezer@umc-noorderlicht.example.nl", "umc-noorderlicht", "Reader");
        await Factory.CreatePersonAsync("lezer@netbeheer-zuid.example.nl", "netbeheer-zuid", "Reader");
        foreach (var e in Emails) Clients[e] = await Factory.ClientForAsync(e);
        // Z-CERT reviews AMBER relays before they go out; every other choice stays automatic (the default).
        await AsAsync("beheer@z-cert.example.nl", async (sp, v) =>
        {
            await sp.GetRequiredService<RelayService>().SetPolicyAsync(v, Tlp.Amber, automatic: false);
            return 0;
        });
    }

    public HttpClient this[string email] => Clients[email];

    /// <summary>A different real advisory for each call, so that tests sharing the fixture never update each other's items.</summary>
    public string NextAdvisory() => ApiTestClient.RealAdvisories()[Interlocked.Increment(ref _next) * 3 % ApiTestClient.RealAdvisories().Count];

    /// <summary>Runs a service in a scope as a demo person (by e-mail).</summary>
    public Task<T> AsAsync<T>(string email, Func<IServiceProvider, Viewer, Task<T>> work) => Factory.WithDbAsync(async (db, sp) =>
    {
        var p = db.Users.Single(u => u.Email == email);
        var org = db.Organisations.Single(o => o.Id == p.OrganisationId);
        var roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == p.Id select r.Name!).ToList();
        return await work(sp, new Viewer(p.Id, org.Id, org.Type, roles.ToHashSet()));
    });

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Request helpers for the chain endpoints.</summary>
public static class ChainRequests
{
    public static Task<HttpResponseMessage> ForwardAsync(this HttpClient c, Guid id, string[] audience, string? note = null, string? tlp = null) =>
        c.PostAsJsonAsync($"/api/v1/items/{id}/forward", new { audience, note, tlp });

    public static Task<HttpResponseMessage> RelabelAsync(this HttpClient c, Guid id, string tlp) =>
        c.PostAsJsonAsync($"/api/v1/items/{id}/relabel", new { tlp });

    public static Task<HttpResponseMessage> RetractAsync(this HttpClient c, Guid id, string reason) =>
        c.PostAsJsonAsync($"/api/v1/items/{id}/retract", new { reason });

    /// <summary>The item as the client sees it, or null on 404.</summary>
    public static async Task<JsonElement?> ItemOrNullAsync(this HttpClient c, Guid id)
    {
        using var r = await c.GetAsync($"/api/v1/items/{id}");
        if (r.StatusCode == HttpStatusCode.NotFound) return null;
        Assert.True(r.IsSuccessStatusCode, $"GET item: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Asserts a refused rule: the status and the rule's code (an empty code: a problem without one, such as 404).</summary>
    public static async Task AssertRuleAsync(this Task<HttpResponseMessage> request, HttpStatusCode status, string code)
    {
        using var r = await request;
        var problem = await ApiTestClient.AssertProblemAsync(r, status);
        if (code.Length > 0) Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    public static async Task AssertOkAsync(this Task<HttpResponseMessage> request)
    {
        using var r = await request;
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    /// <summary>The routes of the caller's delivery: (kind, via key, label, basis, note).</summary>
    public static List<(string Kind, string? Via, string Tlp, string? Basis, string? Note)> Routes(this JsonElement item) =>
        item.GetProperty("routes").EnumerateArray().Select(r => (r.GetProperty("kind").GetString()!, r.GetProperty("via").GetString(),
            r.GetProperty("tlp").GetString()!, r.GetProperty("basis").GetString(), r.GetProperty("note").GetString())).ToList();

    public static Task<int> RelayAsync(this ChainFixture f, string email, Guid item, string? note = null, Tlp? tlp = null) =>
        f.AsAsync(email, (sp, v) => sp.GetRequiredService<RelayService>().RelayAsync(v, item, note, tlp));
}
