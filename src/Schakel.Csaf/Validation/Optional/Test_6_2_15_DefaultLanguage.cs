namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.15 "Use of Default Language": <c>/document/lang</c> and <c>/document/source_lang</c> are not
/// <c>i-default</c> (compared case-insensitively, as language tags are).
/// </summary>
public sealed class Test_6_2_15_DefaultLanguage : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.15";

    /// <inheritdoc />
    public override string Title => "Use of Default Language";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (context.Root.Obj("document") is not { } document) return;
        foreach (var name in new[] { "lang", "source_lang" })
        {
            if (document.Str(name) is { } tag && tag.Equals("i-default", StringComparison.OrdinalIgnoreCase))
            {
                context.Report(CsafPointer.Of("document", name), $"The language code '{tag}' is used; name the actual language instead.");
            }
        }
    }
}
