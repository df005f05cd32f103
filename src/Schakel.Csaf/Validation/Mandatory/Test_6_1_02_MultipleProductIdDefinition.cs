namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>CSAF 2.0 section 6.1.2 "Multiple Definition of Product ID": each product id is defined once.</summary>
public sealed class Test_6_1_02_MultipleProductIdDefinition : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.2";

    /// <inheritdoc />
    public override string Title => "Multiple Definition of Product ID";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var group in context.Products.ProductDefinitions.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var again in group.Skip(1))
            {
                context.Report(again.Path, $"Product id '{group.Key}' is defined {group.Count()} times; first at {group.First().Path}.");
            }
        }
    }
}
