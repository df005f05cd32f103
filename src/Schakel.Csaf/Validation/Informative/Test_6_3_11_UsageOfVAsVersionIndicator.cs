using System.Text.RegularExpressions;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Informative;

/// <summary>
/// CSAF 2.0 section 6.3.11 "Usage of V as Version Indicator": the <c>name</c> of a <c>product_version</c> branch does not
/// match <c>^[vV][0-9].*$</c>.
/// </summary>
public sealed partial class Test_6_3_11_UsageOfVAsVersionIndicator : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.3.11";

    /// <inheritdoc />
    public override string Title => "Usage of V as Version Indicator";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var branch in InformativeWalk.Branches(context.Root).Where(b => b.Categories[^1] == "product_version"))
        {
            if (branch.Element.Str("name") is { } name && VersionWithV().IsMatch(name))
            {
                context.Report(branch.Path + "/name", $"The product version '{name}' starts with '{name[0]}'; write the version without it ('{name[1..]}').");
            }
        }
    }

    // The specification's regex; Singleline so that ".*" also spans a line break, as in ECMAScript's [\s\S].
    [GeneratedRegex("^[vV][0-9].*$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex VersionWithV();
}
