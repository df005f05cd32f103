using System.Text;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.26 "Prohibited Document Category Name": a document of the profile "CSAF Base" (any category that
/// is not one of the five profile values) does not use the reserved prefix <c>csaf_</c>, nor a category equal to the name
/// (without <c>csaf_</c>) or value of another profile once case, dashes, whitespace and underscores are ignored.
/// </summary>
public sealed class Test_6_1_26_ProhibitedDocumentCategoryName : CsafTest
{
    private static readonly string[] ProfileValues =
        [CsafProfiles.Base, CsafProfiles.SecurityIncidentResponse, CsafProfiles.InformationalAdvisory, CsafProfiles.SecurityAdvisory, CsafProfiles.Vex];

    // Names and values of the profiles other than "CSAF Base" (sections 4.2 to 4.6), normalised.
    private static readonly Dictionary<string, string> Prohibited = new[]
    {
        ("Security incident response", CsafProfiles.SecurityIncidentResponse),
        ("Informational Advisory", CsafProfiles.InformationalAdvisory),
        ("Security Advisory", CsafProfiles.SecurityAdvisory),
        ("VEX", CsafProfiles.Vex),
    }.SelectMany(p => new[] { (Key: Normalise(p.Item1), Profile: p.Item1), (Key: Normalise(p.Item2), Profile: p.Item1) })
        .ToDictionary(p => p.Key, p => p.Profile, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Id => "6.1.26";

    /// <inheritdoc />
    public override string Title => "Prohibited Document Category Name";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (CsafProfiles.Category(context.Root) is not { } category || ProfileValues.Contains(category, StringComparer.Ordinal)) return;
        const string path = "/document/category";
        if (category.StartsWith("csaf_", StringComparison.OrdinalIgnoreCase))
        {
            context.Report(path, $"The document category '{category}' starts with the reserved prefix 'csaf_' but is not one of the profile values ({string.Join(", ", ProfileValues)}).");
        }
        else if (Prohibited.TryGetValue(Normalise(category), out var profile))
        {
            context.Report(path, $"The document category '{category}' is the name or value of the profile '{profile}' (ignoring case, dashes, whitespace and underscores); use its value or another category.");
        }
    }

    private static string Normalise(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value.Where(c => c is not ('-' or '_') && !char.IsWhiteSpace(c))) text.Append(char.ToLowerInvariant(c));
        return text.ToString();
    }
}
