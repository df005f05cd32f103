namespace Schakel.Stix.Misp;

/// <summary>
/// Registry keys as STIX 2.1 section 6.17 wants them: with the full hive name. MISP events often write <c>HKLM\…</c>,
/// which the STIX schema forbids; the conversion writes <c>HKEY_LOCAL_MACHINE\…</c> instead.
/// </summary>
public static class MispRegistryKeys
{
    private static readonly (string Short, string Full)[] Hives =
    [
        ("HKLM", "HKEY_LOCAL_MACHINE"), ("HKCU", "HKEY_CURRENT_USER"), ("HKCR", "HKEY_CLASSES_ROOT"), ("HKU", "HKEY_USERS"), ("HKCC", "HKEY_CURRENT_CONFIG"),
    ];

    /// <summary>The key with an abbreviated hive written out in full; other values trimmed and kept; null for an empty value.</summary>
    public static string? Normalise(string value)
    {
        var v = value.Trim();
        foreach (var (shortName, full) in Hives)
        {
            if (v.StartsWith(shortName, StringComparison.OrdinalIgnoreCase) && (v.Length == shortName.Length || v[shortName.Length] == '\\'))
                return full + v[shortName.Length..];
        }

        return v.Length == 0 ? null : v;
    }
}
