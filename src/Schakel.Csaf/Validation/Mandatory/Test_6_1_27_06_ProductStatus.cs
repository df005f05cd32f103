using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.27.6 "Product Status": in a document of the profile Security Advisory, every vulnerability has
/// a <c>product_status</c>. Passes on documents of other categories.
/// </summary>
public sealed class Test_6_1_27_06_ProductStatus : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.27.6";

    /// <inheritdoc />
    public override string Title => "Product Status";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (!CsafProfiles.Is(context.Root, CsafProfiles.SecurityAdvisory)) return;
        foreach (var (vulnerability, path) in CsafProfiles.Vulnerabilities(context.Root))
        {
            if (vulnerability.TryGetProperty("product_status", out _)) continue;
            context.Report(path, $"Vulnerability {CsafProfiles.Name(vulnerability)}has no product_status, which a '{CsafProfiles.SecurityAdvisory}' document requires.");
        }
    }
}
