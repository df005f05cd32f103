using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Schakel.Csaf.Authoring;

/// <summary>
/// Builds a CSAF 2.0 <c>csaf_security_advisory</c> from an <see cref="AuthoredAdvisory"/>. Field mapping:
/// docs/csaf-authoring.md. Every product is <c>known_affected</c> by every CVE; product ids are <c>CSAFPID-0001</c>...
/// in the order of the products and their versions. Pure: no clock, no I/O; the caller validates the result.
/// </summary>
public static partial class CsafAdvisoryBuilder
{
    /// <summary>Summary prefix of the reference from a translation to its original.</summary>
    public const string OriginalReferencePrefix = "Original document";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as UTF-8 JSON bytes (indented, non-ASCII text kept readable).</summary>
    public static byte[] BuildBytes(AuthoredAdvisory advisory, AuthoringContext context) =>
        JsonSerializer.SerializeToUtf8Bytes(Sorted(Build(advisory, context)), Options);

    /// <summary>A copy with every object's keys in ordinal order, as CSAF 2.0 test 6.2.13 (sorting) asks of a document.</summary>
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>
    /// The document as a JSON tree. Version: 1 for a new document, the previous integer version + 1 otherwise, with a
    /// revision history entry (<see cref="AuthoringContext.RevisionSummary"/>, date <see cref="AuthoringContext.Now"/>),
    /// the previous initial release date kept. Throws <see cref="ArgumentException"/> when a remediation names a product
    /// index or CVE the advisory does not have.
    /// </summary>
    public static JsonObject Build(AuthoredAdvisory a, AuthoringContext context)
    {
        var now = Truncate(context.Now);
        var texts = AuthoringTexts.For(a.Lang);
        var (tree, idsPerProduct) = ProductTree(a.Products);
        var allIds = idsPerProduct.SelectMany(i => i).ToList();

        var document = new JsonObject
        {
            ["category"] = "csaf_security_advisory",
            ["csaf_version"] = "2.0",
            ["title"] = a.Title.Trim(),
            ["lang"] = a.Lang,
        };
        if (context.TranslationOf is { } source) document["source_lang"] = source.SourceLang;
        document["publisher"] = new JsonObject
        {
            ["category"] = context.Publisher.Category, ["name"] = context.Publisher.Name, ["namespace"] = context.Publisher.Namespace,
        };
        document["aggregate_severity"] = new JsonObject { ["text"] = a.Rating == AdvisoryRating.Urgent ? "Urgent" : texts.Normal };
        var distribution = new JsonObject
        {
            ["tlp"] = new JsonObject { ["label"] = a.Tlp.ToString().ToUpperInvariant(), ["url"] = "https://www.first.org/tlp/" },
        };
        if (!string.IsNullOrWhiteSpace(a.DistributionText)) distribution["text"] = a.DistributionText.Trim();
        document["distribution"] = distribution;
        document["notes"] = DocumentNotes(a, texts);
        var references = References(a, context);
        if (references.Count > 0) document["references"] = references;
        document["tracking"] = Tracking(a, context, now);

        return new JsonObject
        {
            ["document"] = document,
            ["product_tree"] = tree,
            ["vulnerabilities"] = Vulnerabilities(a, texts, idsPerProduct, allIds),
        };
    }

    private static JsonArray DocumentNotes(AuthoredAdvisory a, AuthoringTexts texts)
    {
        var notes = new JsonArray { Note("summary", texts.Summary, a.Summary) };
        if (!string.IsNullOrWhiteSpace(a.Impact)) notes.Add(Note("general", texts.Impact, a.Impact));
        if (!string.IsNullOrWhiteSpace(a.Solution)) notes.Add(Note("general", texts.Solution, a.Solution));
        var risk = new List<string>();
        if (a.Probability is { } p) risk.Add($"{texts.Probability}: {texts.Level(p)}");
        if (a.Damage is { } d) risk.Add($"{texts.Damage}: {texts.Level(d)}");
        if (risk.Count > 0) notes.Add(Note("other", texts.Risk, string.Join("\n", risk)));
        return notes;
    }

    private static JsonObject Note(string category, string title, string text) =>
        new() { ["category"] = category, ["text"] = text.Trim(), ["title"] = title };

    private static string? DirectoryUrl(AuthoredAdvisory a, AuthoringContext context)
    {
        if (context.ProviderDirectoryUrl is not { } root || a.Tlp == CsafTlpLabel.Red) return null;
        var year = (context.Previous?.InitialReleaseDate ?? context.Now).UtcDateTime.Year;
        return $"{root.TrimEnd('/')}/{a.Tlp.ToString().ToLowerInvariant()}/{year.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{CsafFileName.FromTrackingId(context.TrackingId)}";
    }

    private static JsonArray References(AuthoredAdvisory a, AuthoringContext context)
    {
        var references = new JsonArray();
        if ((context.CanonicalUrl ?? DirectoryUrl(a, context)) is { } self)
            references.Add(new JsonObject { ["category"] = "self", ["summary"] = AuthoringTexts.For(a.Lang).CanonicalUrl, ["url"] = self });
        if (context.TranslationOf is { } source)
        {
            references.Add(new JsonObject
            {
                ["category"] = "external", ["summary"] = $"{OriginalReferencePrefix} ({source.SourceLang}): {source.OriginalTrackingId}", ["url"] = source.OriginalUrl,
            });
        }

        foreach (var r in a.References)
            references.Add(new JsonObject { ["category"] = "external", ["summary"] = r.Summary.Trim(), ["url"] = r.Url.Trim() });
        return references;
    }

