using System.Text.RegularExpressions;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.18 "Product Version Range without vers": the <c>name</c> of every branch with category
/// <c>product_version_range</c> is a vers range, checked with the regular expression the section deems sufficient,
/// <c>^vers:[a-z\.\-\+][a-z0-9\.\-\+]*/.+</c> (the doubled backslashes in the section's text are Markdown escapes).
/// </summary>
public sealed partial class Test_6_2_18_VersionRangeWithoutVers : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.18";

    /// <inheritdoc />
    public override string Title => "Product Version Range without vers";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var (path, branch) in ProductTreeElements.Branches(context.Root))
        {
            if (branch.Str("category") != "product_version_range" || branch.Str("name") is not { } name || Vers().IsMatch(name)) continue;
            context.Report(CsafPointer.Append(path, "name"), $"The version range '{name}' is not a vers range (expected 'vers:<scheme>/<constraints>').");
        }
    }

    [GeneratedRegex(@"^vers:[a-z\.\-\+][a-z0-9\.\-\+]*/.+", RegexOptions.ECMAScript)]
    private static partial Regex Vers();
}
