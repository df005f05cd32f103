using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Informative;

/// <summary>CSAF 2.0 section 6.3.10 "Usage of Product Version Range": no branch has the category <c>product_version_range</c>.</summary>
public sealed class Test_6_3_10_UsageOfProductVersionRange : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.3.10";

    /// <inheritdoc />
    public override string Title => "Usage of Product Version Range";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var branch in InformativeWalk.Branches(context.Root).Where(b => b.Categories[^1] == "product_version_range"))
        {
            context.Report(branch.Path + "/category",
                $"Branch '{branch.Element.Str("name")}' uses the category 'product_version_range'; enumerating the versions (category 'product_version') is recommended.");
        }
    }
}
