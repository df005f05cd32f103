using System.Globalization;
using System.Text.Json;

namespace Schakel.Csaf;

/// <summary>Builds a <see cref="CsafDocumentInfo"/> from a document that has passed schema validation.</summary>
internal static class CsafExtractor
{
    /// <exception cref="CsafExtractionException">A value the schema accepts but .NET cannot represent.</exception>
    public static CsafDocumentInfo Extract(JsonElement root)
    {
        var document = root.GetProperty("document");
        var tracking = document.GetProperty("tracking");
        var publisher = document.GetProperty("publisher");
        var tlp = document.Obj("distribution")?.Obj("tlp");

        var products = ProductTreeReader.ReadProducts(root);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            names.TryAdd(product.ProductId, product.FullName);
        }

        var groups = ProductTreeReader.ReadGroups(root);
        var vulnerabilities = root.Items("vulnerabilities").Select(v => ReadVulnerability(v, groups)).ToArray();
        var worst = vulnerabilities.Where(v => v.BaseScore is not null).MaxBy(v => v.BaseScore);

        return new CsafDocumentInfo
        {
            TrackingId = tracking.Str("id")!,
            Version = tracking.Str("version")!,
            Status = tracking.Str("status")!,
            InitialReleaseDate = Utc(tracking, "initial_release_date", "/document/tracking/initial_release_date"),
            CurrentReleaseDate = Utc(tracking, "current_release_date", "/document/tracking/current_release_date"),
            Title = document.Str("title")!,
            Category = document.Str("category")!,
            CsafVersion = document.Str("csaf_version")!,
            Lang = document.Str("lang"),
            PublisherName = publisher.Str("name")!,
            PublisherNamespace = CsafReader.NormaliseNamespace(publisher.Str("namespace")!),
            PublisherCategory = publisher.Str("category")!,
            TlpLabel = tlp?.Str("label"),
            TlpUrl = tlp?.Str("url"),
            DistributionText = document.Obj("distribution")?.Str("text"),
            AggregateSeverity = document.Obj("aggregate_severity")?.Str("text"),
            Notes = ReadNotes(document),
            References = document.Items("references")
                .Select(r => new CsafReference(r.Str("url")!, r.Str("summary")!, r.Str("category") ?? "external"))
                .ToArray(),
            Vulnerabilities = vulnerabilities,
            Products = products,
            ProductNames = names,
            MaxBaseScore = worst?.BaseScore,
            MaxSeverity = worst?.Severity,
        };
    }

    private static CsafVulnerability ReadVulnerability(
        JsonElement vulnerability, IReadOnlyDictionary<string, IReadOnlyList<string>> groups)
    {
        var cwe = vulnerability.Obj("cwe");
        var score = CvssPicker.Pick(vulnerability);
        var status = vulnerability.Obj("product_status");
        return new CsafVulnerability
        {
            Cve = vulnerability.Str("cve"),
            Title = vulnerability.Str("title"),
            Cwe = cwe is { } c ? new CsafCwe(c.Str("id")!, c.Str("name")!) : null,
            BaseScore = score?.BaseScore,
            Severity = score?.Severity,
            Vector = score?.Vector,
            CvssVersion = score?.Version,
            Notes = ReadNotes(vulnerability),
            Remediations = vulnerability.Items("remediations")
                .Select(r => new CsafRemediation(
                    r.Str("category")!,
                    r.Str("details")!,
                    r.Str("url"),
                    ExpandGroups(r.Strings("product_ids"), r.Strings("group_ids"), groups)))
                .ToArray(),
            ProductStatus = status is { } s
                ? new CsafProductStatus(
                    s.Strings("first_affected"),
                    s.Strings("first_fixed"),
                    s.Strings("fixed"),
                    s.Strings("known_affected"),
                    s.Strings("known_not_affected"),
                    s.Strings("last_affected"),
                    s.Strings("recommended"),
                    s.Strings("under_investigation"))
                : CsafProductStatus.Empty,
        };
    }

    private static IReadOnlyList<string> ExpandGroups(
        IReadOnlyList<string> productIds, IReadOnlyList<string> groupIds, IReadOnlyDictionary<string, IReadOnlyList<string>> groups)
    {
        var members = groupIds.SelectMany(g => groups.TryGetValue(g, out var ids) ? ids : []);
        return productIds.Concat(members).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static CsafNote[] ReadNotes(JsonElement owner) =>
        owner.Items("notes").Select(n => new CsafNote(n.Str("category")!, n.Str("title"), n.Str("text")!)).ToArray();

    private static DateTimeOffset Utc(JsonElement owner, string name, string path)
    {
        var text = owner.Str(name)!;
        // The schema's date-time format (RFC 3339) requires an offset, so AssumeUniversal only matters for
        // documents validated elsewhere; a leap second (":60") is legal RFC 3339 but not representable here.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.ToUniversalTime();
        }

        throw new CsafExtractionException(new CsafFinding(path, $"Date-time \"{text}\" cannot be represented (leap second or out of range)."));
    }
}

/// <summary>Raised during extraction for a schema-valid value that cannot be represented.</summary>
internal sealed class CsafExtractionException(CsafFinding finding) : Exception(finding.Message)
{
    public CsafFinding Finding { get; } = finding;
}
