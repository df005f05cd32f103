using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.27.4 "Product Tree": a document of the profile Security Advisory or VEX has a
/// <c>/product_tree</c>. Passes on documents of other categories.
/// </summary>
public sealed class Test_6_1_27_04_ProductTree : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.27.4";

    /// <inheritdoc />
    public override string Title => "Product Tree";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (!CsafProfiles.Is(context.Root, CsafProfiles.SecurityAdvisory, CsafProfiles.Vex)) return;
        if (context.Root.ValueKind == System.Text.Json.JsonValueKind.Object && context.Root.TryGetProperty("product_tree", out _)) return;
        context.Report("", $"A '{CsafProfiles.Category(context.Root)}' document must have a product_tree; it has none.");
    }
}
