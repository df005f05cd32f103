using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.18 "Released Revision History": when the document status is <c>final</c> or <c>interim</c>, no
/// revision history item has a <c>number</c> of <c>0</c> or <c>0.y.z</c> (a draft version).
/// </summary>
public sealed class Test_6_1_18_ReleasedRevisionHistory : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.18";

    /// <inheritdoc />
    public override string Title => "Released Revision History";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var status = RevisionNumbers.Status(context.Root);
        if (!RevisionNumbers.IsReleased(status)) return;
        foreach (var item in RevisionNumbers.Items(context.Root).Where(i => i.Version is { } v && v.Major.IsZero))
        {
            context.Report(item.Path + "/number",
                $"The document status is '{status}' but revision history item {item.Index} has number '{item.Number}', a draft version (0 or 0.y.z).");
        }
    }
}
