namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.15 "Translator": a document whose <c>/document/publisher/category</c> is <c>translator</c> has a
/// <c>/document/source_lang</c>.
/// </summary>
public sealed class Test_6_1_15_Translator : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.15";

    /// <inheritdoc />
    public override string Title => "Translator";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var document = context.Root.Obj("document");
        if (document?.Obj("publisher")?.Str("category") != "translator") return;
        if (string.IsNullOrEmpty(document.Value.Str("source_lang")))
        {
            context.Report("/document/source_lang", "The publisher is a translator, but source_lang (the language translated from) is missing.");
        }
    }
}
