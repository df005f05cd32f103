namespace Schakel.Features.Network;

/// <summary>
/// The posted fields of the organisation form (<c>/organisations/new</c>, <c>/organisations/{key}/edit</c>), as text so
/// that a wrong value is reported rather than silently dropped. Empty texts mean "not given".
/// </summary>
public sealed class OrganisationInput
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; } = nameof(OrganisationType.Member);
    public string? Designation { get; set; }
    public string? KvkNumber { get; set; }
    public string? Oin { get; set; }
    public List<string> Sectors { get; set; } = [];
    public string? Nis2Class { get; set; } = nameof(Network.Nis2Class.None);
    public string? Region { get; set; }
    public string? WbniCategory { get; set; } = "none";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? PgpKey { get; set; }
    public string? Website { get; set; }
    public List<string> LinkingOrganisations { get; set; } = [];

    /// <summary>HTML ids of the form's fields by <see cref="OrganisationProblem.Field"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldIds = new Dictionary<string, string>
    {
        ["Key"] = "key", ["Name"] = "name", ["Type"] = "type", ["Designation"] = "designation", ["KvkNumber"] = "kvk",
        ["Oin"] = "oin", ["Sectors"] = "sectors", ["Nis2Class"] = "nis2", ["Region"] = "region", ["WbniCategory"] = "wbni",
        ["Email"] = "email", ["Phone"] = "phone", ["PgpKey"] = "pgp", ["Website"] = "website", ["LinkingOrganisations"] = "links",
    };

    public static OrganisationInput From(OrganisationDto o) => new()
    {
        Key = o.Key, Name = o.Name, Type = o.Type.ToString(), Designation = o.Designation?.ToString(), KvkNumber = o.KvkNumber,
        Oin = o.Oin, Sectors = [.. o.Sectors], Nis2Class = o.Nis2Class.ToString(), Region = o.Region, WbniCategory = o.WbniCategory,
        Email = o.Email, Phone = o.Phone, PgpKey = o.PgpKey, Website = o.Website, LinkingOrganisations = [.. o.LinkingOrganisations],
    };

    /// <summary>
    /// The DTO these fields describe, checked with <see cref="OrganisationRules"/>; every problem is added to
    /// <paramref name="problems"/> with the resource key <c>Error.CODE</c> and the offending value as argument.
    /// </summary>
    public OrganisationDto ToDto(bool isActive, FormProblems problems)
    {
        var type = ParseEnum<OrganisationType>(Type, "Type", problems) ?? OrganisationType.Member;
        var nis2 = ParseEnum<Network.Nis2Class>(Nis2Class, "Nis2Class", problems) ?? Network.Nis2Class.None;
        var designation = string.IsNullOrWhiteSpace(Designation) ? null : ParseEnum<Network.Designation>(Designation, "Designation", problems);
        var dto = new OrganisationDto
        {
            Key = Trim(Key) ?? "", Name = Trim(Name) ?? "", Type = type, Designation = designation, KvkNumber = Trim(KvkNumber),
            Oin = Trim(Oin), Sectors = Sectors.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList(), Nis2Class = nis2,
            Region = Trim(Region), WbniCategory = Trim(WbniCategory) ?? "none", Email = Trim(Email), Phone = Trim(Phone),
            PgpKey = Trim(PgpKey), Website = Trim(Website), IsActive = isActive,
            LinkingOrganisations = LinkingOrganisations.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList(),
        };
        foreach (var p in OrganisationRules.Problems(dto)) problems.Add(FieldIds[p.Field], "Error." + p.Code, p.Value);
        return dto;
    }

    private static T? ParseEnum<T>(string? text, string field, FormProblems problems) where T : struct, Enum
    {
        if (Enum.TryParse<T>(text, ignoreCase: false, out var v) && Enum.IsDefined(v) && !int.TryParse(text, out _)) return v;
        problems.Add(FieldIds[field], "Error.Invalid" + field, text);
        return null;
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
