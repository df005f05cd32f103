using System.Text.RegularExpressions;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.11 "Missing Canonical URL": one item of <c>/document/references</c> has category <c>self</c>, a
/// <c>url</c> starting with <c>https://</c>, and a last path segment equal to the document's file name under section 5.1
/// (the tracking id in lower case, each run of characters outside <c>[+\-a-z0-9]</c> replaced by <c>_</c>, plus <c>.json</c>).
/// </summary>
public sealed partial class Test_6_2_11_MissingCanonicalUrl : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.11";

    /// <inheritdoc />
    public override string Title => "Missing Canonical URL";

    /// <summary>The section 5.1 file name for a tracking id, e.g. <c>OASIS_CSAF_TC-CSAF_2.0-2021-6-2-11-11</c> → <c>oasis_csaf_tc-csaf_2_0-2021-6-2-11-11.json</c>.</summary>
    internal static string FileName(string trackingId) => CsafFileName.FromTrackingId(trackingId);

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var document = context.Root.Obj("document");
        // Without a tracking id (a schema error) any file name is accepted, so a 'self' https URL is still required.
        var fileName = document?.Obj("tracking")?.Str("id") is { Length: > 0 } trackingId ? FileName(trackingId) : null;
        var selfUrls = (document?.Items("references") ?? []).Where(r => r.Str("category") == "self").Select(r => r.Str("url")).OfType<string>().ToList();
        if (selfUrls.Any(url => url.StartsWith("https://", StringComparison.Ordinal) && (fileName is null || url[(url.LastIndexOf('/') + 1)..] == fileName))) return;

        var detail = selfUrls.Count == 0
            ? "no reference has the category 'self'"
            : $"no 'self' reference is an https URL ending in '/{fileName ?? "<file name>"}' (found: {string.Join(", ", selfUrls.Select(u => $"'{u}'"))})";
        context.Report(CsafPointer.Of("document", "references"), $"The document has no canonical URL: {detail}.");
    }

}
