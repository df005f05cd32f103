using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Schakel.Stix.Misp;

/// <summary>
/// Deterministic STIX identifiers. SCOs get the UUIDv5 of STIX 2.1 section 2.9 (namespace
/// <c>00abedb4-aa42-466c-9c01-fed23315a9b7</c> over the canonical JSON of the type's ID contributing properties), so the
/// same observable always has the same id; everything else derives from MISP uuids, so re-importing an event yields the
/// same ids. Where neither exists a UUIDv5 under Schakel's own namespace over a stable seed is used.
/// </summary>
public static class StixIds
{
    private static readonly Guid StixScoNamespace = Guid.Parse("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /// <summary>Schakel's namespace for ids derived from seeds that are not observables (fixed; never change it).</summary>
    public static readonly Guid SchakelNamespace = Guid.Parse("f790bdd2-8ab3-4f1e-bd05-102f9aa12a29");

    /// <summary>The ID contributing properties of each SCO type (STIX 2.1 sections 6.1–6.18).</summary>
    private static readonly Dictionary<string, string[]> Contributing = new(StringComparer.Ordinal)
    {
        ["artifact"] = ["hashes", "payload_bin"], ["autonomous-system"] = ["number"], ["directory"] = ["path"],
        ["domain-name"] = ["value"], ["email-addr"] = ["value"], ["email-message"] = ["from_ref", "subject", "body"],
        ["file"] = ["hashes", "name", "extensions", "parent_directory_ref"], ["ipv4-addr"] = ["value"], ["ipv6-addr"] = ["value"],
        ["mac-addr"] = ["value"], ["mutex"] = ["name"],
        ["network-traffic"] = ["start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"],
        ["software"] = ["name", "cpe", "swid", "vendor", "version"], ["url"] = ["value"],
        ["user-account"] = ["account_type", "user_id", "account_login"], ["windows-registry-key"] = ["key", "values"],
        ["x509-certificate"] = ["hashes", "serial_number"],
    };

    /// <summary>The preferred hash when a <c>hashes</c> dictionary contributes (section 2.9: one hash, in this order).</summary>
    private static readonly string[] HashPreference = ["MD5", "SHA-1", "SHA-256", "SHA-512"];

    /// <summary>
    /// The id of an SCO from its properties (<paramref name="properties"/> without <c>type</c>/<c>id</c> is fine).
    /// Falls back to <paramref name="fallbackSeed"/> under <see cref="SchakelNamespace"/> when no contributing property is set.
    /// </summary>
    public static string ForSco(string type, JsonObject properties, string fallbackSeed)
    {
        var contributing = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (Contributing.TryGetValue(type, out var names))
        {
            foreach (var name in names)
            {
                if (properties[name] is not { } value) continue;
                if (name == "hashes" && value is JsonObject hashes)
                {
                    var key = HashPreference.FirstOrDefault(hashes.ContainsKey) ?? hashes.Select(h => h.Key).FirstOrDefault();
                    if (key is null) continue;
                    value = new JsonObject { [key] = hashes[key]?.DeepClone() };
                }

                contributing[name] = value;
            }
        }

        if (contributing.Count == 0) return $"{type}--{FromSeed(fallbackSeed)}";
        return $"{type}--{V5(StixScoNamespace, Canonical(contributing))}";
    }

    /// <summary><c>TYPE--UUID</c> with the UUID taken from MISP (lower case).</summary>
    public static string FromMisp(string type, string mispUuid) => $"{type}--{mispUuid.ToLowerInvariant()}";

    /// <summary>A UUIDv5 under <see cref="SchakelNamespace"/> over <paramref name="seed"/>.</summary>
    public static Guid FromSeed(string seed) => V5(SchakelNamespace, seed);

    /// <summary>RFC 9562 UUID version 5 (SHA-1, name-based).</summary>
    public static Guid V5(Guid ns, string name)
    {
        Span<byte> nsBytes = stackalloc byte[16];
        ns.TryWriteBytes(nsBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        nsBytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>JSON with object keys sorted at every level (RFC 8785 for the strings and integers STIX observables hold).</summary>
    private static string Canonical(SortedDictionary<string, JsonNode?> properties)
    {
        var o = new JsonObject();
        foreach (var (k, v) in properties) o[k] = Sort(v);
        return o.ToJsonString(JsonNodes.Options);
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };
}
