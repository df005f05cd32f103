using System.Text.RegularExpressions;

namespace Schakel.Features.Network;

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
        var errors = new List<string>();
        var who = string.IsNullOrEmpty(o.Key) ? "organisation" : $"organisation '{o.Key}'";
        if (!IsValidKey(o.Key)) errors.Add($"{who}: key must be 1-64 lower-case letters, digits or hyphens.");
        if (string.IsNullOrWhiteSpace(o.Name)) errors.Add($"{who}: name is required.");
        else if (o.Name.Length > 256) errors.Add($"{who}: name is longer than 256 characters.");
        if (o.Type == OrganisationType.LinkingOrganisation && o.Designation is null) errors.Add($"{who}: a linking organisation needs a designation (CERT or OKTT).");
        if (o.Type != OrganisationType.LinkingOrganisation && o.Designation is not null) errors.Add($"{who}: only linking organisations have a designation.");
        foreach (var s in o.Sectors.Where(s => !Vocabulary.IsSector(s))) errors.Add($"{who}: unknown sector '{s}'.");
        if (o.Region is not null && !Vocabulary.IsRegion(o.Region)) errors.Add($"{who}: unknown region '{o.Region}'.");
        if (!Vocabulary.IsWbniCategory(o.WbniCategory)) errors.Add($"{who}: unknown Wbni category '{o.WbniCategory}'.");
        if (o.KvkNumber is not null && !KvkPattern().IsMatch(o.KvkNumber)) errors.Add($"{who}: KvK number must be 8 digits.");
        if (o.Oin is not null && !OinPattern().IsMatch(o.Oin)) errors.Add($"{who}: OIN must be 20 digits.");
        if (o.PgpKey is { Length: > 65536 }) errors.Add($"{who}: OpenPGP key is larger than 64 KiB.");
        if (o.Email is { Length: > 256 } || (o.Email is not null && !o.Email.Contains('@'))) errors.Add($"{who}: e-mail address is not valid.");
        return errors;
    }
}
