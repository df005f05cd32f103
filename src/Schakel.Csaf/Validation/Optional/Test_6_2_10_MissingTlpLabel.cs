namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.10 "Missing TLP label": <c>/document/distribution/tlp/label</c> is present and one of the
/// labels the CSAF 2.0 schema allows (TLP 1.0: <c>AMBER</c>, <c>GREEN</c>, <c>RED</c>, <c>WHITE</c>).
/// </summary>
public sealed class Test_6_2_10_MissingTlpLabel : CsafTest
{
    // The enum of /document/distribution/tlp/label in the CSAF 2.0 schema.
    private static readonly string[] Labels = ["AMBER", "GREEN", "RED", "WHITE"];

    /// <inheritdoc />
    public override string Id => "6.2.10";

    /// <inheritdoc />
    public override string Title => "Missing TLP label";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var document = context.Root.Obj("document");
        var distribution = document?.Obj("distribution");
        var tlp = distribution?.Obj("tlp");
        if (tlp is not { } t || !t.TryGetProperty("label", out var label))
        {
            var (path, what) = distribution is null ? (CsafPointer.Of("document"), "no distribution")
                : tlp is null ? (CsafPointer.Of("document", "distribution"), "no TLP")
                : (CsafPointer.Of("document", "distribution", "tlp"), "no TLP label");
            context.Report(path, $"The document has {what}; /document/distribution/tlp/label is missing.");
            return;
        }

        var text = label.ValueKind == System.Text.Json.JsonValueKind.String ? label.GetString()! : label.GetRawText();
        if (!Labels.Contains(text, StringComparer.Ordinal))
        {
            context.Report(CsafPointer.Of("document", "distribution", "tlp", "label"),
                $"The TLP label '{text}' is not valid; expected one of {string.Join(", ", Labels)}.");
        }
    }
}
