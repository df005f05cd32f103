namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.6 "Contradicting Product Status": within one vulnerability, a product id is in at most one of the
/// groups Affected (<c>first_affected</c>, <c>known_affected</c>, <c>last_affected</c>), Not affected
/// (<c>known_not_affected</c>), Fixed (<c>first_fixed</c>, <c>fixed</c>) and Under investigation (<c>under_investigation</c>)
/// (section 3.2.3.9). <c>recommended</c> belongs to no group.
/// </summary>
public sealed class Test_6_1_06_ContradictingProductStatus : CsafTest
{
    private static readonly (string Group, string[] Lists)[] Groups =
    [
        ("Affected", ["first_affected", "known_affected", "last_affected"]),
        ("Not affected", ["known_not_affected"]),
        ("Fixed", ["first_fixed", "fixed"]),
        ("Under investigation", ["under_investigation"]),
    ];

    /// <inheritdoc />
    public override string Id => "6.1.6";

    /// <inheritdoc />
    public override string Title => "Contradicting Product Status";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var v = 0;
        foreach (var vulnerability in context.Root.Items("vulnerabilities"))
        {
            var statusPath = CsafPointer.Of("vulnerabilities", v++, "product_status");
            if (vulnerability.Obj("product_status") is not { } status) continue;

            // The first group each product id appears in, with where; any later appearance in another group contradicts it.
            var first = new Dictionary<string, (string Group, string Path)>(StringComparer.Ordinal);
            foreach (var (group, lists) in Groups)
            {
                foreach (var list in lists)
                {
                    var i = 0;
                    foreach (var item in status.Items(list))
                    {
                        var path = CsafPointer.Append(statusPath, list, i++);
                        if (item.ValueKind != System.Text.Json.JsonValueKind.String) continue;
                        var id = item.GetString()!;
                        if (!first.TryAdd(id, (group, path)) && first[id].Group != group)
                        {
                            context.Report(path, $"Product id '{id}' is both '{first[id].Group}' ({first[id].Path}) and '{group}' in the same vulnerability.");
                        }
                    }
                }
            }
        }
    }
}
