namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.1 "Missing Definition of Product ID": every product id that is referenced (section 6.1.1's list)
/// is defined in the product tree.
/// </summary>
public sealed class Test_6_1_01_MissingProductIdDefinition : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.1";

    /// <inheritdoc />
    public override string Title => "Missing Definition of Product ID";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var defined = context.Products.ProductDefinitions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var reference in context.Products.ProductReferences.Where(r => !defined.Contains(r.Id)))
        {
            context.Report(reference.Path, $"Product id '{reference.Id}' is referenced but not defined in the product tree.");
        }
    }
}
