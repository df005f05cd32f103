using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>CSAF 2.0 section 6.1.23 "Multiple Use of Same CVE": a CVE id appears in at most one vulnerability item.</summary>
public sealed class Test_6_1_23_MultipleUseOfSameCve : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.23";

    /// <inheritdoc />
    public override string Title => "Multiple Use of Same CVE";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (vulnerability, path) in CsafProfiles.Vulnerabilities(context.Root))
        {
            if (vulnerability.Str("cve") is not { } cve) continue;
            if (first.TryGetValue(cve, out var earlier))
            {
                context.Report(path + "/cve", $"CVE '{cve}' is already used by the vulnerability at {earlier}.");
            }
            else
            {
                first[cve] = path;
            }
        }
    }
}
