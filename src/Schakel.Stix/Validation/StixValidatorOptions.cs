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
}
