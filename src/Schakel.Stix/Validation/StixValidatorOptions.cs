using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Schakel.Stix.Validation;

/// <summary>Options of a <see cref="StixValidator"/>.</summary>
public sealed class StixValidatorOptions
{
    /// <summary>
    /// Extra JSON schemas applied on top of the OASIS ones, keyed by object type (e.g. a custom <c>x-acme-widget</c>) or by
    /// extension key (e.g. <c>extension-definition--…</c>): an object is also checked against the schema of its type and
    /// of each of its extensions found here. This is how the OASIS validator's "custom schemas" work; empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, JsonSchema> ExtraSchemas { get; init; } = new Dictionary<string, JsonSchema>();

    /// <summary>
    /// Builds extra schemas from JSON texts keyed as <see cref="ExtraSchemas"/> is (a type or an extension key, e.g. the
    /// file name without <c>.json</c> of the OASIS validator's schema folder). Each is registered as
    /// <c>https://schakel.invalid/stix/extra/KEY.json</c>, so relative <c>$ref</c>s between them (<c>"bar.json"</c>)
    /// resolve, and absolute references to the OASIS STIX 2.1 schemas resolve to the embedded ones. Nothing is fetched.
    /// </summary>
    /// <exception cref="JsonException">A text is not JSON.</exception>
    /// <exception cref="InvalidOperationException">A schema cannot be built (e.g. a <c>$ref</c> to nothing known).</exception>
    public static IReadOnlyDictionary<string, JsonSchema> BuildExtraSchemas(IReadOnlyDictionary<string, string> jsonByKey)
    {
        var baseUri = $"https://schakel.invalid/stix/extra/{Guid.NewGuid():N}/";
        var raw = jsonByKey.ToDictionary(kv => baseUri + kv.Key + ".json", kv => JsonNode.Parse(kv.Value) ?? throw new JsonException($"'{kv.Key}' is JSON null."), StringComparer.Ordinal);
        var registry = new SchemaRegistry { Fetch = (uri, _) => StixSchemas.Registry.Get(uri) };
        var built = StixSchemas.BuildAll(raw, registry);
        return jsonByKey.Keys.ToDictionary(k => k, k => built[baseUri + k + ".json"], StringComparer.Ordinal);
    }
}
