using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Taxii;

/// <summary>Helpers for the TAXII tests: imports as a demo organisation, TAXII requests and small STIX bundles.</summary>
internal static class TaxiiTestData
{
    public const string TaxiiType = "application/taxii+json;version=2.1";
    public const string Green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
    public const string Amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
    public const string Clear = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";

    /// <summary>Imports <paramref name="bundle"/> as one item of the organisation, published to the audience (text form).</summary>
    public static async Task<Guid> ImportAsync(SchakelFactory factory, string orgKey, string bundle, params string[] audience)
    {
        var result = await factory.WithDbAsync(async (db, sp) =>
        {
            var org = await db.Organisations.Where(o => o.Key == orgKey).Select(o => o.Id).SingleAsync();
            var specs = audience.Select(a => AudienceSpec.TryParse(a, out var s, out _) ? s : throw new ArgumentException(a)).ToList();
            return await sp.GetRequiredService<ThreatIntelImporter>().ImportAsync(Encoding.UTF8.GetBytes(bundle), new ThreatIntelImportRequest(org, null, null, specs));
        });
        if (result.ItemId is null) throw new InvalidOperationException("Import rejected: " + string.Join(" ", result.Errors.Select(e => e.Message)));
        return result.ItemId.Value;
    }

    /// <summary>A bundle with one indicator per name (fresh ids unless given), with an optional object marking.</summary>
    public static string Bundle(string? marking, params (string Id, string Modified, string Name)[] indicators)
    {
        var objects = indicators.Select(i => $$"""
            {"type":"indicator","spec_version":"2.1","id":"{{i.Id}}","created":"2016-04-06T20:03:48.000Z","modified":"{{i.Modified}}",
             "name":"{{i.Name}}","pattern":"[ipv4-addr:value = '198.51.100.3']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"{{(marking is null ? "" : $",\"object_marking_refs\":[\"{marking}\"]")}}}
            """);
        return $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{string.Join(",", objects)}}]}""";
    }

    public static string NewIndicatorId() => $"indicator--{Guid.NewGuid()}";

    /// <summary>A GET with the TAXII Accept header.</summary>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TaxiiType));
        return await client.SendAsync(request);
    }

    /// <summary>GETs a TAXII resource that must answer 200 with the TAXII media type; returns its JSON.</summary>
    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await GetAsync(client, url);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
        if (response.Content.Headers.ContentType?.ToString().Replace(" ", "") != TaxiiType) throw new InvalidOperationException($"{url}: content type {response.Content.Headers.ContentType}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The id of the caller's collection with this alias (key).</summary>
    public static async Task<string> CollectionIdAsync(HttpClient client, string alias)
    {
        var collections = await GetJsonAsync(client, "/taxii2/api/collections/");
        return collections.GetProperty("collections").EnumerateArray().Single(c => c.GetProperty("alias").GetString() == alias).GetProperty("id").GetString()!;
    }

    /// <summary>The ids of the objects in an envelope (empty for <c>{}</c>).</summary>
    public static List<string> Ids(JsonElement envelope) =>
        envelope.TryGetProperty("objects", out var objects) ? objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList() : [];

    /// <summary>An HTTP client without credentials.</summary>
    public static HttpClient Anonymous(SchakelFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

/// <summary>Requests with bodies for the TAXII tests.</summary>
internal static class TaxiiRequests
{
    /// <summary>POSTs an envelope (as the TAXII media type unless another is given).</summary>
    public static async Task<HttpResponseMessage> PostEnvelopeAsync(HttpClient client, string collection, string envelope, string contentType = TaxiiTestData.TaxiiType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/taxii2/api/collections/{collection}/objects/");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TaxiiTestData.TaxiiType));
        request.Content = new StringContent(envelope, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.SendAsync(request);
    }

    /// <summary>A TAXII envelope of the bundle's objects.</summary>
    public static string Envelope(string bundle) =>
        "{\"objects\":" + JsonDocument.Parse(bundle).RootElement.GetProperty("objects").GetRawText() + "}";

    public static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, url);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TaxiiTestData.TaxiiType));
        return await client.SendAsync(request);
    }
}
