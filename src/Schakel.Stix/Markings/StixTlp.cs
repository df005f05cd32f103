namespace Schakel.Stix.Markings;

/// <summary>
/// TLP labels as STIX marking definitions express them, ordered from least to most strict (<c>a &gt; b</c>: a is
/// stricter). TLP 1.0's WHITE is CLEAR. Mirrors the application's label type without depending on it.
/// </summary>
public enum StixTlp
{
    Clear = 0,
    Green = 1,
    Amber = 2,
    AmberStrict = 3,
    Red = 4,
}

/// <summary>
/// The standard TLP marking definitions: TLP 1.0 (STIX 2.1 section 7.2.1.4, fixed ids) and TLP 2.0 (the FIRST/OASIS
/// TLP 2.0 marking definitions, extension <c>extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d</c>).
/// </summary>
public static class TlpMarkings
{
    /// <summary>The extension definition of the TLP 2.0 marking definitions; its property <c>tlp_2_0</c> names the label.</summary>
    public const string Tlp2ExtensionId = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    public const string Tlp2Clear = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
    public const string Tlp2Green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    public const string Tlp2Amber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    public const string Tlp2AmberStrict = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
    public const string Tlp2Red = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

    public const string Tlp1White = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";
    public const string Tlp1Green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
    public const string Tlp1Amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
    public const string Tlp1Red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

    private static readonly Dictionary<string, StixTlp> ById = new(StringComparer.Ordinal)
    {
        [Tlp2Clear] = StixTlp.Clear, [Tlp2Green] = StixTlp.Green, [Tlp2Amber] = StixTlp.Amber,
        [Tlp2AmberStrict] = StixTlp.AmberStrict, [Tlp2Red] = StixTlp.Red,
        [Tlp1White] = StixTlp.Clear, [Tlp1Green] = StixTlp.Green, [Tlp1Amber] = StixTlp.Amber, [Tlp1Red] = StixTlp.Red,
    };

    /// <summary>The label of a standard TLP 1.0 or 2.0 marking-definition id; false for any other id.</summary>
    public static bool TryGetLabel(string markingDefinitionId, out StixTlp label) => ById.TryGetValue(markingDefinitionId, out label);

    /// <summary>The TLP 2.0 marking-definition id of a label (what Schakel writes when it marks an object).</summary>
    public static string Tlp2IdOf(StixTlp label) => label switch
    {
        StixTlp.Clear => Tlp2Clear,
        StixTlp.Green => Tlp2Green,
        StixTlp.Amber => Tlp2Amber,
        StixTlp.AmberStrict => Tlp2AmberStrict,
        StixTlp.Red => Tlp2Red,
        _ => throw new ArgumentOutOfRangeException(nameof(label)),
    };

    /// <summary>Reads a label name as TLP 1.0 or 2.0 writes it (<c>white</c>, <c>clear</c>, <c>amber+strict</c>, optionally <c>TLP:</c>), case-insensitive.</summary>
    public static bool TryParseName(string? name, out StixTlp label)
    {
        var t = (name ?? "").Trim().ToLowerInvariant();
        if (t.StartsWith("tlp:", StringComparison.Ordinal)) t = t[4..];
        (var ok, label) = t switch
        {
            "clear" or "white" => (true, StixTlp.Clear),
            "green" => (true, StixTlp.Green),
            "amber" => (true, StixTlp.Amber),
            "amber+strict" => (true, StixTlp.AmberStrict),
            "red" => (true, StixTlp.Red),
            _ => (false, StixTlp.Clear),
        };
        return ok;
    }
}
