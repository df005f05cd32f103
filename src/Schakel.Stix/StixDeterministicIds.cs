using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Schakel.Stix;

/// <summary>
/// Deterministic SCO identifiers (STIX 2.1 sections 2.9 and 3.4): a UUIDv5 in the namespace
/// <c>00abedb4-aa42-466c-9c01-fed23315a9b7</c> over the JSON object of the SCO's "ID contributing properties" that are
/// present, canonicalised per RFC 8785 (JCS). Of <c>hashes</c> only one hash counts: MD5, else SHA-1, SHA-256, SHA-512,
/// else the first (as the OASIS python-stix2 library does). Producers that compute SCO ids this way deduplicate across
/// organisations; the MISP mapping can use it to give observables stable ids.
/// </summary>
public static class StixDeterministicIds
{
    /// <summary>The namespace of STIX 2.1 deterministic SCO ids.</summary>
    public static readonly Guid Namespace = new("00abedb4-aa42-466c-9c01-fed23315a9b7");

    // The "ID Contributing Properties" of each SCO type in section 6 (Process has none: its ids are UUIDv4).
    private static readonly Dictionary<string, string[]> Contributing = new(StringComparer.Ordinal)
    {
        ["artifact"] = ["hashes", "payload_bin"],
        ["autonomous-system"] = ["number"],
        ["directory"] = ["path"],
        ["domain-name"] = ["value"],
        ["email-addr"] = ["value"],
        ["email-message"] = ["from_ref", "subject", "body"],
        ["file"] = ["hashes", "name", "extensions", "parent_directory_ref"],
        ["ipv4-addr"] = ["value"],
        ["ipv6-addr"] = ["value"],
        ["mac-addr"] = ["value"],
        ["mutex"] = ["name"],
        ["network-traffic"] = ["start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"],
        ["process"] = [],
        ["software"] = ["name", "cpe", "swid", "vendor", "version"],
        ["url"] = ["value"],
        ["user-account"] = ["account_type", "user_id", "account_login"],
        ["windows-registry-key"] = ["key", "values"],
        ["x509-certificate"] = ["hashes", "serial_number"],
    };

    private static readonly string[] PreferredHashes = ["MD5", "SHA-1", "SHA-256", "SHA-512"];

    /// <summary>The ID contributing properties of an SCO type, or null for a type that is not a STIX SCO.</summary>
    public static IReadOnlyList<string>? ContributingProperties(string type) => Contributing.GetValueOrDefault(type);

    /// <summary>
    /// The deterministic id of an SCO given as JSON (its <c>type</c> and properties), or null when the type is not a STIX
    /// SCO or none of its ID contributing properties is present (the id is then a UUIDv4, section 2.9).
    /// </summary>
    public static string? Compute(JsonElement sco)
    {
        if (sco.ValueKind != JsonValueKind.Object || !sco.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String) return null;
        var type = t.GetString()!;
        if (!Contributing.TryGetValue(type, out var names)) return null;

        var present = names.Where(n => sco.TryGetProperty(n, out _)).Order(StringComparer.Ordinal).ToList();
        if (present.Count == 0) return null;
        var json = new StringBuilder();
        json.Append('{');
        foreach (var name in present)
        {
            if (json.Length > 1) json.Append(',');
            WriteString(json, name);
            json.Append(':');
            var value = sco.GetProperty(name);
            if (name == "hashes" && value.ValueKind == JsonValueKind.Object) WriteOneHash(json, value);
            else Canonical(json, value);
        }

        json.Append('}');
        return $"{type}--{Uuid5(Namespace, json.ToString()):D}";
    }

    /// <summary>A name-based (version 5, SHA-1) UUID as RFC 4122 section 4.3 defines it.</summary>
    public static Guid Uuid5(Guid ns, string name)
    {
        Span<byte> nsBytes = stackalloc byte[16];
        ns.TryWriteBytes(nsBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        nsBytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 UUIDv5 is defined with; it names, it does not protect.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    private static void WriteOneHash(StringBuilder json, JsonElement hashes)
    {
        var chosen = PreferredHashes.FirstOrDefault(h => hashes.TryGetProperty(h, out _))
                     ?? hashes.EnumerateObject().Select(p => p.Name).FirstOrDefault();
        json.Append('{');
        if (chosen is not null)
        {
            WriteString(json, chosen);
            json.Append(':');
            Canonical(json, hashes.GetProperty(chosen));
        }

        json.Append('}');
    }

    /// <summary>RFC 8785: members sorted by UTF-16 code units, no whitespace, ECMAScript number and string forms.</summary>
    private static void Canonical(StringBuilder json, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                json.Append('{');
                var first = true;
                foreach (var p in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first) json.Append(',');
                    first = false;
                    WriteString(json, p.Name);
                    json.Append(':');
                    Canonical(json, p.Value);
                }

                json.Append('}');
                break;
            case JsonValueKind.Array:
                json.Append('[');
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (i++ > 0) json.Append(',');
                    Canonical(json, item);
                }

                json.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(json, value.GetString()!);
                break;
            case JsonValueKind.Number:
                json.Append(Number(value));
                break;
            default:
                json.Append(value.GetRawText()); // true, false, null
                break;
        }
    }

    private static string Number(JsonElement value)
    {
        var d = value.GetDouble();
        if (d == Math.Floor(d) && Math.Abs(d) < 1e21) return d.ToString("0", CultureInfo.InvariantCulture);
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
    }

    private static void WriteString(StringBuilder json, string s)
    {
        json.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < 0x20) json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else json.Append(c);
                    break;
            }
        }

        json.Append('"');
    }
}
