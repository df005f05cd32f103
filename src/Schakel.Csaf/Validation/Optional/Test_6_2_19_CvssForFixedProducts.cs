using System.Text.Json;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.19 "CVSS for Fixed Products": every CVSS (v2 or v3) of a score that lists a product from
/// <c>first_fixed</c> or <c>fixed</c> of the same vulnerability has an environmental score of 0. A CVSS counts as 0 when its
/// <c>environmentalScore</c> is 0, or when its metrics make it 0 (see <see cref="EnvironmentalScoreIsZero"/>); metrics in the
/// <c>vectorString</c> take precedence over the JSON properties, as the vector is what 6.1.10 holds them to.
/// </summary>
public sealed class Test_6_2_19_CvssForFixedProducts : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.19";

    /// <inheritdoc />
    public override string Title => "CVSS for Fixed Products";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var v = 0;
        foreach (var vulnerability in context.Root.Items("vulnerabilities"))
        {
            var vp = CsafPointer.Of("vulnerabilities", v++);
            var status = vulnerability.Obj("product_status");
            var fixedIn = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var list in new[] { "first_fixed", "fixed" })
            {
                foreach (var id in status?.Strings(list) ?? []) fixedIn.TryAdd(id, list);
            }

            if (fixedIn.Count == 0) continue;
            var s = 0;
            foreach (var score in vulnerability.Items("scores"))
            {
                var products = score.Strings("products").Where(fixedIn.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
                foreach (var version in new[] { "cvss_v2", "cvss_v3" })
                {
                    if (products.Count == 0 || score.Obj(version) is not { } cvss || EnvironmentalScoreIsZero(cvss, version == "cvss_v2")) continue;
                    var which = string.Join(", ", products.Select(p => $"'{p}' ({fixedIn[p]})"));
                    context.Report(CsafPointer.Append(vp, "scores", s, version),
                        $"This CVSS applies to the fixed product{(products.Count > 1 ? "s" : "")} {which} but its environmental score is not 0: " +
                        (version == "cvss_v2"
                            ? "neither 'environmentalScore' 0, nor 'targetDistribution' NONE (TD:N), nor metrics that give 0 are set."
                            : "neither 'environmentalScore' 0, nor the modified confidentiality, integrity and availability impacts NONE (MC:N/MI:N/MA:N) are set."));
                }

                s++;
            }
        }
    }

    /// <summary>
    /// Whether the CVSS object's environmental score is 0. CVSS v3.x: the modified impact sub score is 0 exactly when the
    /// modified (else base) confidentiality, integrity and availability impacts are all None, because every security
    /// requirement weight is at least 0.5. CVSS v2: the score is 0 when the target distribution is None, or when all base
    /// impacts are None and the collateral damage potential is None or not defined.
    /// </summary>
    internal static bool EnvironmentalScoreIsZero(JsonElement cvss, bool v2)
    {
        if (cvss.Number("environmentalScore") is 0) return true;
        var vector = Metrics(cvss.Str("vectorString"));
        if (v2)
        {
            if (Metric(vector, cvss, "TD", "targetDistribution", "ND", "NOT_DEFINED") is "N" or "NONE") return true;
            var impactsNone = new[] { ("C", "confidentialityImpact"), ("I", "integrityImpact"), ("A", "availabilityImpact") }
                .All(m => Metric(vector, cvss, m.Item1, m.Item2, null, null) is "N" or "NONE");
            return impactsNone && Metric(vector, cvss, "CDP", "collateralDamagePotential", "ND", "NOT_DEFINED") is null or "N" or "NONE";
        }

        return new[] { ("C", "confidentialityImpact"), ("I", "integrityImpact"), ("A", "availabilityImpact") }.All(m =>
            (Metric(vector, cvss, "M" + m.Item1, "modified" + char.ToUpperInvariant(m.Item2[0]) + m.Item2[1..], "X", "NOT_DEFINED")
             ?? Metric(vector, cvss, m.Item1, m.Item2, null, null)) is "N" or "NONE");
    }

    /// <summary>A metric's value: from the vector when there (unless it is <paramref name="vectorUnset"/>), else from the
    /// property (unless <paramref name="propertyUnset"/>); null when neither sets it.</summary>
    private static string? Metric(Dictionary<string, string> vector, JsonElement cvss, string key, string property, string? vectorUnset, string? propertyUnset)
    {
        if (vector.TryGetValue(key, out var fromVector)) return fromVector == vectorUnset ? null : fromVector;
        return cvss.Str(property) is { } fromProperty && fromProperty != propertyUnset ? fromProperty : null;
    }

    /// <summary>The <c>KEY:VALUE</c> pairs of a CVSS vector (a <c>CVSS:3.x</c> prefix is skipped); the first of a repeated key wins.</summary>
    private static Dictionary<string, string> Metrics(string? vectorString)
    {
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (vectorString ?? "").Split('/'))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || part.StartsWith("CVSS:", StringComparison.Ordinal)) continue;
            metrics.TryAdd(part[..colon], part[(colon + 1)..]);
        }

        return metrics;
    }
}
