namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.28 "Translation": <c>/document/source_lang</c> differs from <c>/document/lang</c>. Language tags are
/// compared case-insensitively (BCP 47 tags are), so <c>en-US</c> equals <c>en-us</c> but not <c>en-GB</c>.
/// </summary>
public sealed class Test_6_1_28_Translation : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.28";

    /// <inheritdoc />
    public override string Title => "Translation";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (context.Root.Obj("document") is not { } document) return;
        if (document.Str("lang") is { } lang && document.Str("source_lang") is { } source && string.Equals(lang, source, StringComparison.OrdinalIgnoreCase))
        {
            context.Report("/document/source_lang", $"The document language '{lang}' and the source language '{source}' are the same; a translation has a different source language.");
        }
    }
}
