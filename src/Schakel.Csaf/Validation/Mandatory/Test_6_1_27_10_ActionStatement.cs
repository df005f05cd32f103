using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.27.10 "Action Statement": in a document of the profile VEX, every product in a vulnerability's
/// <c>known_affected</c> has an action statement: a remediation of that vulnerability naming the product directly or
/// through a product group. Passes on documents of other categories.
/// </summary>
public sealed class Test_6_1_27_10_ActionStatement : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.27.10";

    /// <inheritdoc />
    public override string Title => "Action Statement";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (!CsafProfiles.Is(context.Root, CsafProfiles.Vex)) return;
        var groups = new ProductGroupMembers(context.Products);
        foreach (var (vulnerability, path) in CsafProfiles.Vulnerabilities(context.Root))
        {
            var covered = vulnerability.Items("remediations").SelectMany(groups.ProductsOf).ToHashSet(StringComparer.Ordinal);
            var i = 0;
            foreach (var product in vulnerability.Obj("product_status")?.Items("known_affected") ?? [])
            {
                var pp = CsafPointer.Append(path, "product_status", "known_affected", i++);
                if (product.ValueKind != System.Text.Json.JsonValueKind.String || covered.Contains(product.GetString()!)) continue;
                context.Report(pp,
                    $"Product '{product.GetString()}' is known_affected by vulnerability {CsafProfiles.Name(vulnerability)}but no remediation gives an action statement for it.");
            }
        }
    }
}
