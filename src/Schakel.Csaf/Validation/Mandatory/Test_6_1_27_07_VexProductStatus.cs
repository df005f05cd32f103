using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.27.7 "VEX Product Status": in a document of the profile VEX, the <c>product_status</c> of every
/// vulnerability has at least one of <c>fixed</c>, <c>known_affected</c>, <c>known_not_affected</c> or
/// <c>under_investigation</c>. Passes on documents of other categories.
/// </summary>
public sealed class Test_6_1_27_07_VexProductStatus : CsafTest
{
    private static readonly string[] VexLists = ["fixed", "known_affected", "known_not_affected", "under_investigation"];

    /// <inheritdoc />
    public override string Id => "6.1.27.7";

    /// <inheritdoc />
    public override string Title => "VEX Product Status";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (!CsafProfiles.Is(context.Root, CsafProfiles.Vex)) return;
        foreach (var (vulnerability, path) in CsafProfiles.Vulnerabilities(context.Root))
        {
            var status = vulnerability.Obj("product_status");
            if (status is { } s && VexLists.Any(list => s.TryGetProperty(list, out _))) continue;
            context.Report(status is null ? path : path + "/product_status",
                $"Vulnerability {CsafProfiles.Name(vulnerability)}has none of {string.Join(", ", VexLists)} in its product_status, which a '{CsafProfiles.Vex}' document requires.");
        }
    }
}
