using System.Text.Json;
using System.Text.Json.Serialization;

namespace Schakel.Features.Network;

/// <summary>
/// The whole network as JSON (<c>schakel network import|export</c>): organisations with their constituency links, and
/// people with their roles (never passwords or tokens). Property names are lowerCamelCase; enums are strings.
/// </summary>
public sealed record NetworkDocument
{
    /// <summary>Format version of this document.</summary>
    public string Version { get; init; } = "1";
    public List<OrganisationDto> Organisations { get; init; } = [];
    public List<PersonDto> People { get; init; } = [];

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}

/// <summary>One organisation; <see cref="LinkingOrganisations"/> holds the keys of the linking organisations whose constituency it belongs to.</summary>
public sealed record OrganisationDto
{
    public required string Key { get; init; }
    public required string Name { get; init; }

    /// <summary>Required in JSON: a missing type must not silently make an organisation a coordinator.</summary>
    [JsonRequired]
    public OrganisationType Type { get; init; }
    public Designation? Designation { get; init; }
    public string? KvkNumber { get; init; }
    public string? Oin { get; init; }
    public List<string> Sectors { get; init; } = [];
    public Nis2Class Nis2Class { get; init; }
    public string? Region { get; init; }
    public string WbniCategory { get; init; } = "none";
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? PgpKey { get; init; }
    public string? Website { get; init; }
    public bool IsActive { get; init; } = true;
    public List<string> LinkingOrganisations { get; init; } = [];
}

/// <summary>One person: e-mail, name, organisation key, roles.</summary>
public sealed record PersonDto
{
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required string Organisation { get; init; }
    public List<string> Roles { get; init; } = [];
    public bool IsActive { get; init; } = true;
}
