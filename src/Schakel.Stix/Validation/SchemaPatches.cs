using System.Text.Json.Nodes;

namespace Schakel.Stix.Validation;

/// <summary>
/// In-memory changes to the OASIS schemas at load time (the embedded files stay unchanged; Schemas/NOTICE.md lists these).
/// Each one either removes a denial-of-service risk or makes the schema say what the STIX 2.1 text says.
/// </summary>
internal static class SchemaPatches
{
    // "([a-z][a-z0-9]*)+" matches exactly what "[a-z][a-z0-9]*" matches, but the nested quantifier makes .NET's
    // backtracking engine take exponential time on a long near-miss such as "aaaa…a!" (ReDoS). Used for type names and
    // extension keys, i.e. on attacker-controlled input.
    private const string NestedQuantifier = "([a-z][a-z0-9]*)+";
    private const string Flat = "[a-z][a-z0-9]*";

    public static void Apply(string path, JsonObject schema)
    {
        RewritePatterns(schema);
        if (path == "common/granular-marking.json") AllowLanguageMarkings(schema);
        if (path == "common/bundle.json") RelaxBundleObjects(schema);
    }

    private static void RewritePatterns(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) && pattern.Contains(NestedQuantifier, StringComparison.Ordinal))
                    obj["pattern"] = pattern.Replace(NestedQuantifier, Flat, StringComparison.Ordinal);
                if (obj["patternProperties"] is JsonObject patternProperties)
                {
                    foreach (var key in patternProperties.Select(kv => kv.Key).Where(k => k.Contains(NestedQuantifier, StringComparison.Ordinal)).ToList())
                    {
                        var value = patternProperties[key];
                        patternProperties.Remove(key);
                        patternProperties[key.Replace(NestedQuantifier, Flat, StringComparison.Ordinal)] = value;
                    }
                }

                foreach (var (_, child) in obj.ToList()) RewritePatterns(child);
                break;
            case JsonArray array:
                foreach (var child in array) RewritePatterns(child);
                break;
        }
    }

    /// <summary>
    /// STIX 2.1 section 7.2.3: a granular marking has exactly one of <c>marking_ref</c> and <c>lang</c>. The OASIS schema
    /// requires <c>marking_ref</c>, which rejects the language markings the specification shows in its own examples.
    /// </summary>
    private static void AllowLanguageMarkings(JsonObject schema)
    {
        schema["required"] = new JsonArray("selectors");
        schema["oneOf"] = new JsonArray(
            new JsonObject { ["required"] = new JsonArray("marking_ref") },
            new JsonObject { ["required"] = new JsonArray("lang") });
    }

    /// <summary>
    /// The bundle schema tries every object against every type schema (a oneOf of 36); the validator instead checks each
    /// object against the schema of its own type, so the bundle schema only needs to see that objects are JSON objects.
    /// </summary>
    private static void RelaxBundleObjects(JsonObject schema)
    {
        if (schema["properties"]?["objects"] is JsonObject objects)
            objects["items"] = new JsonObject { ["type"] = "object" };
    }
}
