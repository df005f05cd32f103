using Microsoft.Extensions.Localization;
using Schakel.Csaf.Authoring;
using Schakel.Features.Sharing;
using Schakel.Features.Web;

namespace Schakel.Features.Advisories.Authoring;

/// <summary>A CVE row of the form.</summary>
public sealed class CveRow
{
    public string? Id { get; set; }
    public string? Description { get; set; }
    public bool IsEmpty => string.IsNullOrWhiteSpace(Id) && string.IsNullOrWhiteSpace(Description);
}

/// <summary>A product row: vendor, product, versions separated by commas or new lines, or "versions unknown".</summary>
public sealed class ProductRow
{
    public string? Vendor { get; set; }
    public string? Name { get; set; }
    public string? Versions { get; set; }
    public bool VersionsUnknown { get; set; }
    public bool IsEmpty => string.IsNullOrWhiteSpace(Vendor) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Versions);

    public List<string> VersionList() =>
        (Versions ?? "").Split([',', '\n', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
}

/// <summary>A remediation row; <see cref="Cve"/> empty means every CVE, <see cref="Product"/> (1-based row number) empty means every product.</summary>
public sealed class RemediationRow
{
    public string? Category { get; set; }
    public string? Text { get; set; }
    public string? Url { get; set; }
    public string? Cve { get; set; }
    public string? Product { get; set; }
    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Url);
}

/// <summary>A reference row: URL and summary.</summary>
public sealed class ReferenceRow
{
    public string? Url { get; set; }
    public string? Summary { get; set; }
    public bool IsEmpty => string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Summary);
}

/// <summary>
/// What the authoring form posts (model-bound, rows as <c>Cves[0].Id</c> ...). <see cref="ToAdvisory"/> validates it into
/// an <see cref="AuthoredAdvisory"/> with one localised error per field (field ids as in the view); <see cref="From"/>
/// fills it from a stored document. Empty rows are ignored, so "add row" only needs to append one.
/// </summary>
public sealed class AdvisoryForm
{
    public const int MaxText = 20_000;
    public const int MaxLine = 500;

    /// <summary>Labels offered: the TLP 2.0 label of the item; CSAF gets the TLP 1.0 label (CLEAR as WHITE, AMBER+STRICT as AMBER with the handling in the text).</summary>
    public static readonly Sharing.Tlp[] Labels = [Sharing.Tlp.Clear, Sharing.Tlp.Green, Sharing.Tlp.Amber, Sharing.Tlp.AmberStrict, Sharing.Tlp.Red];

    public static readonly string[] Levels = ["low", "medium", "high"];

    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Impact { get; set; }
    public string? Solution { get; set; }
    public string Rating { get; set; } = nameof(AdvisoryRating.Normaal);
    public string? Probability { get; set; }
    public string? Damage { get; set; }
    public string Label { get; set; } = "AMBER";
    public bool Interim { get; set; }
    public string? RevisionSummary { get; set; }
    public List<CveRow> Cves { get; set; } = [];
    public List<ProductRow> Products { get; set; } = [];
    public List<RemediationRow> Remediations { get; set; } = [];
    public List<ReferenceRow> References { get; set; } = [];

    /// <summary>Makes sure every repeatable section shows at least one (empty) row.</summary>
    public void EnsureRows()
    {
        if (Cves.Count == 0) Cves.Add(new());
        if (Products.Count == 0) Products.Add(new());
        if (Remediations.Count == 0) Remediations.Add(new());
        if (References.Count == 0) References.Add(new());
    }

    /// <summary>The item label chosen, or null when it is not one of <see cref="Labels"/>.</summary>
    public Sharing.Tlp? ItemLabel() => TlpLabels.TryParse(Label, out var t) && Labels.Contains(t) ? t : null;

