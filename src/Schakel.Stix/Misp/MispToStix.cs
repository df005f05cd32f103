using Schakel.Stix.Markings;

namespace Schakel.Stix.Misp;

/// <summary>What the caller knows that an event does not: who imports it and the organisations and sharing groups to match.</summary>
public sealed record MispToStixOptions
{
    /// <summary>The importing organisation's key, the audience of distribution 0.</summary>
    public string? OwnOrganisationKey { get; init; }

    /// <summary>Schakel's organisations, matched against sharing-group members by MISP uuid, then by name.</summary>
    public IReadOnlyList<SchakelOrganisation> Organisations { get; init; } = [];

    /// <summary>Known sharing groups (e.g. read with <see cref="MispEventReader.ReadSharingGroups"/>), for events that only name one.</summary>
    public IReadOnlyList<MispSharingGroup> SharingGroups { get; init; } = [];
}

/// <summary>
/// One MISP event as STIX 2.1. <see cref="Objects"/>: the identity of the creating organisation, the <c>report</c> (a
/// published event) or <c>grouping</c> (an unpublished one) with id <see cref="ContainerId"/> whose <c>object_refs</c> name
/// everything else, then indicators, observed-data with their SCOs, notes, SDOs for galaxy clusters and relationships.
/// <see cref="Tlp"/> is the strictest TLP marking on them (null when the event has no <c>tlp:</c> tag).
/// <see cref="MappedAttributes"/> and the <c>attribute</c> entries of <see cref="Unmapped"/> together name every attribute
/// of the event exactly once.
/// </summary>
public sealed record MispConversion(
    string ContainerId, IReadOnlyList<StixObject> Objects, StixTlp? Tlp, MispAudienceSuggestion Audience,
    IReadOnlyList<MispUnmapped> Unmapped, IReadOnlyList<string> MappedAttributes);

/// <summary>
/// Converts a MISP event to STIX 2.1 objects, following the MISP project's mapping (misp-stix) where it has one: the
/// event becomes a report or grouping, <c>Orgc</c> an identity; an attribute with <c>to_ids</c> an indicator with a STIX
/// pattern, another observable attribute an observed-data with its SCOs; <c>vulnerability</c> a vulnerability; free text a
/// note; MISP objects (<c>file</c>, <c>domain-ip</c>, <c>url</c>, <c>ip-port</c>) one composition; object references
/// relationships; tags labels; <c>tlp:</c> tags TLP 2.0 marking references (event tags on every object, attribute tags on
/// that attribute's objects); galaxy clusters threat-actor, intrusion-set, malware, tool, attack-pattern or
/// course-of-action SDOs where the galaxy's meaning is clear, else labels.
/// <para>Ids are deterministic: <c>TYPE--MISP-UUID</c> for SDOs, the STIX 2.1 section 2.9 UUIDv5 for SCOs, so importing the
/// same event twice yields the same objects; <c>modified</c> is the MISP <c>timestamp</c> (Unix seconds, UTC) of each
/// attribute, object or event, so a changed event brings new versions. <c>created</c> is the event's <c>date</c> (midnight
/// UTC), or <c>modified</c> when earlier, so it stays the same across versions.</para>
/// <para>What does not map is listed in <see cref="MispConversion.Unmapped"/> with its reason and kept: an attribute or
/// object as a note holding its MISP JSON (<c>x_misp_attribute</c>, <c>x_misp_object</c>), an object's unmapped attributes in
/// <c>x_misp_attributes</c>, an unknown <c>tlp:</c> value as AMBER+STRICT (fail closed, DESIGN.md section 3). A pure function.</para>
/// </summary>
public static class MispToStix
{
    /// <summary>Converts <paramref name="ev"/>; never throws for well-formed events (<see cref="MispEventReader"/> output).</summary>
    public static MispConversion Convert(MispEvent ev, MispToStixOptions? options = null)
    {
        options ??= new MispToStixOptions();
        var writer = new MispStixWriter(ev);
        var objects = writer.Write();
        var audience = MispDistribution.Suggest(ev, options.OwnOrganisationKey, options.Organisations, options.SharingGroups, writer.Unmapped);
        var tlp = new MarkingResolver(objects).Resolve(objects).Label;
        return new MispConversion(writer.ContainerId, objects, tlp, audience, writer.Unmapped, writer.Mapped);
    }
}
