namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.25 "Multiple Use of Same Hash Algorithm": within one item of
/// <c>product_identification_helper/hashes</c>, each algorithm appears at most once in <c>file_hashes</c>.
/// </summary>
/// <remarks>Algorithm names are compared case-insensitively: <c>SHA256</c> and <c>sha256</c> are the same algorithm.</remarks>
public sealed class Test_6_1_25_MultipleUseOfSameHashAlgorithm : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.25";

    /// <inheritdoc />
    public override string Title => "Multiple Use of Same Hash Algorithm";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        // Every full product name of the tree (branches, full_product_names, relationships) is a product id definition.
        foreach (var product in context.Products.ProductDefinitions)
        {
            if (product.Element.Obj("product_identification_helper") is not { } helper) continue;
            var h = 0;
            foreach (var hash in helper.Items("hashes"))
            {
                var hp = CsafPointer.Append(product.Owner, "product_identification_helper", "hashes", h++);
                var first = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var f = 0;
                foreach (var fileHash in hash.Items("file_hashes"))
                {
                    var fp = CsafPointer.Append(hp, "file_hashes", f++);
                    if (fileHash.Str("algorithm") is not { } algorithm) continue;
                    if (first.TryGetValue(algorithm, out var earlier))
                    {
                        context.Report(fp + "/algorithm",
                            $"Hash algorithm '{algorithm}' is used more than once for file '{hash.Str("filename")}' (first at {earlier}).");
                    }
                    else
                    {
                        first[algorithm] = fp;
                    }
                }
            }
        }
    }
}
