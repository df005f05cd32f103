using System.Text.Json;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.3 "Missing Score": every product id in the product status group Affected (<c>first_affected</c>,
/// <c>known_affected</c>, <c>last_affected</c>) of a vulnerability is listed in the <c>products</c> of one of its scores.
/// </summary>
public sealed class Test_6_2_03_MissingScore : CsafTest
{
    private static readonly string[] Lists = ["first_affected", "known_affected", "last_affected"];

    /// <inheritdoc />
    public override string Id => "6.2.3";

    /// <inheritdoc />
    public override string Title => "Missing Score";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var v = 0;
        foreach (var vulnerability in context.Root.Items("vulnerabilities"))
        {
            var vp = CsafPointer.Of("vulnerabilities", v++);
            if (vulnerability.Obj("product_status") is not { } status) continue;
            var scored = vulnerability.Items("scores").SelectMany(s => s.Strings("products")).ToHashSet(StringComparer.Ordinal);
            foreach (var list in Lists)
            {
                var i = 0;
                foreach (var item in status.Items(list))
                {
                    if (item.ValueKind == JsonValueKind.String && !scored.Contains(item.GetString()!))
                    {
                        context.Report(CsafPointer.Append(vp, "product_status", list, i),
                            $"Product id '{item.GetString()}' is in product status '{list}' but no score of this vulnerability covers it.");
                    }

                    i++;
                }
            }
        }
    }
}
