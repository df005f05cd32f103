using System.Text.Json;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.7 "Multiple Scores with same Version per Product": within one vulnerability, a product id is in
/// the <c>products</c> of at most one CVSS score per CVSS version (2.0, 3.0, 3.1).
/// </summary>
public sealed class Test_6_1_07_MultipleScoresWithSameVersionPerProduct : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.7";

    /// <inheritdoc />
    public override string Title => "Multiple Scores with same Version per Product";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var vulnerability in CvssObject.All(context.Root).GroupBy(c => c.Vulnerability))
        {
            var seen = new Dictionary<(string Product, string Version), string>();
            foreach (var cvss in vulnerability)
            {
                // A v3 value that names no version cannot be compared; 6.1.8 reports it.
                if (cvss.ClaimedVersion is not { } version) continue;
                var i = 0;
                foreach (var product in cvss.ScoreItem.Items("products"))
                {
                    var path = CsafPointer.Append(cvss.Score, "products", i++);
                    if (product.ValueKind != JsonValueKind.String) continue;
                    var key = (product.GetString()!, version);
                    // Listed twice in the same score is one score, not two.
                    if (!seen.TryAdd(key, cvss.Path) && seen[key] != cvss.Path)
                    {
                        context.Report(path, $"Product id '{key.Item1}' has a second CVSS v{version} score in this vulnerability; the first is at {seen[key]}.");
                    }
                }
            }
        }
    }
}
