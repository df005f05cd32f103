namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.1 "Unused Definition of Product ID": every product id defined in a full product name is
/// referenced somewhere in the document. Skipped (passes) for the profile "Informational Advisory", as the section says.
/// </summary>
public sealed class Test_6_2_01_UnusedProductIdDefinition : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.1";

    /// <inheritdoc />
    public override string Title => "Unused Definition of Product ID";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        // The section says the test "SHALL be skipped" for informational advisories: such a document has no
        // vulnerabilities to reference products from. Skipping is the specified result, so it counts as passed.
        if (context.Root.Obj("document")?.Str("category") == "csaf_informational_advisory") return;

        var referenced = context.Products.ProductReferences.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var definition in context.Products.ProductDefinitions.Where(d => !referenced.Contains(d.Id)))
        {
            context.Report(definition.Path, $"Product id '{definition.Id}' is defined but never referenced in the document.");
        }
    }
}
