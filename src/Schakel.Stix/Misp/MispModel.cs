using System.Text.Json.Nodes;

namespace Schakel.Stix.Misp;

/// <summary>A MISP tag as it appears in <c>Tag</c> arrays (only the name carries meaning; colour and ids are display data).</summary>
public sealed record MispTag(string Name);

/// <summary>An organisation as MISP writes it in <c>Orgc</c>, <c>Org</c> and sharing groups: a name and, usually, a UUID.</summary>
public sealed record MispOrganisation(string Name, string? Uuid);

/// <summary>A galaxy cluster (<c>Galaxy[].GalaxyCluster[]</c>): <see cref="Type"/> is the galaxy type (e.g. <c>mitre-malware</c>).</summary>
public sealed record MispGalaxyCluster(string? Uuid, string Type, string Value, string? Description, string TagName);

/// <summary>
/// One MISP attribute, on the event or inside an object. <see cref="Timestamp"/> is Unix seconds (UTC);
/// <see cref="Distribution"/> 0–5 as MISP numbers it, null when absent (feed format); <see cref="Data"/> the base64 content
/// of <c>attachment</c>/<c>malware-sample</c> attributes, else null; <see cref="Json"/> the attribute exactly as received
/// (compact JSON), kept for what does not map.
/// </summary>
public sealed record MispAttribute(
    string Uuid, string Type, string Category, string Value, bool ToIds, string? Comment, long Timestamp,
    int? Distribution, string? SharingGroupId, bool Deleted, string? ObjectRelation, string? Data,
    IReadOnlyList<MispTag> Tags, IReadOnlyList<MispGalaxyCluster> Clusters, string Json);

/// <summary>A reference from a MISP object to another object or attribute (<c>Object[].ObjectReference[]</c>).</summary>
public sealed record MispObjectReference(string Uuid, string ReferencedUuid, string RelationshipType, string? Comment, long Timestamp);

/// <summary>A MISP object (<c>Object[]</c>): a named template (<c>file</c>, <c>domain-ip</c>, …) holding attributes with relations.</summary>
public sealed record MispObject(
    string Uuid, string Name, string? MetaCategory, string? Comment, long Timestamp, int? Distribution, string? SharingGroupId,
    bool Deleted, IReadOnlyList<MispAttribute> Attributes, IReadOnlyList<MispObjectReference> References, string Json);

/// <summary>A MISP sharing group: its name, UUID and member organisations (<c>SharingGroupOrg[].Organisation</c>).</summary>
public sealed record MispSharingGroup(string? Id, string? Uuid, string Name, IReadOnlyList<MispOrganisation> Organisations);

/// <summary>
/// One MISP event (the MISP core format, <c>{"Event":{…}}</c>). Times: <see cref="Timestamp"/> and
/// <see cref="PublishTimestamp"/> are Unix seconds (UTC); <see cref="Date"/> is the event's calendar date.
/// <see cref="Distribution"/> is 0–4 (null when absent, as in feed exports).
/// </summary>
public sealed record MispEvent(
    string Uuid, string Info, DateOnly? Date, long Timestamp, long? PublishTimestamp, bool Published,
    string? ThreatLevelId, string? Analysis, int? Distribution, string? SharingGroupId, MispSharingGroup? SharingGroup,
    MispOrganisation? Orgc, IReadOnlyList<MispAttribute> Attributes, IReadOnlyList<MispObject> Objects,
    IReadOnlyList<MispTag> Tags, IReadOnlyList<MispGalaxyCluster> Clusters)
{
    /// <summary>All attributes: the event's own and those inside objects.</summary>
    public IEnumerable<MispAttribute> AllAttributes => Attributes.Concat(Objects.SelectMany(o => o.Attributes));
}

/// <summary>One problem in MISP input: <see cref="Path"/> is a JSON pointer into the document (RFC 6901).</summary>
public sealed record MispFinding(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>
/// The result of reading a MISP event: <see cref="Event"/> is null when the document cannot be used at all; otherwise
/// attributes or objects that were malformed are left out and listed in <see cref="Findings"/>.
/// </summary>
public sealed record MispReadResult(MispEvent? Event, IReadOnlyList<MispFinding> Findings)
{
    /// <summary>True when the event was read with nothing left out.</summary>
    public bool IsComplete => Event is not null && Findings.Count == 0;
}

/// <summary>
/// What could not be mapped (either direction), with why and where it was kept. <see cref="Kind"/> is <c>attribute</c>,
/// <c>object</c>, <c>tag</c>, <c>galaxy</c>, <c>reference</c>, <c>distribution</c> or <c>stix-object</c>; <see cref="Id"/> the
/// MISP uuid or STIX id of the thing when it has one; <see cref="What"/> a short description (type and value).
/// </summary>
public sealed record MispUnmapped(string Kind, string? Id, string What, string Reason)
{
    public override string ToString() => $"{Kind} {What}{(Id is null ? "" : $" ({Id})")}: {Reason}";
}

internal static class JsonNodes
{
    /// <summary>Compact JSON with the relaxed encoder (no \u escapes for quotes or non-ASCII), as <see cref="StixObject"/> keeps it.</summary>
    public static string Compact(JsonNode node) => node.ToJsonString(Options);

    public static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
