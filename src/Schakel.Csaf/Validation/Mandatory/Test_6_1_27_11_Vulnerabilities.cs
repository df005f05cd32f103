using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.27.11 "Vulnerabilities": a document of the profile Security Advisory or VEX has
/// <c>/vulnerabilities</c>. Passes on documents of other categories.
/// </summary>
public sealed class Test_6_1_27_11_Vulnerabilities : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.27.11";

    /// <inheritdoc />
    public override string Title => "Vulnerabilities";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (!CsafProfiles.Is(context.Root, CsafProfiles.SecurityAdvisory, CsafProfiles.Vex)) return;
        if (context.Root.ValueKind == System.Text.Json.JsonValueKind.Object && context.Root.TryGetProperty("vulnerabilities", out _)) return;
        context.Report("", $"A '{CsafProfiles.Category(context.Root)}' document must have vulnerabilities; it has none.");
    }
}
