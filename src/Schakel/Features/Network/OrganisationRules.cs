using System.Text.RegularExpressions;

namespace Schakel.Features.Network;

/// <summary>
/// One problem with an organisation's fields: the DTO property it concerns (<c>Key</c>, <c>Sectors</c>, …), a stable
/// code the web UI translates (<c>UnknownSector</c>, …) and the offending value where there is one.
/// </summary>
public sealed record OrganisationProblem(string Field, string Code, string? Value = null);

/// <summary>Validation of an organisation's fields against the vocabularies of DESIGN.md section 2a.</summary>
public static partial class OrganisationRules
{
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex KvkPattern();

    [GeneratedRegex("^[0-9]{20}$")]
    private static partial Regex OinPattern();

    /// <summary>Whether a key is valid: lower-case letters, digits and hyphens, 1 to 64 characters.</summary>
    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>Returns the problems with an organisation (empty when valid). Messages name the field and the key.</summary>
    public static List<string> Check(OrganisationDto o)
    {
        var who = string.IsNullOrEmpty(o.Key) ? "organisation" : $"organisation '{o.Key}'";
        return Problems(o).Select(p => $"{who}: {Describe(p)}").ToList();
    }

    /// <summary>The same checks as <see cref="Check"/>, as structured problems (for forms that show them per field).</summary>
    public static List<OrganisationProblem> Problems(OrganisationDto o)
    {
        var problems = new List<OrganisationProblem>();
        if (!IsValidKey(o.Key)) problems.Add(new("Key", "KeyInvalid", o.Key));
        if (string.IsNullOrWhiteSpace(o.Name)) problems.Add(new("Name", "NameRequired"));
        else if (o.Name.Length > 256) problems.Add(new("Name", "NameTooLong"));
        if (o.Type == OrganisationType.LinkingOrganisation && o.Designation is null) problems.Add(new("Designation", "DesignationRequired"));
        if (o.Type != OrganisationType.LinkingOrganisation && o.Designation is not null) problems.Add(new("Designation", "DesignationNotAllowed"));
        foreach (var s in o.Sectors.Where(s => !Vocabulary.IsSector(s))) problems.Add(new("Sectors", "UnknownSector", s));
        if (o.Region is not null && !Vocabulary.IsRegion(o.Region)) problems.Add(new("Region", "UnknownRegion", o.Region));
        if (!Vocabulary.IsWbniCategory(o.WbniCategory)) problems.Add(new("WbniCategory", "UnknownWbniCategory", o.WbniCategory));
        if (o.KvkNumber is not null && !KvkPattern().IsMatch(o.KvkNumber)) problems.Add(new("KvkNumber", "KvkInvalid", o.KvkNumber));
        if (o.Oin is not null && !OinPattern().IsMatch(o.Oin)) problems.Add(new("Oin", "OinInvalid", o.Oin));
        if (o.PgpKey is { Length: > 65536 }) problems.Add(new("PgpKey", "PgpKeyTooLarge"));
        if (o.Email is { Length: > 256 } || (o.Email is not null && !o.Email.Contains('@'))) problems.Add(new("Email", "EmailInvalid", o.Email));
        // The database columns are this long; PostgreSQL refuses longer values.
        if (o.Phone is { Length: > 32 }) problems.Add(new("Phone", "PhoneTooLong"));
        if (o.Website is { Length: > 256 }) problems.Add(new("Website", "WebsiteTooLong"));
        return problems;
    }

    private static string Describe(OrganisationProblem p) => p.Code switch
    {
        "KeyInvalid" => "key must be 1-64 lower-case letters, digits or hyphens.",
        "NameRequired" => "name is required.",
        "NameTooLong" => "name is longer than 256 characters.",
        "DesignationRequired" => "a linking organisation needs a designation (CERT or OKTT).",
        "DesignationNotAllowed" => "only linking organisations have a designation.",
        "UnknownSector" => $"unknown sector '{p.Value}'.",
        "UnknownRegion" => $"unknown region '{p.Value}'.",
        "UnknownWbniCategory" => $"unknown Wbni category '{p.Value}'.",
        "KvkInvalid" => "KvK number must be 8 digits.",
        "OinInvalid" => "OIN must be 20 digits.",
        "PgpKeyTooLarge" => "OpenPGP key is larger than 64 KiB.",
        "EmailInvalid" => "e-mail address is not valid.",
        "PhoneTooLong" => "phone number is longer than 32 characters.",
        "WebsiteTooLong" => "website is longer than 256 characters.",
        _ => p.Code,
    };
}
