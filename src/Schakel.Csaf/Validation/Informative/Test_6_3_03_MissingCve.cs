using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Informative;

/// <summary>CSAF 2.0 section 6.3.3 "Missing CVE": each vulnerability has a <c>cve</c>.</summary>
public sealed class Test_6_3_03_MissingCve : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.3.3";

    /// <inheritdoc />
    public override string Title => "Missing CVE";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var (vulnerability, path) in InformativeWalk.Vulnerabilities(context.Root))
        {
            if (string.IsNullOrEmpty(vulnerability.Str("cve")))
            {
                var title = vulnerability.Str("title");
                context.Report(path, $"Vulnerability {(title is null ? path : $"'{title}'")} has no CVE number.");
            }
        }
    }
}
