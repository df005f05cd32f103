using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.20 "Non-draft Document Version": when the document status is <c>final</c> or <c>interim</c>,
/// <c>/document/tracking/version</c> has no pre-release part.
/// </summary>
public sealed class Test_6_1_20_NonDraftDocumentVersion : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.20";

    /// <inheritdoc />
    public override string Title => "Non-draft Document Version";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var status = RevisionNumbers.Status(context.Root);
        if (!RevisionNumbers.IsReleased(status)) return;
        if (RevisionNumbers.Parse(RevisionNumbers.Version(context.Root)) is { PreRelease: { } pre } version)
        {
            context.Report(RevisionNumbers.VersionPath,
                $"The document status is '{status}' but the document version '{version.Text}' contains the pre-release part '-{pre}'.");
        }
    }
}
