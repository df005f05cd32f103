using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Informative;

/// <summary>CSAF 2.0 section 6.3.4 "Missing CWE": each vulnerability has a <c>cwe</c>.</summary>
public sealed class Test_6_3_04_MissingCwe : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.3.4";

    /// <inheritdoc />
    public override string Title => "Missing CWE";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var (vulnerability, path) in InformativeWalk.Vulnerabilities(context.Root))
        {
            if (vulnerability.Obj("cwe") is null)
            {
                var name = vulnerability.Str("cve") ?? vulnerability.Str("title");
                context.Report(path, $"Vulnerability {(name is null ? path : $"'{name}'")} has no CWE.");
            }
        }
    }
}
