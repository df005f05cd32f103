using System.Text.Json;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>CSAF 2.0 section 6.2.12 "Missing Document Language": <c>/document/lang</c> is present and not empty.</summary>
public sealed class Test_6_2_12_MissingDocumentLanguage : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.12";

    /// <inheritdoc />
    public override string Title => "Missing Document Language";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (context.Root.Obj("document") is not { } document || !document.TryGetProperty("lang", out var lang))
        {
            context.Report(CsafPointer.Of("document"), "The document language is not defined: /document/lang is missing.");
        }
        else if (lang.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(lang.GetString()))
        {
            // Whether a non-empty value is a valid language tag is test 6.1.12's concern; here it only has to be set.
            context.Report(CsafPointer.Of("document", "lang"), $"The document language is not set: /document/lang is {lang.GetRawText()}.");
        }
    }
}
