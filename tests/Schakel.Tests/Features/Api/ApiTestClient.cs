using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Schakel.Csaf;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Api;

/// <summary>Small helpers the API and visibility tests share: posting CSAF files, reading JSON, picking real documents.</summary>
public static class ApiTestClient
{
    /// <summary>POSTs a CSAF file to <c>/api/v1/advisories</c> with an optional label and audiences.</summary>
    public static Task<HttpResponseMessage> PostAdvisoryAsync(this HttpClient client, string path, string? tlp, params string[] audience) =>
        client.PostAdvisoryBytesAsync(File.ReadAllBytes(path), tlp, audience);

    /// <summary>POSTs raw bytes as <c>application/json</c> to <c>/api/v1/advisories</c>.</summary>
    public static Task<HttpResponseMessage> PostAdvisoryBytesAsync(this HttpClient client, byte[] body, string? tlp, params string[] audience)
    {
        var query = new List<string>();
        if (tlp is not null) query.Add("tlp=" + Uri.EscapeDataString(tlp));
        query.AddRange(audience.Select(a => "audience=" + Uri.EscapeDataString(a)));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return client.PostAsync("/api/v1/advisories" + (query.Count > 0 ? "?" + string.Join("&", query) : ""), content);
    }

    /// <summary>Imports a file and returns the new item's id; fails the test unless the answer is 201.</summary>
    public static async Task<Guid> ImportAsync(this HttpClient client, string path, string? tlp, params string[] audience)
    {
        using var response = await client.PostAdvisoryAsync(path, tlp, audience);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{Path.GetFileName(path)} {tlp} {string.Join(",", audience)}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("itemId").GetGuid();
    }

    /// <summary>GET and parse JSON, asserting the status.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The real CSAF advisories of the shared data folder, sorted by path (feeds and other JSON left out).</summary>
    public static IReadOnlyList<string> RealAdvisories() =>
        Directory.EnumerateFiles(TestEnvironment.Data("csaf", "advisories"), "*.json", SearchOption.AllDirectories)
            .Where(f => CsafReader.LooksLikeCsaf(File.ReadAllBytes(f)))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>A real advisory by file name, e.g. <c>bsi-2022-0001.json</c>.</summary>
    public static string RealAdvisory(string fileName) => RealAdvisories().Single(f => Path.GetFileName(f) == fileName);

    /// <summary>Asserts an RFC 9457 problem: the status, <c>application/problem+json</c>, and non-empty title and detail.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
