using System.Text.RegularExpressions;

namespace Schakel.Stix;

/// <summary>
/// A STIX 2.1 identifier (section 2.9): <c>object-type--UUID</c>, the type in lowercase and the UUID an RFC 4122 UUID
/// (variant bits 10, version 1–5), written in the 8-4-4-4-12 hexadecimal form.
/// </summary>
public readonly partial record struct StixIdentifier(string Type, Guid Uuid, int UuidVersion)
{
    /// <summary>Parses an identifier; false when the text is not <c>type--UUID</c> with an RFC 4122 UUID.</summary>
    public static bool TryParse(string? text, out StixIdentifier identifier)
    {
        identifier = default;
        if (text is null || text.Length > 300) return false;
        var m = Pattern().Match(text);
        if (!m.Success) return false;
        var uuid = m.Groups[2].Value;
        var version = uuid[14] - '0';
        identifier = new StixIdentifier(m.Groups[1].Value, Guid.ParseExact(uuid, "D"), version);
        return true;
    }

    /// <summary>A new identifier with a random (version 4) UUID, e.g. for a bundle (section 8.1).</summary>
    public static string NewId(string type) => $"{type}--{Guid.NewGuid():D}";

    public override string ToString() => $"{Type}--{Uuid:D}";

    // Type: lowercase letter first, then letters, digits and single hyphens (section 3.1, 11.2.1); UUID: RFC 4122 version 1–5,
    // variant 10xx. Upper-case hexadecimal digits are accepted, as the OASIS identifier schema accepts them.
    [GeneratedRegex(@"^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)--([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
