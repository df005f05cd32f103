namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.12 "Language": <c>/document/lang</c> and <c>/document/source_lang</c> are valid language tags
/// whose subtags exist in the IANA language subtag registry (BCP 47). Needs <see cref="CsafReferenceData.Languages"/>:
/// without it, a document that has a language is "not run"; one without any has nothing to test and passes.
/// </summary>
public sealed class Test_6_1_12_Language : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.12";

    /// <inheritdoc />
    public override string Title => "Language";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var document = context.Root.Obj("document");
        foreach (var member in new[] { "lang", "source_lang" })
        {
            if (document?.Str(member) is not { } tag) continue;
            if (context.Data.Languages is not { } registry)
            {
                context.NotRun("no IANA language subtag registry available");
                return;
            }

            if (!registry.IsValidTag(tag))
            {
                context.Report(CsafPointer.Of("document", member), $"Language tag '{tag}' is not valid: not every subtag is in the IANA language subtag registry (File-Date {registry.FileDate}).");
            }
        }
    }
}
