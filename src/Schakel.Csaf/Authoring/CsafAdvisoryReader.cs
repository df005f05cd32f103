using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Schakel.Csaf.Authoring;

/// <summary>An authored document read back: the analyst's content, the publisher, the tracking state and, for a translation, its source.</summary>
public sealed record AuthoredDocument(AuthoredAdvisory Advisory, AuthoringPublisher Publisher, AuthoredTracking Tracking, TranslationSource? TranslationOf);

/// <summary>
/// Reads an <see cref="AuthoredAdvisory"/> back from a CSAF document that <see cref="CsafAdvisoryBuilder"/> wrote, so a
/// form can be refilled from the stored document itself (the document is the only copy of the truth). Also reads
/// other <c>csaf_security_advisory</c> documents as far as they fit the model (unknown notes and branches are skipped).
/// </summary>
public static partial class CsafAdvisoryReader
{
    /// <summary>
    /// Reads <paramref name="json"/> (UTF-8 CSAF JSON). Throws <see cref="FormatException"/> when it is not JSON with a
    /// <c>document</c>, or when <c>document.tracking.version</c> is not an integer (only integer versioning can be continued).
    /// </summary>
    public static AuthoredDocument Read(byte[] json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException("Not JSON: " + e.Message, e);
        }

        var document = root?["document"] as JsonObject ?? throw new FormatException("No document object.");
        var lang = Str(document["lang"]) ?? "nl";
        var notes = Notes(document["notes"]);
        var (products, idToProduct) = Products(root!["product_tree"]);
        var vulnerabilities = root["vulnerabilities"] as JsonArray ?? [];
        var translation = Translation(document);
        var summary = Pick(notes, "summary", t => t.Summary) ?? "";

