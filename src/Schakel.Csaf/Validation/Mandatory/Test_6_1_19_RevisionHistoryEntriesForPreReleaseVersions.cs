using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.19 "Revision History Entries for Pre-release Versions": no revision history item has a
/// <c>number</c> with a pre-release part (such as <c>1.0.0-rc</c>).
/// </summary>
public sealed class Test_6_1_19_RevisionHistoryEntriesForPreReleaseVersions : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.19";

    /// <inheritdoc />
    public override string Title => "Revision History Entries for Pre-release Versions";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var item in RevisionNumbers.Items(context.Root).Where(i => i.Version?.PreRelease is not null))
        {
            context.Report(item.Path + "/number",
                $"Revision history item {item.Index} has number '{item.Number}' with the pre-release part '-{item.Version!.PreRelease}'; pre-release versions must not be in the revision history.");
        }
    }
}
