using System.Text.Json;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.13 "PURL": each <c>product_identification_helper/purl</c> (in branches at any depth,
/// <c>full_product_names</c> and relationships) is a valid package URL per the purl specification.
/// </summary>
public sealed class Test_6_1_13_Purl : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.13";

    /// <inheritdoc />
    public override string Title => "PURL";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        // Walked here rather than taken from context.Products, which skips products without a product_id.
        if (context.Root.Obj("product_tree") is not { } tree) return;
        Branches(context, tree, "/product_tree");
        var i = 0;
        foreach (var product in tree.Items("full_product_names")) Check(context, product, CsafPointer.Of("product_tree", "full_product_names", i++));
        i = 0;
        foreach (var relationship in tree.Items("relationships"))
        {
            if (relationship.Obj("full_product_name") is { } product) Check(context, product, CsafPointer.Of("product_tree", "relationships", i, "full_product_name"));
            i++;
        }
    }

    private static void Branches(CsafTestContext context, JsonElement parent, string parentPath, int depth = 0)
    {
        // The reader caps JSON depth at 64, so this recursion is bounded; the guard keeps that true for any caller.
        if (depth > 64) return;
        var i = 0;
        foreach (var branch in parent.Items("branches"))
        {
            var path = CsafPointer.Append(parentPath, "branches", i++);
            if (branch.Obj("product") is { } product) Check(context, product, path + "/product");
            Branches(context, branch, path, depth + 1);
        }
    }

    private static void Check(CsafTestContext context, JsonElement product, string path)
    {
        if (product.Obj("product_identification_helper")?.Str("purl") is not { } purl) return;
        if (Purl.Problem(purl) is { } problem)
        {
            context.Report(CsafPointer.Append(path, "product_identification_helper", "purl"), $"PURL '{purl}' is not valid: {problem}.");
        }
    }
}
