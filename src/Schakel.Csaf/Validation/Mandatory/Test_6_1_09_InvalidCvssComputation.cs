using System.Globalization;
using System.Text.Json;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.9 "Invalid CVSS computation": the scores (<c>baseScore</c>, <c>temporalScore</c>,
/// <c>environmentalScore</c>) and, for v3, the severities (<c>baseSeverity</c>, <c>temporalSeverity</c>,
/// <c>environmentalSeverity</c>) of each CVSS value are the ones its <c>vectorString</c> yields. The vector takes
/// precedence; a value without a readable vector is left to 6.1.8.
/// </summary>
public sealed class Test_6_1_09_InvalidCvssComputation : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.9";

    /// <inheritdoc />
    public override string Title => "Invalid CVSS computation";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var cvss in CvssObject.All(context.Root))
        {
            if (cvss.VectorString is not { } vectorString || CvssVector.TryParse(vectorString, out _) is not { } vector) continue;
            var scores = CvssCalculator.Compute(vector);
            foreach (var (property, computed) in new[] { ("baseScore", scores.Base), ("temporalScore", scores.Temporal), ("environmentalScore", scores.Environmental) })
            {
                if (cvss.Value.Number(property) is { } given && Math.Abs(given - computed) > 1e-6)
                {
                    context.Report(CsafPointer.Append(cvss.Path, property), $"{property} is {Format(given)}, but vector '{vectorString}' gives {Format(computed)}.");
                }
            }

            if (vector.Version == "2.0") continue; // CVSS v2 defines no severities.
            foreach (var (property, computed) in new[] { ("baseSeverity", scores.Base), ("temporalSeverity", scores.Temporal), ("environmentalSeverity", scores.Environmental) })
            {
                var expected = CvssCalculator.Severity(computed);
                if (cvss.Value.Str(property) is { } given && given != expected)
                {
                    context.Report(CsafPointer.Append(cvss.Path, property), $"{property} is '{given}', but vector '{vectorString}' gives {Format(computed)}, which is '{expected}'.");
                }
            }
        }
    }

    private static string Format(double score) => score.ToString("0.0##", CultureInfo.InvariantCulture);
}
