using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Informative;

/// <summary>
/// CSAF 2.0 section 6.3.9 "Branch Categories": each product in <c>/product_tree/branches</c> has ancestors with the
/// categories <c>vendor</c>, <c>product_name</c> and <c>product_version</c> in that order from the top (other categories may
/// come before, between or after them).
/// </summary>
public sealed class Test_6_3_09_BranchCategories : CsafTest
{
    private static readonly string[] Expected = ["vendor", "product_name", "product_version"];

    /// <inheritdoc />
    public override string Id => "6.3.9";

    /// <inheritdoc />
    public override string Title => "Branch Categories";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var branch in InformativeWalk.Branches(context.Root))
        {
            if (branch.Element.Obj("product") is not { } product) continue;

            // Match the expected categories as a subsequence of the path's categories, top down.
            var next = 0;
            foreach (var category in branch.Categories)
            {
                if (next < Expected.Length && category == Expected[next]) next++;
            }

            if (next == Expected.Length) continue;
            var id = product.Str("product_id");
            context.Report(branch.Path + "/product",
                $"Product {(id is null ? "" : $"'{id}' ")}has no ancestor branch of category '{Expected[next]}'"
                + (next == 0 ? "" : $" below its '{Expected[next - 1]}' branch")
                + $" (path: {string.Join(" > ", branch.Categories.Select(c => c ?? "?"))}); expected vendor > product_name > product_version.");
        }
    }
}
