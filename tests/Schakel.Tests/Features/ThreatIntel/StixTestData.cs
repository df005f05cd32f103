using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.ThreatIntel;

/// <summary>STIX content for the import tests: one indicator in several versions, and the real bundles of the shared data.</summary>
public static class StixTestData
{
    /// <summary>The TLP 2.0 GREEN marking definition (STIX 2.1 section 7.2.1.4 / TLP 2.0 extension).</summary>
    public const string Tlp2Green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

    /// <summary>The unknown marking beside TLP 1.0 RED in <c>interop-objectmarking-test.json</c>.</summary>
    public const string UnknownMarking = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ec";

    /// <summary>A bundle (STIX 2.1 section 8) with one indicator of the given id and version; a fresh bundle id each call.</summary>
    public static string Bundle(string id, string modified, string name, bool revoked = false, string? marking = null) => $$"""
        {"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[
          {"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"2016-04-06T20:03:48.000Z","modified":"{{modified}}",
           "name":"{{name}}","pattern":"[ipv4-addr:value = '198.51.100.3']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z",
           "revoked":{{(revoked ? "true" : "false")}}{{(marking is null ? "" : $",\"object_marking_refs\":[\"{marking}\"]")}}}]}
        """;

    /// <summary>A new indicator id.</summary>
    public static string NewIndicatorId() => "indicator--" + Guid.NewGuid();

    /// <summary>Every file under <c>stix/bundles</c> of the shared data, relative to that folder, in ordinal order.</summary>
    public static IReadOnlyList<string> RealBundles()
    {
        var root = TestEnvironment.Data("stix", "bundles");
        return [.. Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The objects of a bundle, an envelope, a bare array or a single object.</summary>
    public static List<JsonObject> ObjectsOf(byte[] content)
    {
        var root = JsonNode.Parse(content)!;
        var array = root as JsonArray ?? root["objects"] as JsonArray;
        return array is null ? [root.AsObject()] : [.. array.Select(n => n!.AsObject())];
    }

    /// <summary>
    /// Counts conflicts as the node must see them when contents are imported one after the other: an object whose id and
    /// version were seen before (in the same or an earlier content) with other content (STIX 2.1 section 3.6: one id and
    /// version is one content). The first content seen for a version is the one kept.
    /// </summary>
    public sealed class ConflictCounter
    {
        private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

        /// <summary>
        /// The number of conflicts in <paramref name="content"/>, given everything added before. Objects the STIX validator
        /// refuses are never stored, so they neither conflict nor count as seen.
        /// </summary>
        public int Add(byte[] content)
        {
            var conflicts = 0;
            var invalid = InvalidIds(content);
            foreach (var o in ObjectsOf(content).Where(o => !invalid.Contains(o["id"]!.GetValue<string>())))
            {
                var key = o["id"]!.GetValue<string>() + "@" + (o["modified"] ?? o["created"])?.GetValue<string>();
                var json = o.ToJsonString();
                if (!_seen.TryAdd(key, json) && _seen[key] != json) conflicts++;
            }

            return conflicts;
        }
    }

    /// <summary>The ids of the objects in <paramref name="content"/> that break a STIX 2.1 rule (the importer refuses them).</summary>
    public static IReadOnlySet<string> InvalidIds(byte[] content) =>
        Schakel.Stix.Validation.StixValidator.Default.Validate(Schakel.Stix.StixBundleReader.Read(content)).InvalidObjectIds;

    /// <summary>POSTs content to <c>/api/v1/threat-intel</c> as <paramref name="mediaType"/> with a label and audiences.</summary>
    public static Task<HttpResponseMessage> PostStixAsync(this HttpClient client, byte[] body, string? tlp, string[] audience, string mediaType = "application/stix+json")
    {
        var query = new List<string>();
        if (tlp is not null) query.Add("tlp=" + Uri.EscapeDataString(tlp));
        query.AddRange(audience.Select(a => "audience=" + Uri.EscapeDataString(a)));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return client.PostAsync("/api/v1/threat-intel" + (query.Count > 0 ? "?" + string.Join("&", query) : ""), content);
    }

    public static Task<HttpResponseMessage> PostStixAsync(this HttpClient client, string body, string? tlp = null, params string[] audience) =>
        client.PostStixAsync(Encoding.UTF8.GetBytes(body), tlp, audience);

    /// <summary>Reads a JSON answer, failing with the body when the status differs.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The outcome of the only object in an import answer.</summary>
    public static string OnlyOutcome(JsonElement answer) => Assert.Single(answer.GetProperty("objects").EnumerateArray().ToList()).GetProperty("outcome").GetString()!;
}
