using System.Text.Json;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Informative;

/// <summary>
/// CSAF 2.0 section 6.3.1 "Use of CVSS v2 as the only Scoring System": for each score item with <c>cvss_v2</c>, each of
/// its products also has another scoring (a <c>cvss_v3</c>) in the same vulnerability.
/// </summary>
public sealed class Test_6_3_01_UseOfCvssV2AsOnlyScoringSystem : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.3.1";

    /// <inheritdoc />
    public override string Title => "Use of CVSS v2 as the only Scoring System";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var (vulnerability, path) in InformativeWalk.Vulnerabilities(context.Root))
        {
            var scores = vulnerability.Items("scores").ToList();

            // Products that some score item of this vulnerability rates with something other than CVSS v2.
            var otherwiseScored = scores.Where(s => s.ValueKind == JsonValueKind.Object && s.EnumerateObject().Any(p => p.Name != "products" && p.Name != "cvss_v2"))
                .SelectMany(s => s.Strings("products")).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < scores.Count; i++)
            {
                if (scores[i].Obj("cvss_v2") is null) continue;
                var products = scores[i].Strings("products");
                for (var p = 0; p < products.Count; p++)
                {
                    if (otherwiseScored.Contains(products[p])) continue;
                    context.Report(CsafPointer.Append(path, "scores", i, "products", p), $"Product '{products[p]}' is scored with CVSS v2 only; add a CVSS v3.1 score.");
                }
            }
        }
    }
}
