using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.16 "Missing Product Identification Helper": every full product name (in branches,
/// <c>full_product_names</c> and relationships) has a <c>product_identification_helper</c>.
/// </summary>
public sealed class Test_6_2_16_MissingProductIdentificationHelper : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.16";

    /// <inheritdoc />
    public override string Title => "Missing Product Identification Helper";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var (path, product) in ProductTreeElements.FullProductNames(context.Root))
        {
            if (product.TryGetProperty("product_identification_helper", out _)) continue;
            var name = product.Str("product_id") is { } id ? $"product '{id}'" : "product";
            context.Report(path, $"The {name} does not provide any product identification helper.");
        }
    }
}
