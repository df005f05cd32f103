using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.27.2 "Document References": for the profiles Informational Advisory and Security Incident
/// Response, <c>/document/references</c> has at least one item that links to an <c>external</c> source. A reference without
/// a <c>category</c> is external: that is the schema's default. Passes on documents of other categories.
/// </summary>
public sealed class Test_6_1_27_02_DocumentReferences : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.27.2";

    /// <inheritdoc />
    public override string Title => "Document References";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (!CsafProfiles.Is(context.Root, CsafProfiles.InformationalAdvisory, CsafProfiles.SecurityIncidentResponse)) return;
        var references = context.Root.Obj("document")?.Items("references").Where(r => r.ValueKind == System.Text.Json.JsonValueKind.Object).ToList() ?? [];
        if (references.Any(r => (r.Str("category") ?? "external") == "external")) return;
        context.Report(references.Count > 0 ? "/document/references" : "/document",
            $"A '{CsafProfiles.Category(context.Root)}' document needs a document reference of category 'external'; "
            + (references.Count > 0 ? "all its references are 'self'." : "it has no references."));
    }
}
