namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.17 "Document Status Draft": when <c>/document/tracking/version</c> is <c>0</c>, <c>0.y.z</c> or has a
/// pre-release part, <c>/document/tracking/status</c> is <c>draft</c>.
/// </summary>
public sealed class Test_6_1_17_DocumentStatusDraft : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.17";

    /// <inheritdoc />
    public override string Title => "Document Status Draft";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var tracking = context.Root.Obj("document")?.Obj("tracking");
        if (tracking?.Str("version") is not { } version || !CsafVersion.IsValid(version)) return;
        var plus = version.IndexOf('+');
        var core = plus < 0 ? version : version[..plus];
        var reason = core == "0" || core.StartsWith("0.", StringComparison.Ordinal) ? "a zero version"
            : core.Contains('-') ? "a pre-release"
            : null;
        var status = tracking.Value.Str("status");
        if (reason is not null && status != "draft")
        {
            context.Report("/document/tracking/status", $"Document version '{version}' is {reason}, so the status must be 'draft', not '{status ?? "missing"}'.");
        }
    }
}
