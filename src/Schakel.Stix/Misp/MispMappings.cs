namespace Schakel.Stix.Misp;

/// <summary>
/// The mapping tables between MISP and STIX 2.1, after the MISP project's own mapping (misp-stix, "MISP Attributes to
/// STIX 2.1"): a MISP attribute type becomes the SCO properties at the given pattern paths (a <c>a|b</c> type's value
/// splits on the first <c>|</c> into one part per path); a MISP object's relation becomes one path of a composition.
/// Used both ways: MISP → STIX builds SCOs and patterns from the paths, STIX → MISP matches patterns and SCOs to them.
/// </summary>
internal static class MispMappings
{
    private static readonly (string Misp, string Stix)[] Hashes =
    [
        ("md5", "MD5"), ("sha1", "SHA-1"), ("sha224", "SHA-224"), ("sha256", "SHA-256"), ("sha384", "SHA-384"), ("sha512", "SHA-512"),
        ("sha3-224", "SHA3-224"), ("sha3-256", "SHA3-256"), ("sha3-384", "SHA3-384"), ("sha3-512", "SHA3-512"), ("ssdeep", "SSDEEP"), ("tlsh", "TLSH"),
    ];

    /// <summary>Observable attribute types in preference order (the first match wins when STIX → MISP has no <c>misp:type</c> label).</summary>
    public static readonly IReadOnlyList<(string Type, string[] Paths)> AttributeTypes = BuildAttributeTypes();

    /// <summary>Lookup of <see cref="AttributeTypes"/> by MISP type.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AttributePaths =
        AttributeTypes.GroupBy(t => t.Type).ToDictionary(g => g.Key, g => g.First().Paths, StringComparer.Ordinal);

    /// <summary>Paths whose values are integers in STIX.</summary>
    public static readonly IReadOnlySet<string> IntegerPaths = new HashSet<string>(StringComparer.Ordinal)
    {
        "autonomous-system:number", "network-traffic:dst_port", "network-traffic:src_port", "file:size",
    };

    /// <summary>The path of the attachment content (<c>attachment</c>, <c>malware-sample</c>: base64 in the attribute's <c>data</c>).</summary>
    public const string PayloadPath = "file:content_ref.payload_bin";

    /// <summary>Attribute types that carry free text: they become a STIX <c>note</c> (content = value).</summary>
    public static readonly IReadOnlySet<string> TextTypes = new HashSet<string>(StringComparer.Ordinal) { "text", "comment", "other" };

    /// <summary>Attribute types whose value is a pattern in another language: an indicator with that <c>pattern_type</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> PatternTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["snort"] = "snort", ["yara"] = "yara", ["sigma"] = "sigma", ["suricata"] = "suricata",
    };

    /// <summary>MISP objects that compose SCOs: object name → relation → (path, MISP attribute type), in preference order.</summary>
    public static readonly IReadOnlyDictionary<string, (string Relation, string Path, string Type)[]> Objects =
        new Dictionary<string, (string, string, string)[]>(StringComparer.Ordinal)
        {
            ["file"] =
            [
                ("filename", "file:name", "filename"),
                .. Hashes.Select(h => (h.Misp, $"file:hashes.{h.Stix}", h.Misp)),
                ("size-in-bytes", "file:size", "size-in-bytes"), ("mimetype", "file:mime_type", "mime-type"),
            ],
            ["domain-ip"] =
            [
                ("domain", "domain-name:value", "domain"), ("hostname", "domain-name:value", "hostname"),
                ("ip", "domain-name:resolves_to_refs[*].value", "ip-dst"),
            ],
            ["url"] = [("url", "url:value", "url")],
            ["ip-port"] =
            [
                ("ip", "network-traffic:dst_ref.value", "ip-dst"), ("ip-dst", "network-traffic:dst_ref.value", "ip-dst"),
                ("dst-port", "network-traffic:dst_port", "port"), ("ip-src", "network-traffic:src_ref.value", "ip-src"),
                ("src-port", "network-traffic:src_port", "port"),
            ],
        };

    /// <summary>The STIX SDO type for a galaxy type where the meaning is clear, else null (the cluster is kept as a label).</summary>
    public static string? SdoTypeOfGalaxy(string galaxyType)
    {
        var t = galaxyType.ToLowerInvariant();
        if (t.Contains("attack-pattern", StringComparison.Ordinal)) return "attack-pattern";
        if (t.Contains("intrusion-set", StringComparison.Ordinal)) return "intrusion-set";
        if (t.Contains("threat-actor", StringComparison.Ordinal)) return "threat-actor";
        if (t.Contains("course-of-action", StringComparison.Ordinal)) return "course-of-action";
        if (t.Contains("malware", StringComparison.Ordinal) || t is "malpedia" or "ransomware" or "rat" or "backdoor" or "banker" or "stealer" or "botnet")
            return "malware";
        if (t is "tool" or "mitre-tool" or "mitre-enterprise-attack-tool" or "mitre-mobile-attack-tool") return "tool";
        return null;
    }

    /// <summary>The galaxy type written back for an SDO that did not come from MISP (STIX → MISP).</summary>
    public static string GalaxyTypeOf(string sdoType) => sdoType switch
    {
        "threat-actor" => "threat-actor",
        "intrusion-set" => "mitre-intrusion-set",
        "malware" => "mitre-malware",
        "tool" => "mitre-tool",
        "attack-pattern" => "mitre-attack-pattern",
        _ => "mitre-course-of-action",
    };

    private static List<(string, string[])> BuildAttributeTypes()
    {
        var list = new List<(string, string[])>
        {
            ("ip-dst", ["ip:value"]), ("ip-src", ["ip:value"]),
            ("ip-dst|port", ["network-traffic:dst_ref.value", "network-traffic:dst_port"]),
            ("ip-src|port", ["network-traffic:src_ref.value", "network-traffic:src_port"]),
            ("domain", ["domain-name:value"]), ("hostname", ["domain-name:value"]),
            ("domain|ip", ["domain-name:value", "domain-name:resolves_to_refs[*].value"]),
            ("url", ["url:value"]), ("uri", ["url:value"]), ("link", ["url:value"]),
            ("filename", ["file:name"]),
            ("email-src", ["email-addr:value"]), ("email-dst", ["email-addr:value"]), ("email", ["email-addr:value"]),
            ("AS", ["autonomous-system:number"]), ("mutex", ["mutex:name"]),
            ("regkey", ["windows-registry-key:key"]), ("regkey|value", ["windows-registry-key:key", "windows-registry-key:values[*].data"]),
            ("mac-address", ["mac-addr:value"]),
            ("x509-fingerprint-md5", ["x509-certificate:hashes.MD5"]), ("x509-fingerprint-sha1", ["x509-certificate:hashes.SHA-1"]),
            ("x509-fingerprint-sha256", ["x509-certificate:hashes.SHA-256"]),
            ("attachment", ["file:name"]), ("malware-sample", ["file:name", "file:hashes.MD5"]),
        };
        foreach (var (misp, stix) in Hashes)
        {
            list.Add((misp, [$"file:hashes.{stix}"]));
            list.Add(($"filename|{misp}", ["file:name", $"file:hashes.{stix}"]));
        }

        return list;
    }
}