    /// <summary>Validates the form; returns null and fills <paramref name="errors"/> when something is wrong.</summary>
    public AuthoredAdvisory? ToAdvisory(string lang, FormErrors errors, IStringLocalizer<AuthoringText> t)
    {
        Required("title", Title, t["Error.Title"], errors, MaxLine, t);
        Required("summary", Summary, t["Error.Summary"], errors, MaxText, t);
        TooLong("impact", Impact, MaxText, errors, t);
        TooLong("solution", Solution, MaxText, errors, t);
        Required("revision-summary", RevisionSummary, t["Error.RevisionSummary"], errors, MaxLine, t);
        var label = ItemLabel();
        if (label is null) errors.Add("label", t["Error.Label"]);
        if (!Enum.TryParse<AdvisoryRating>(Rating, out var rating)) errors.Add("rating-normaal", t["Error.Rating"]);
        var probability = Level("probability", Probability, errors, t);
        var damage = Level("damage", Damage, errors, t);

        var cves = new List<AuthoredVulnerability>();
        for (var i = 0; i < Cves.Count; i++)
        {
            var row = Cves[i];
            if (row.IsEmpty) continue;
            var id = row.Id?.Trim().ToUpperInvariant() ?? "";
            if (!System.Text.RegularExpressions.Regex.IsMatch(id, @"^CVE-[0-9]{4}-[0-9]{4,}$")) errors.Add($"cves-{i}-id", t["Error.Cve", i + 1]);
            else if (cves.Any(c => c.Cve == id)) errors.Add($"cves-{i}-id", t["Error.CveTwice", id]);
            else cves.Add(new(id, string.IsNullOrWhiteSpace(row.Description) ? null : row.Description.Trim()));
            TooLong($"cves-{i}-description", row.Description, MaxText, errors, t);
        }

        if (cves.Count == 0 && errors.For("cves-0-id") is null) errors.Add("cves-0-id", t["Error.NoCve"]);

        var products = new List<AuthoredProduct>();
        var productRows = new Dictionary<int, int>(); // 1-based form row number -> index in products
        for (var i = 0; i < Products.Count; i++)
        {
            var row = Products[i];
            if (row.IsEmpty && !row.VersionsUnknown) continue;
            Required($"products-{i}-vendor", row.Vendor, t["Error.Vendor", i + 1], errors, MaxLine, t);
            Required($"products-{i}-name", row.Name, t["Error.Product", i + 1], errors, MaxLine, t);
            var versions = row.VersionList();
            if (row.VersionsUnknown && versions.Count > 0) errors.Add($"products-{i}-versions", t["Error.VersionsAndUnknown", i + 1]);
            else if (!row.VersionsUnknown && versions.Count == 0) errors.Add($"products-{i}-versions", t["Error.Versions", i + 1]);
            productRows[i + 1] = products.Count;
            products.Add(new(row.Vendor?.Trim() ?? "", row.Name?.Trim() ?? "", row.VersionsUnknown ? [] : versions));
        }

        if (products.Count == 0) errors.Add("products-0-vendor", t["Error.NoProduct"]);

        var remediations = new List<AuthoredRemediation>();
        for (var i = 0; i < Remediations.Count; i++)
        {
            var row = Remediations[i];
            if (row.IsEmpty) continue;
            var category = Enum.TryParse<RemediationCategory>(row.Category, out var c) ? c : (RemediationCategory?)null;
            if (category is null) errors.Add($"remediations-{i}-category", t["Error.RemediationCategory", i + 1]);
            Required($"remediations-{i}-text", row.Text, t["Error.RemediationText", i + 1], errors, MaxText, t);
            Url($"remediations-{i}-url", row.Url, required: false, errors, t);
            string? cve = string.IsNullOrWhiteSpace(row.Cve) ? null : row.Cve.Trim().ToUpperInvariant();
            if (cve is not null && cves.Count > 0 && !cves.Any(v => v.Cve == cve)) errors.Add($"remediations-{i}-cve", t["Error.RemediationCve", i + 1]);
            int? product = null;
            if (!string.IsNullOrWhiteSpace(row.Product))
            {
                if (int.TryParse(row.Product, out var n) && productRows.TryGetValue(n, out var index)) product = index;
                else errors.Add($"remediations-{i}-product", t["Error.RemediationProduct", i + 1]);
            }

            if (category is { } cat) remediations.Add(new(cat, row.Text?.Trim() ?? "", string.IsNullOrWhiteSpace(row.Url) ? null : row.Url.Trim(), cve, product));
        }

        var references = new List<AuthoredReference>();
        for (var i = 0; i < References.Count; i++)
        {
            var row = References[i];
            if (row.IsEmpty) continue;
            Url($"references-{i}-url", row.Url, required: true, errors, t);
            Required($"references-{i}-summary", row.Summary, t["Error.ReferenceSummary", i + 1], errors, MaxLine, t);
            references.Add(new(row.Url?.Trim() ?? "", row.Summary?.Trim() ?? ""));
        }

        if (errors.Count > 0) return null;
        return new AuthoredAdvisory
        {
            Title = Title!.Trim(), Lang = lang, Summary = Summary!.Trim(), Impact = Blank(Impact), Solution = Blank(Solution),
            Rating = rating, Probability = probability, Damage = damage,
            Tlp = label!.Value switch { Sharing.Tlp.Clear => CsafTlpLabel.White, Sharing.Tlp.Green => CsafTlpLabel.Green, Sharing.Tlp.Red => CsafTlpLabel.Red, _ => CsafTlpLabel.Amber },
            DistributionText = label == Sharing.Tlp.AmberStrict ? CsafRelabel.StrictNotice : null,
            Status = Interim ? AuthoredStatus.Interim : AuthoredStatus.Final,
            Vulnerabilities = cves, Products = products, Remediations = remediations, References = references,
        };
    }

