using Schakel.Csaf;

namespace Schakel.Features.Advisories;

/// <summary>A vulnerability as a reader sees it: CVE, title, CVSS base score (0.0–10.0) and severity.</summary>
public sealed record VulnerabilityRow(string? Cve, string? Title, double? BaseScore, string? Severity, string? Vector);

/// <summary>A product with the statuses the advisory gives it (keys: <c>affected</c>, <c>fixed</c>, <c>not-affected</c>, <c>under-investigation</c>, <c>recommended</c>).</summary>
public sealed record ProductRow(string? Vendor, string? Product, string? Version, string FullName, IReadOnlyList<string> Statuses);

/// <summary>A remediation with the CVE it belongs to; <see cref="Url"/> is only set for http(s) URLs.</summary>
public sealed record RemediationRow(string? Cve, string Category, string Details, string? Url);

/// <summary>
/// What the item page shows of a CSAF advisory, read from the stored original with <see cref="CsafReader"/>:
/// notes, references, remediations and affected products. Text is plain; the view HTML-encodes it.
/// </summary>
public sealed record AdvisoryView(
    CsafDocumentInfo? Document,
    IReadOnlyList<VulnerabilityRow> Vulnerabilities,
    IReadOnlyList<ProductRow> Products,
    bool ProductsTruncated,
    IReadOnlyList<RemediationRow> Remediations)
{
    /// <summary>At most this many product rows are shown; the document itself has them all.</summary>
    public const int MaxProducts = 300;

    /// <summary>Builds the view; when the stored bytes no longer parse (should not happen) only the extracted fields remain.</summary>
    public static AdvisoryView From(Advisory advisory)
    {
        var vulns = advisory.Vulnerabilities.OrderByDescending(v => v.BaseScore ?? -1).ThenBy(v => v.Cve, StringComparer.Ordinal)
            .Select(v => new VulnerabilityRow(v.Cve, v.Title, v.BaseScore, v.Severity, v.Vector)).ToList();
        var read = CsafReader.Read(advisory.Content, Math.Max(advisory.Content.LongLength, 1));
        if (read.Document is not { } doc) return new AdvisoryView(null, vulns, [], false, []);

        var products = doc.Products.GroupBy(p => p.ProductId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var statuses = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Mark(IEnumerable<string> ids, string status)
        {
            foreach (var id in ids)
            {
                if (!statuses.TryGetValue(id, out var set)) statuses[id] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(status);
            }
        }

        foreach (var v in doc.Vulnerabilities)
        {
            var s = v.ProductStatus;
            Mark(s.KnownAffected.Concat(s.FirstAffected).Concat(s.LastAffected), "affected");
            Mark(s.Fixed.Concat(s.FirstFixed), "fixed");
            Mark(s.KnownNotAffected, "not-affected");
            Mark(s.UnderInvestigation, "under-investigation");
            Mark(s.Recommended, "recommended");
        }

        var rows = statuses
            .Select(kv => products.TryGetValue(kv.Key, out var p)
                ? new ProductRow(p.Vendor, p.Product, p.Version, p.FullName, kv.Value.ToList())
                : new ProductRow(null, null, null, doc.ProductNames.GetValueOrDefault(kv.Key, kv.Key), kv.Value.ToList()))
            .OrderBy(r => r.Statuses.Contains("affected") ? 0 : 1)
            .ThenBy(r => r.Vendor, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Product, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.FullName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var remediations = doc.Vulnerabilities
            .SelectMany(v => v.Remediations.Select(r => new RemediationRow(v.Cve, r.Category, r.Details, IsWebUrl(r.Url) ? r.Url : null)))
            .Distinct()
            .ToList();
        return new AdvisoryView(doc, vulns, rows.Take(MaxProducts).ToList(), rows.Count > MaxProducts, remediations);
    }

    /// <summary>Paragraphs of a plain-text note: split on blank lines, single line breaks kept as spaces.</summary>
    public static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Replace('\n', ' '));

    private static bool IsWebUrl(string? url) => Web.WebFormat.IsWebUrl(url);
}

/// <summary>Model of the partial <c>Advisories/_AdvisoryDetails.cshtml</c>.</summary>
public sealed record AdvisoryDetailsModel(Guid ItemId, Advisory Advisory, AdvisoryView View);
