using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Informative;

/// <summary>CSAF 2.0 section 6.3.2 "Use of CVSS v3.0": no <c>cvss_v3</c> object uses version 3.0 (its version or its vector).</summary>
public sealed class Test_6_3_02_UseOfCvssV30 : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.3.2";

    /// <inheritdoc />
    public override string Title => "Use of CVSS v3.0";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var (vulnerability, path) in InformativeWalk.Vulnerabilities(context.Root))
        {
            var i = 0;
            foreach (var score in vulnerability.Items("scores"))
            {
                var cvss = CsafPointer.Append(path, "scores", i++, "cvss_v3");
                if (score.Obj("cvss_v3") is not { } v3) continue;
                if (v3.Str("version") == "3.0")
                {
                    context.Report(cvss + "/version", "CVSS v3.0 is used; CVSS v3.1 is recommended.");
                }
                else if (v3.Str("vectorString") is { } vector && vector.StartsWith("CVSS:3.0/", StringComparison.Ordinal))
                {
                    context.Report(cvss + "/vectorString", $"The vector '{vector}' is CVSS v3.0; CVSS v3.1 is recommended.");
                }
            }
        }
    }
}
