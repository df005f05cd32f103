using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.16 "Latest Document Version": <c>/document/tracking/version</c> equals the <c>number</c> of the last
/// revision when the history is sorted ascending by <c>date</c> (same dates by <c>number</c>). Build metadata is ignored;
/// so is a pre-release part when the status is <c>draft</c>.
/// </summary>
public sealed class Test_6_1_16_LatestDocumentVersion : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.16";

    /// <inheritdoc />
    public override string Title => "Latest Document Version";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var tracking = context.Root.Obj("document")?.Obj("tracking");
        if (tracking?.Str("version") is not { } version) return;
        var sorted = RevisionHistory.Sorted(context.Root, out _);
        if (sorted.Count == 0) return;
        var latest = sorted[^1];
        var draft = tracking.Value.Str("status") == "draft";
        if (Strip(version, draft) != Strip(latest.Number, draft))
        {
            context.Report("/document/tracking/version", $"Document version '{version}' is not the number of the latest revision, '{latest.Number}' ({latest.Date}, {latest.NumberPath}).");
        }
    }

    /// <summary>The version without build metadata, and without its pre-release part when <paramref name="draft"/>.</summary>
    private static string Strip(string version, bool draft)
    {
        var plus = version.IndexOf('+');
        var core = plus < 0 ? version : version[..plus];
        var dash = core.IndexOf('-');
        return draft && dash >= 0 ? core[..dash] : core;
    }
}
