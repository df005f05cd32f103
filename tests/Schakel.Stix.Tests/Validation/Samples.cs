using System.Text.Json;
using System.Text.Json.Nodes;
using Schakel.Stix.Validation;

namespace Schakel.Stix.Tests.Validation;

/// <summary>Small valid STIX 2.1 objects (from the specification's examples) and helpers to break them one property at a time.</summary>
internal static class Samples
{
    public const string Indicator = """
        {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
         "created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","created":"2016-04-06T20:03:48.000Z",
         "modified":"2016-04-06T20:03:48.000Z","indicator_types":["malicious-activity"],"name":"Poison Ivy Malware",
         "description":"This file is part of Poison Ivy","pattern":"[ file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877' ]",
         "pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}
        """;

    public const string Identity = """
        {"type":"identity","spec_version":"2.1","id":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
         "created":"2016-08-08T15:50:10.983Z","modified":"2016-08-08T15:50:10.983Z","name":"ACME Widget, Inc.","identity_class":"organization"}
        """;

    public const string Campaign = """
        {"type":"campaign","spec_version":"2.1","id":"campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
         "created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z","name":"Green Group Attacks Against Finance",
         "description":"Campaign by Green Group against a series of targets in the financial services sector.","labels":["finance","banking"]}
        """;

    public const string Relationship = """
        {"type":"relationship","spec_version":"2.1","id":"relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad",
         "created":"2016-04-06T20:06:37.000Z","modified":"2016-04-06T20:06:37.000Z","relationship_type":"indicates",
         "source_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","target_ref":"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"}
        """;

    public const string File = """
        {"type":"file","spec_version":"2.1","id":"file--7cdc1fbe-5cfd-5e09-8e87-648a1cf1080c","name":"qwerty.dll",
         "hashes":{"SHA-256":"ceafbfd424be2ca4a5f0402cae090dda2fb0526cf521b60b60077c0f622b285a"}}
        """;

    public const string NetworkTraffic = """
        {"type":"network-traffic","spec_version":"2.1","id":"network-traffic--6e0cb830-0305-57d4-8536-7be874d42005",
         "src_ref":"ipv4-addr--4d22aae0-2bf9-5427-8819-e4f6abf20a53","dst_ref":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","protocols":["tcp"]}
        """;

    public const string Statement = """
        {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd",
         "created":"2016-08-01T00:00:00.000Z","definition_type":"statement","definition":{"statement":"Copyright 2019, Example Corp"}}
        """;

    public const string CustomObject = """
        {"type":"x-example-com-customobject","spec_version":"2.1","id":"x-example-com-customobject--4527e5de-8572-446a-a57a-706f15467461",
         "created":"2016-08-01T00:00:00.000Z","modified":"2016-08-01T00:00:00.000Z","some_custom_stuff":14,"other_custom_stuff":"hello"}
        """;

    // The SCO samples carry their deterministic ids (section 2.9), so that they validate without warnings.

    /// <summary>The sample with <paramref name="change"/> applied to its top-level JSON object.</summary>
    public static string With(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    /// <summary>Validates one object given as JSON text.</summary>
    public static IReadOnlyList<StixFinding> Check(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return StixValidator.Default.ValidateObject(doc.RootElement);
    }

    public static IReadOnlyList<StixFinding> Errors(string json) => Check(json).Where(f => f.Severity == StixSeverity.Error).ToList();

    public static IReadOnlyList<StixFinding> Warnings(string json) => Check(json).Where(f => f.Severity == StixSeverity.Warning).ToList();

    /// <summary>Validates content (a bundle, envelope, array or object) given as JSON text.</summary>
    public static StixValidationReport CheckContent(string json) => StixValidator.Default.Validate(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>A bundle of the given objects.</summary>
    public static string Bundle(params string[] objects) =>
        $$"""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{{string.Join(",", objects)}}]}""";
}