    /// <summary>The form filled from a stored document (AMBER+STRICT recognised by the notice in <c>distribution.text</c>).</summary>
    public static AdvisoryForm From(AuthoredAdvisory a)
    {
        var strict = a.Tlp == CsafTlpLabel.Amber && (a.DistributionText?.StartsWith("TLP:AMBER+STRICT", StringComparison.Ordinal) ?? false);
        var form = new AdvisoryForm
        {
            Title = a.Title, Summary = a.Summary, Impact = a.Impact, Solution = a.Solution, Rating = a.Rating.ToString(),
            Probability = a.Probability?.ToString().ToLowerInvariant(), Damage = a.Damage?.ToString().ToLowerInvariant(),
            Label = strict ? "AMBER+STRICT" : a.Tlp == CsafTlpLabel.White ? "CLEAR" : a.Tlp.ToString().ToUpperInvariant(),
            Interim = a.Status == AuthoredStatus.Interim,
            Cves = a.Vulnerabilities.Select(v => new CveRow { Id = v.Cve, Description = v.Description }).ToList(),
            Products = a.Products.Select(p => new ProductRow { Vendor = p.Vendor, Name = p.Name, Versions = string.Join(", ", p.Versions), VersionsUnknown = p.VersionsUnknown }).ToList(),
            Remediations = a.Remediations.Select(r => new RemediationRow
            {
                Category = r.Category.ToString(), Text = r.Text, Url = r.Url, Cve = r.Cve, Product = r.ProductIndex is { } i ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            }).ToList(),
            References = a.References.Select(r => new ReferenceRow { Url = r.Url, Summary = r.Summary }).ToList(),
        };
        form.EnsureRows();
        return form;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static RiskLevel? Level(string field, string? value, FormErrors errors, IStringLocalizer<AuthoringText> t)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (Enum.TryParse<RiskLevel>(value, ignoreCase: true, out var level) && Levels.Contains(value)) return level;
        errors.Add(field, t["Error.Level"]);
        return null;
    }

    private static void Required(string field, string? value, string message, FormErrors errors, int max, IStringLocalizer<AuthoringText> t)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(field, message);
        else TooLong(field, value, max, errors, t);
    }

    private static void TooLong(string field, string? value, int max, FormErrors errors, IStringLocalizer<AuthoringText> t)
    {
        if (value is not null && value.Trim().Length > max) errors.Add(field, t["Error.TooLong", max]);
    }

    private static void Url(string field, string? value, bool required, FormErrors errors, IStringLocalizer<AuthoringText> t)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, t["Error.Url"]);
        }
        else if (!WebFormat.IsWebUrl(value.Trim())) errors.Add(field, t["Error.Url"]);
    }
}
