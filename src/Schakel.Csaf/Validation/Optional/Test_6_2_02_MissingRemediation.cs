using System.Text.Json;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.2 "Missing Remediation": every product id in the product status groups Affected
/// (<c>first_affected</c>, <c>known_affected</c>, <c>last_affected</c>) and Under investigation of a vulnerability is
/// covered by a remediation of that vulnerability, directly (<c>product_ids</c>) or through a product group (<c>group_ids</c>).
/// </summary>
public sealed class Test_6_2_02_MissingRemediation : CsafTest
{
    private static readonly string[] Lists = ["first_affected", "known_affected", "last_affected", "under_investigation"];

    /// <inheritdoc />
    public override string Id => "6.2.2";

    /// <inheritdoc />
    public override string Title => "Missing Remediation";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var groups = GroupMembers(context);
        var v = 0;
        foreach (var vulnerability in context.Root.Items("vulnerabilities"))
        {
            var vp = CsafPointer.Of("vulnerabilities", v++);
            if (vulnerability.Obj("product_status") is not { } status) continue;
            var covered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var remediation in vulnerability.Items("remediations"))
            {
                covered.UnionWith(remediation.Strings("product_ids"));
                foreach (var group in remediation.Strings("group_ids"))
                {
                    if (groups.TryGetValue(group, out var members)) covered.UnionWith(members);
                }
            }

            foreach (var list in Lists)
            {
                var i = 0;
                foreach (var item in status.Items(list))
                {
                    if (item.ValueKind == JsonValueKind.String && !covered.Contains(item.GetString()!))
                    {
                        context.Report(CsafPointer.Append(vp, "product_status", list, i),
                            $"Product id '{item.GetString()}' is in product status '{list}' but no remediation of this vulnerability covers it.");
                    }

                    i++;
                }
            }
        }
    }

    /// <summary>Product group id to its product ids (a group defined twice contributes both lists).</summary>
    private static Dictionary<string, HashSet<string>> GroupMembers(CsafTestContext context)
    {
        var groups = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var definition in context.Products.GroupDefinitions)
        {
            if (!groups.TryGetValue(definition.Id, out var members)) groups[definition.Id] = members = new HashSet<string>(StringComparer.Ordinal);
            members.UnionWith(definition.Element.Strings("product_ids"));
        }

        return groups;
    }
}
