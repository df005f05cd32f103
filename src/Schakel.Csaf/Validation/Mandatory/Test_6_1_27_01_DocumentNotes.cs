using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.27.1 "Document Notes": for the profiles Informational Advisory and Security Incident Response,
/// <c>/document/notes</c> has at least one item of category <c>description</c>, <c>details</c>, <c>general</c> or <c>summary</c>.
/// Passes on documents of other categories.
/// </summary>
public sealed class Test_6_1_27_01_DocumentNotes : CsafTest
{
    private static readonly string[] Categories = ["description", "details", "general", "summary"];

    /// <inheritdoc />
    public override string Id => "6.1.27.1";

    /// <inheritdoc />
    public override string Title => "Document Notes";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (!CsafProfiles.Is(context.Root, CsafProfiles.InformationalAdvisory, CsafProfiles.SecurityIncidentResponse)) return;
        var document = context.Root.Obj("document");
        var notes = document?.Items("notes").ToList() ?? [];
        if (notes.Any(n => n.Str("category") is { } c && Categories.Contains(c, StringComparer.Ordinal))) return;
        context.Report(notes.Count > 0 ? "/document/notes" : "/document",
            $"A '{CsafProfiles.Category(context.Root)}' document needs a document note of category {string.Join(", ", Categories)}; "
            + (notes.Count > 0 ? "none of its notes has one." : "it has no notes."));
    }
}