    private static JsonObject Tracking(AuthoredAdvisory a, AuthoringContext context, DateTimeOffset now)
    {
        var previous = context.Previous;
        var version = (previous?.Version ?? 0) + 1;
        var history = new JsonArray();
        foreach (var r in previous?.History ?? [])
            history.Add(new JsonObject { ["date"] = Date(r.Date), ["number"] = r.Number, ["summary"] = r.Summary });
        history.Add(new JsonObject
        {
            ["date"] = Date(now), ["number"] = version.ToString(CultureInfo.InvariantCulture), ["summary"] = context.RevisionSummary.Trim(),
        });
        return new JsonObject
        {
            ["current_release_date"] = Date(now),
            ["generator"] = new JsonObject
            {
                ["date"] = Date(now), ["engine"] = new JsonObject { ["name"] = "Schakel", ["version"] = context.GeneratorVersion },
            },
            ["id"] = previous?.Id ?? context.TrackingId,
            ["initial_release_date"] = Date(previous?.InitialReleaseDate ?? now),
            ["revision_history"] = history,
            ["status"] = a.Status == AuthoredStatus.Interim ? "interim" : "final",
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Vendor branches (grouped by vendor, in order of first appearance) holding one product_name branch per product.</summary>
    private static (JsonObject Tree, List<List<string>> IdsPerProduct) ProductTree(IReadOnlyList<AuthoredProduct> products)
    {
        var vendors = new List<(string Name, JsonArray Products)>();
        var idsPerProduct = new List<List<string>>();
        var next = 1;
        foreach (var p in products)
        {
            var vendorName = p.Vendor.Trim();
            var productName = p.Name.Trim();
            var ids = new List<string>();
            var productBranch = new JsonObject { ["category"] = "product_name", ["name"] = productName };
            var cleaned = p.Versions.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (cleaned.Count == 0)
            {
                var id = ProductId(next++);
                ids.Add(id);
                productBranch["product"] = new JsonObject { ["name"] = $"{vendorName} {productName}", ["product_id"] = id };
            }
            else
            {
                var versions = new JsonArray();
                foreach (var v in cleaned)
                {
                    var id = ProductId(next++);
                    ids.Add(id);
                    versions.Add(new JsonObject
                    {
                        ["category"] = IsRange(v) ? "product_version_range" : "product_version", ["name"] = v,
                        ["product"] = new JsonObject { ["name"] = $"{vendorName} {productName} {v}", ["product_id"] = id },
                    });
                }

                productBranch["branches"] = versions;
            }

            idsPerProduct.Add(ids);
            var vendor = vendors.FindIndex(x => x.Name == vendorName);
            if (vendor < 0) vendors.Add((vendorName, [productBranch]));
            else vendors[vendor].Products.Add(productBranch);
        }

        var branches = new JsonArray();
        foreach (var (name, productBranches) in vendors)
            branches.Add(new JsonObject { ["category"] = "vendor", ["name"] = name, ["branches"] = productBranches });
        return (new JsonObject { ["branches"] = branches }, idsPerProduct);
    }

    private static JsonArray Vulnerabilities(AuthoredAdvisory a, AuthoringTexts texts, List<List<string>> idsPerProduct, List<string> allIds)
    {
        foreach (var r in a.Remediations)
        {
            if (r.ProductIndex is { } i && (i < 0 || i >= idsPerProduct.Count))
                throw new ArgumentException($"Remediation names product {i}, but there are {idsPerProduct.Count} products.", nameof(a));
            if (r.Cve is { } cve && !a.Vulnerabilities.Any(v => v.Cve.Trim() == cve.Trim()))
                throw new ArgumentException($"Remediation names {cve}, which is not one of the advisory's CVEs.", nameof(a));
        }

        var result = new JsonArray();
        foreach (var v in a.Vulnerabilities)
        {
            var cve = v.Cve.Trim().ToUpperInvariant();
            var description = string.IsNullOrWhiteSpace(v.Description) ? a.Summary : v.Description;
            var vulnerability = new JsonObject
            {
                ["cve"] = cve,
                ["notes"] = new JsonArray { Note("description", texts.Description, description) },
                ["product_status"] = new JsonObject { ["known_affected"] = Ids(allIds) },
            };
            var remediations = new JsonArray();
            foreach (var r in a.Remediations.Where(r => r.Cve is null || r.Cve.Trim().Equals(cve, StringComparison.OrdinalIgnoreCase)))
            {
                var remediation = new JsonObject
                {
                    ["category"] = AuthoringTexts.Category(r.Category), ["details"] = r.Text.Trim(),
                    ["product_ids"] = Ids(r.ProductIndex is { } i ? idsPerProduct[i] : allIds),
                };
                if (!string.IsNullOrWhiteSpace(r.Url)) remediation["url"] = r.Url.Trim();
                remediations.Add(remediation);
            }

            if (remediations.Count > 0) vulnerability["remediations"] = remediations;
            result.Add(vulnerability);
        }

        return result;
    }

    private static JsonArray Ids(IEnumerable<string> ids) => new(ids.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());

    private static string ProductId(int n) => $"CSAFPID-{n:D4}";

    /// <summary>
    /// True when a version text is a range, which CSAF writes as <c>product_version_range</c>: a <c>vers:</c> string,
    /// or text with the operators and words mandatory test 6.1.31 forbids in a <c>product_version</c>.
    /// </summary>
    public static bool IsRange(string version) =>
        version.StartsWith("vers:", StringComparison.OrdinalIgnoreCase) || version.Contains('<') || version.Contains('>') || RangeWords().IsMatch(version);

    [GeneratedRegex(@"\b(after|all|before|earlier|later|prior|versions)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RangeWords();

    /// <summary>CSAF date-time text, UTC with milliseconds: <c>2026-03-01T09:30:00.000Z</c>.</summary>
    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The time cut to whole milliseconds in UTC, as it survives a round trip through the document.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) =>
        new DateTimeOffset(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
}
