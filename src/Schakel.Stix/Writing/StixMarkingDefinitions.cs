using Schakel.Stix.Markings;
using Schakel.Stix.Validation;

namespace Schakel.Stix.Writing;

/// <summary>
/// The standard TLP 2.0 marking-definition objects (the OASIS objects embedded under <c>Schemas/tlp2/</c>), for writers
/// that mark objects with TLP 2.0 and want the bundle to carry the definitions it refers to (STIX 2.1 section 7.2.1).
/// </summary>
public static class StixMarkingDefinitions
{
    private static readonly Lazy<IReadOnlyDictionary<StixTlp, StixObject>> Tlp2Objects = new(Load);

    /// <summary>The TLP 2.0 marking definition of a label, exactly as OASIS publishes it.</summary>
    public static StixObject Tlp2(StixTlp label) => Tlp2Objects.Value[label];

    private static IReadOnlyDictionary<StixTlp, StixObject> Load()
    {
        var files = new Dictionary<StixTlp, string>
        {
            [StixTlp.Clear] = "tlp-clear.json", [StixTlp.Green] = "tlp-green.json", [StixTlp.Amber] = "tlp-amber.json",
            [StixTlp.AmberStrict] = "tlp-amber+strict.json", [StixTlp.Red] = "tlp-red.json",
        };
        return files.ToDictionary(
            kv => kv.Key,
            kv => StixBundleReader.Read(System.Text.Encoding.UTF8.GetBytes(StixSchemas.ReadEmbedded("tlp2/" + kv.Value))).Objects.Single());
    }
}