        var advisory = new AuthoredAdvisory
        {
            Title = Str(document["title"]) ?? "",
            Lang = lang,
            Summary = summary,
            Impact = Pick(notes, "general", t => t.Impact),
            Solution = Pick(notes, "general", t => t.Solution),
            Rating = string.Equals(Str(document["aggregate_severity"]?["text"]), "Urgent", StringComparison.OrdinalIgnoreCase) ? AdvisoryRating.Urgent : AdvisoryRating.Normaal,
            Probability = Risk(Pick(notes, "other", t => t.Risk), t => t.Probability),
            Damage = Risk(Pick(notes, "other", t => t.Risk), t => t.Damage),
            Tlp = Enum.TryParse<CsafTlpLabel>(Str(document["distribution"]?["tlp"]?["label"]), ignoreCase: true, out var tlp) ? tlp : CsafTlpLabel.Amber,
            DistributionText = Str(document["distribution"]?["text"]),
            Status = Str(document["tracking"]?["status"]) == "interim" ? AuthoredStatus.Interim : AuthoredStatus.Final,
            Vulnerabilities = vulnerabilities.OfType<JsonObject>().Where(v => Str(v["cve"]) is not null)
                .Select(v => new AuthoredVulnerability(Str(v["cve"])!, VulnerabilityDescription(v, summary))).ToList(),
            Products = products,
            Remediations = Remediations(vulnerabilities, idToProduct, products.Count),
            References = (document["references"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(r => Str(r["category"]) != "self" && !(Str(r["summary"])?.StartsWith(CsafAdvisoryBuilder.OriginalReferencePrefix, StringComparison.Ordinal) ?? false))
                .Select(r => new AuthoredReference(Str(r["url"]) ?? "", Str(r["summary"]) ?? "")).ToList(),
        };

        var publisher = new AuthoringPublisher(Str(document["publisher"]?["name"]) ?? "", Str(document["publisher"]?["namespace"]) ?? "", Str(document["publisher"]?["category"]) ?? "other");
        return new AuthoredDocument(advisory, publisher, Tracking(document["tracking"]), translation);
    }

    private static AuthoredTracking Tracking(JsonNode? tracking)
    {
        var id = Str(tracking?["id"]) ?? throw new FormatException("No document.tracking.id.");
        var versionText = Str(tracking?["version"]);
        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw new FormatException($"document.tracking.version '{versionText}' is not an integer version; only integer versioning is continued.");
        var history = (tracking?["revision_history"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(r => new AuthoredRevision(Str(r["number"]) ?? "", ParseDate(r["date"]), Str(r["summary"]) ?? "")).ToList();
        return new AuthoredTracking(id, version, ParseDate(tracking?["initial_release_date"]), history);
    }

    private static TranslationSource? Translation(JsonObject document)
    {
        if (Str(document["source_lang"]) is not { } sourceLang) return null;
        var link = (document["references"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(r => Str(r["summary"])?.StartsWith(CsafAdvisoryBuilder.OriginalReferencePrefix, StringComparison.Ordinal) ?? false);
        var summary = Str(link?["summary"]) ?? "";
        var colon = summary.LastIndexOf(": ", StringComparison.Ordinal);
        return new TranslationSource(sourceLang, colon < 0 ? "" : summary[(colon + 2)..], Str(link?["url"]) ?? "");
    }

    private static (List<AuthoredProduct> Products, Dictionary<string, int> IdToProduct) Products(JsonNode? tree)
    {
        var products = new List<AuthoredProduct>();
        var idToProduct = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var vendor in (tree?["branches"] as JsonArray ?? []).OfType<JsonObject>().Where(b => Str(b["category"]) == "vendor"))
        {
            foreach (var product in (vendor["branches"] as JsonArray ?? []).OfType<JsonObject>().Where(b => Str(b["category"]) == "product_name"))
            {
                var index = products.Count;
                var versions = new List<string>();
                if (Str(product["product"]?["product_id"]) is { } own) idToProduct[own] = index;
                foreach (var leaf in (product["branches"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (Str(leaf["name"]) is { } name) versions.Add(name);
                    if (Str(leaf["product"]?["product_id"]) is { } id) idToProduct[id] = index;
                }

                products.Add(new AuthoredProduct(Str(vendor["name"]) ?? "", Str(product["name"]) ?? "", versions));
            }
        }

        return (products, idToProduct);
    }

    /// <summary>
    /// Remediations grouped back into rows: one that every vulnerability carries becomes one row for every CVE; one whose
    /// products are all products becomes a row for every product.
    /// </summary>
    private static List<AuthoredRemediation> Remediations(JsonArray vulnerabilities, Dictionary<string, int> idToProduct, int productCount)
    {
        var found = new List<(string Cve, RemediationCategory Category, string Text, string? Url, int? Product)>();
        var cves = new List<string>();
        foreach (var v in vulnerabilities.OfType<JsonObject>())
        {
            if (Str(v["cve"]) is not { } cve) continue;
            cves.Add(cve);
            foreach (var r in (v["remediations"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (AuthoringTexts.ParseCategory(Str(r["category"])) is not { } category) continue;
                var products = (r["product_ids"] as JsonArray ?? []).Select(Str).OfType<string>()
                    .Select(id => idToProduct.TryGetValue(id, out var i) ? i : -1).Where(i => i >= 0).Distinct().ToList();
                int? product = products.Count == 1 && productCount > 1 ? products[0] : null;
                found.Add((cve, category, Str(r["details"]) ?? "", Str(r["url"]), product));
            }
        }

        var rows = new List<AuthoredRemediation>();
        foreach (var group in found.GroupBy(f => (f.Category, f.Text, f.Url, f.Product)))
        {
            var groupCves = group.Select(g => g.Cve).Distinct().ToList();
            if (cves.Count > 1 && groupCves.Count == cves.Distinct().Count())
                rows.Add(new AuthoredRemediation(group.Key.Category, group.Key.Text, group.Key.Url, null, group.Key.Product));
            else if (cves.Count == 1)
                rows.Add(new AuthoredRemediation(group.Key.Category, group.Key.Text, group.Key.Url, null, group.Key.Product));
            else
                rows.AddRange(groupCves.Select(c => new AuthoredRemediation(group.Key.Category, group.Key.Text, group.Key.Url, c, group.Key.Product)));
        }

        return rows;
    }

    private static string? VulnerabilityDescription(JsonObject v, string summary)
    {
        var text = (v["notes"] as JsonArray ?? []).OfType<JsonObject>().Where(n => Str(n["category"]) == "description").Select(n => Str(n["text"])).FirstOrDefault();
        // The builder writes the summary when the analyst gave no description; reading that back as "none" keeps the form honest.
        return text is null || text == summary ? null : text;
    }

    private static List<(string Category, string? Title, string Text)> Notes(JsonNode? notes) =>
        (notes as JsonArray ?? []).OfType<JsonObject>().Select(n => (Str(n["category"]) ?? "", Str(n["title"]), Str(n["text"]) ?? "")).ToList();

    /// <summary>The text of the first note with this category whose title is the Dutch or English title <paramref name="title"/> picks; for summary any title.</summary>
    private static string? Pick(List<(string Category, string? Title, string Text)> notes, string category, Func<AuthoringTexts, string> title)
    {
        var titles = AuthoringTexts.All.Select(title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var match = notes.FirstOrDefault(n => n.Category == category && n.Title is not null && titles.Contains(n.Title));
        if (match.Text is null && category == "summary") match = notes.FirstOrDefault(n => n.Category == category);
        return match.Text;
    }

    private static RiskLevel? Risk(string? text, Func<AuthoringTexts, string> label)
    {
        if (text is null) return null;
        foreach (var t in AuthoringTexts.All)
        {
            var m = Regex.Match(text, $@"(?m)^{Regex.Escape(label(t))}:\s*(\S+)\s*$", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            if (m.Success && AuthoringTexts.ParseLevel(m.Groups[1].Value) is { } level) return level;
        }

        return null;
    }

    private static DateTimeOffset ParseDate(JsonNode? node) =>
        DateTimeOffset.TryParse(Str(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : DateTimeOffset.UnixEpoch;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
