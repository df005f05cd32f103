using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.27.9 "Impact Statement": in a document of the profile VEX, every product in a vulnerability's
/// <c>known_not_affected</c> has an impact statement in that vulnerability: a flag, or a threat of category <c>impact</c>,
/// naming the product directly or through a product group. Passes on documents of other categories.
/// </summary>
public sealed class Test_6_1_27_09_ImpactStatement : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.27.9";

    /// <inheritdoc />
    public override string Title => "Impact Statement";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (!CsafProfiles.Is(context.Root, CsafProfiles.Vex)) return;
        var groups = new ProductGroupMembers(context.Products);
        foreach (var (vulnerability, path) in CsafProfiles.Vulnerabilities(context.Root))
        {
            var statements = vulnerability.Items("flags")
                .Concat(vulnerability.Items("threats").Where(t => t.Str("category") == "impact"));
            var covered = statements.SelectMany(groups.ProductsOf).ToHashSet(StringComparer.Ordinal);
            var i = 0;
            foreach (var product in vulnerability.Obj("product_status")?.Items("known_not_affected") ?? [])
            {
                var pp = CsafPointer.Append(path, "product_status", "known_not_affected", i++);
                if (product.ValueKind != System.Text.Json.JsonValueKind.String || covered.Contains(product.GetString()!)) continue;
                context.Report(pp,
                    $"Product '{product.GetString()}' is known_not_affected by vulnerability {CsafProfiles.Name(vulnerability)}but no flag or threat of category 'impact' gives an impact statement for it.");
            }
        }
    }
}
