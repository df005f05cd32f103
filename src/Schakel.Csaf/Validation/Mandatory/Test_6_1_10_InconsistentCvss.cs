using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.10 "Inconsistent CVSS": each metric property of a CVSS value (e.g. <c>attackVector</c>) whose
/// metric the <c>vectorString</c> gives has the vector's value, and <c>version</c> matches the vector's version.
/// </summary>
/// <remarks>
/// A property whose metric the vector leaves out is not judged: the OASIS suite's valid examples for 6.2.19
/// (<c>6-2-19-12</c>, <c>-13</c>, <c>-16</c>) give <c>modifiedConfidentialityImpact</c> and the like without them in the
/// vector, and the reference validator (Secvisogram) reads the test the same way.
/// </remarks>
public sealed class Test_6_1_10_InconsistentCvss : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.10";

    /// <inheritdoc />
    public override string Title => "Inconsistent CVSS";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var cvss in CvssObject.All(context.Root))
        {
            if (cvss.VectorString is not { } vectorString || CvssVector.TryParse(vectorString, out _) is not { } vector) continue;
            if (cvss.Value.Str("version") is { } version && version != vector.Version)
            {
                context.Report(CsafPointer.Append(cvss.Path, "version"), $"version is '{version}', but vector '{vectorString}' is CVSS v{vector.Version}.");
            }

            foreach (var metric in vector.Metrics.Where(m => vector.Has(m.Key)))
            {
                var expected = metric.Values[vector[metric.Key]];
                if (cvss.Value.Str(metric.Property) is { } given && given != expected)
                {
                    context.Report(CsafPointer.Append(cvss.Path, metric.Property), $"{metric.Property} is '{given}', but vector '{vectorString}' gives {metric.Key}:{vector[metric.Key]}, which is '{expected}'.");
                }
            }
        }
    }
}
