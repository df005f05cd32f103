namespace Schakel.Stix;

/// <summary>The kinds of STIX 2.1 objects (STIX 2.1 sections 4–7).</summary>
public enum StixObjectCategory
{
    /// <summary>STIX Domain Object (section 4).</summary>
    Sdo,

    /// <summary>STIX Relationship Object (section 5).</summary>
    Sro,

    /// <summary>STIX Cyber-observable Object (section 6).</summary>
    Sco,

    /// <summary>Marking definition, language content or extension definition (section 7).</summary>
    Meta,

    /// <summary>A type STIX 2.1 does not define: a custom object (section 11.2), kept as it is.</summary>
    Custom,
}

/// <summary>The object types STIX 2.1 defines, by category.</summary>
public static class StixTypes
{
    /// <summary>The 19 SDO types of section 4.</summary>
    public static readonly IReadOnlySet<string> Sdos = new HashSet<string>(StringComparer.Ordinal)
    {
        "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator", "infrastructure",
        "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data", "opinion", "report",
        "threat-actor", "tool", "vulnerability",
    };

    /// <summary>The SRO types of section 5.</summary>
    public static readonly IReadOnlySet<string> Sros = new HashSet<string>(StringComparer.Ordinal) { "relationship", "sighting" };

    /// <summary>The 18 SCO types of section 6.</summary>
    public static readonly IReadOnlySet<string> Scos = new HashSet<string>(StringComparer.Ordinal)
    {
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr",
        "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url", "user-account",
        "windows-registry-key", "x509-certificate",
    };

    /// <summary>The meta object types of section 7.</summary>
    public static readonly IReadOnlySet<string> Metas = new HashSet<string>(StringComparer.Ordinal)
    {
        "marking-definition", "language-content", "extension-definition",
    };

    /// <summary>The category of a type; any type not defined by STIX 2.1 is <see cref="StixObjectCategory.Custom"/>.</summary>
    public static StixObjectCategory CategoryOf(string type) =>
        Sdos.Contains(type) ? StixObjectCategory.Sdo
        : Sros.Contains(type) ? StixObjectCategory.Sro
        : Scos.Contains(type) ? StixObjectCategory.Sco
        : Metas.Contains(type) ? StixObjectCategory.Meta
        : StixObjectCategory.Custom;
}
