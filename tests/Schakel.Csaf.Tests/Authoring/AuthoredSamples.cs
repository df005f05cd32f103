using Schakel.Csaf.Authoring;

namespace Schakel.Csaf.Tests.Authoring;

/// <summary>Advisories and contexts the authoring tests share, and the one place that decides "valid".</summary>
internal static class AuthoredSamples
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 30, 15, 123, TimeSpan.Zero);

    public static readonly AuthoringPublisher Ncsc = new("Nationaal Cyber Security Centrum", "https://www.ncsc.nl", "coordinator");

    public static AuthoringContext Context(string summary = "Eerste versie") => new(Ncsc, "NCSC-2026-0001", Now, summary);

    public static AuthoredAdvisory Full() => new()
    {
        Title = "Kwetsbaarheden verholpen in Citrix NetScaler ADC",
        Summary = "Citrix heeft kwetsbaarheden verholpen in NetScaler ADC en Gateway.",
        Impact = "Een kwaadwillende kan op afstand willekeurige code uitvoeren.",
        Solution = "Citrix heeft updates uitgebracht; installeer deze.",
        Rating = AdvisoryRating.Urgent,
        Probability = RiskLevel.High,
        Damage = RiskLevel.Medium,
        Tlp = CsafTlpLabel.Green,
        Vulnerabilities = [new("CVE-2023-4966", "Informatielek in de sessieafhandeling."), new("CVE-2023-4967")],
        Products =
        [
            new("Citrix", "NetScaler ADC", ["14.1-8.50", "13.1 < 49.15"]),
            new("Citrix", "NetScaler Gateway", []),
            new("Ivanti", "Connect Secure", ["22.7R2"]),
        ],
        Remediations =
        [
            new(RemediationCategory.VendorFix, "Update naar 14.1-8.50 of later.", "https://support.citrix.com/article/CTX579459", null, 0),
            new(RemediationCategory.Workaround, "Beëindig actieve sessies na de update.", null, "CVE-2023-4966", null),
        ],
        References = [new("https://support.citrix.com/article/CTX579459", "Citrix Security Bulletin")],
    };

    private static readonly Schakel.Csaf.Validation.CsafValidator Validator =
        new(options: new Schakel.Csaf.Validation.CsafValidatorOptions { Informative = false });

    /// <summary>
    /// Asserts that <paramref name="bytes"/> is a valid CSAF 2.0 document: the schema and every mandatory test of section 6.1
    /// (the full validator, without the spell check, which has nothing to say about validity).
    /// </summary>
    public static CsafDocumentInfo AssertValid(byte[] bytes)
    {
        var result = CsafReader.Read(bytes, Validator);
        Assert.True(result.IsSuccess, result.ToString() + "\n" + System.Text.Encoding.UTF8.GetString(bytes));
        return result.Document!;
    }
}
