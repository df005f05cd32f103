using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.27.3 "Vulnerabilities": a document of the profile Informational Advisory has no
/// <c>/vulnerabilities</c>. Passes on documents of other categories.
/// </summary>
public sealed class Test_6_1_27_03_Vulnerabilities : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.27.3";

    /// <inheritdoc />
    public override string Title => "Vulnerabilities";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (!CsafProfiles.Is(context.Root, CsafProfiles.InformationalAdvisory)) return;
        if (context.Root.ValueKind == System.Text.Json.JsonValueKind.Object && context.Root.TryGetProperty("vulnerabilities", out _))
        {
            context.Report("/vulnerabilities",
                $"A '{CsafProfiles.InformationalAdvisory}' document must not have vulnerabilities; use category '{CsafProfiles.SecurityAdvisory}' or '{CsafProfiles.Base}' instead.");
        }
    }
}
