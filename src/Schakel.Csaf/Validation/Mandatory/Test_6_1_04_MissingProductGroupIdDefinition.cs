namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.4 "Missing Definition of Product Group ID": every product group id referenced in
/// <c>/vulnerabilities[]/{flags,remediations,threats}[]/group_ids[]</c> is defined in <c>/product_tree/product_groups</c>.
/// </summary>
public sealed class Test_6_1_04_MissingProductGroupIdDefinition : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.4";

    /// <inheritdoc />
    public override string Title => "Missing Definition of Product Group ID";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var defined = context.Products.GroupDefinitions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var reference in context.Products.GroupReferences.Where(r => !defined.Contains(r.Id)))
        {
            context.Report(reference.Path, $"Product group id '{reference.Id}' is referenced but not defined in /product_tree/product_groups.");
        }
    }
}
