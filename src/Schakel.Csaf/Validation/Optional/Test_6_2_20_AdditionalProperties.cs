using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.20 "Additional Properties": the document has no key that the CSAF 2.0 JSON schema (and the CVSS
/// schemas it references) does not define; checked against the schemas read strictly, see <see cref="StrictSchema"/>.
/// </summary>
public sealed class Test_6_2_20_AdditionalProperties : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.20";

    /// <inheritdoc />
    public override string Title => "Additional Properties";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var unknown in StrictSchema.UnknownKeys(context.Root))
        {
            context.Report(unknown.Path, $"The key '{unknown.Key}' is not defined in the JSON schema.");
        }
    }
}
