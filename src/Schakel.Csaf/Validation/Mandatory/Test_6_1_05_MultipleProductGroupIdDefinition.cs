namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>CSAF 2.0 section 6.1.5 "Multiple Definition of Product Group ID": each product group id is defined once.</summary>
public sealed class Test_6_1_05_MultipleProductGroupIdDefinition : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.5";

    /// <inheritdoc />
    public override string Title => "Multiple Definition of Product Group ID";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var group in context.Products.GroupDefinitions.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var again in group.Skip(1))
            {
                context.Report(again.Path, $"Product group id '{group.Key}' is defined {group.Count()} times; first at {group.First().Path}.");
            }
        }
    }
}
