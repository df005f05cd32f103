using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.33 "Multiple Flags with VEX Justification Codes per Product": within one vulnerability, a product
/// is in at most one flag whose label is a VEX justification code (section 3.2.3.5), directly or through a product group.
/// </summary>
/// <remarks>
/// Only the five justification labels of CSAF 2.0 count, so that flags with other purposes in later versions do not
/// (the section's forward-compatibility note). One finding per flag that repeats a product, naming the products.
/// </remarks>
public sealed class Test_6_1_33_MultipleFlagsWithVexJustificationCodesPerProduct : CsafTest
{
    private static readonly HashSet<string> JustificationCodes = new(
        ["component_not_present", "inline_mitigations_already_exist", "vulnerable_code_cannot_be_controlled_by_adversary",
         "vulnerable_code_not_in_execute_path", "vulnerable_code_not_present"],
        StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Id => "6.1.33";

    /// <inheritdoc />
    public override string Title => "Multiple Flags with VEX Justification Codes per Product";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var groups = new ProductGroupMembers(context.Products);
        foreach (var (vulnerability, path) in CsafProfiles.Vulnerabilities(context.Root))
        {
            var firstFlag = new Dictionary<string, string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var flag in vulnerability.Items("flags"))
            {
                var fp = CsafPointer.Append(path, "flags", i++);
                if (flag.Str("label") is not { } label || !JustificationCodes.Contains(label)) continue;
                var repeated = new List<string>();
                foreach (var product in groups.ProductsOf(flag))
                {
                    if (firstFlag.TryGetValue(product, out var earlier)) repeated.Add($"'{product}' (also in {earlier})");
                    else firstFlag[product] = fp;
                }

                if (repeated.Count == 0) continue;
                var shown = string.Join(", ", repeated.Take(5)) + (repeated.Count > 5 ? $" and {repeated.Count - 5} more" : "");
                context.Report(fp, $"Flag '{label}' gives a second VEX justification for product {shown}; each product may have one per vulnerability.");
            }
        }
    }
}
