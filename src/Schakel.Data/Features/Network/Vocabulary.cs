namespace Schakel.Features.Network;

/// <summary>The type of an organisation in the network (DESIGN.md section 1).</summary>
public enum OrganisationType
{
    Coordinator,
    Director,
    LinkingOrganisation,
    Member,
}

/// <summary>The designation of a linking organisation: a sector or national CERT, or an OKTT.</summary>
public enum Designation
{
    CERT,
    OKTT,
}

/// <summary>NIS2 class of an organisation.</summary>
public enum Nis2Class
{
    None,
    Important,
    Essential,
}

/// <summary>Stable vocabulary keys of DESIGN.md section 2a.</summary>
public static class Vocabulary
{
    /// <summary>Sector keys: NIS2 Annex I, Annex II and three Dutch groupings.</summary>
    public static readonly IReadOnlyList<string> Sectors =
    [
        "energy", "transport", "banking", "financial-market-infrastructure", "health", "drinking-water",
        "waste-water", "digital-infrastructure", "ict-service-management", "public-administration", "space",
        "postal-courier", "waste-management", "chemicals", "food", "manufacturing", "digital-providers",
        "research", "central-government", "municipalities", "education",
    ];

    /// <summary>Region keys: ISO 3166-2 codes of the provinces, the Caribbean Netherlands and the other countries of the Kingdom.</summary>
    public static readonly IReadOnlyList<string> Regions =
    [
        "NL-DR", "NL-FL", "NL-FR", "NL-GE", "NL-GR", "NL-LI", "NL-NB", "NL-NH", "NL-OV", "NL-UT", "NL-ZE", "NL-ZH",
        "BQ-BO", "BQ-SA", "BQ-SE", "AW", "CW", "SX",
    ];

    /// <summary>Wbni article 3 category keys.</summary>
    public static readonly IReadOnlyList<string> WbniCategories =
    [
        "vital-or-government", "oktt", "designated-cert", "national-csirt", "internet-access-provider", "none",
    ];

    public static bool IsSector(string key) => Sectors.Contains(key);
    public static bool IsRegion(string key) => Regions.Contains(key);
    public static bool IsWbniCategory(string key) => WbniCategories.Contains(key);

    /// <summary>Whether a Wbni article 3 category lets the coordinator inform the organisation directly (every key but <c>none</c>).</summary>
    public static bool HasDirectBasis(string? category) => category is not null && category != "none" && IsWbniCategory(category);
}
