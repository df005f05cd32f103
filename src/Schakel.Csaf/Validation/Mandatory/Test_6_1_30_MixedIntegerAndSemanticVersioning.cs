using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.30 "Mixed Integer and Semantic Versioning": <c>/document/tracking/version</c> and every
/// revision history <c>number</c> use the same scheme, integer or semantic versioning.
/// </summary>
/// <remarks>
/// The scheme the document started with (its oldest revision by date, else the first item, else the document version) is
/// the reference; every value of the other scheme is reported. Values that are not versions at all are the schema's finding.
/// </remarks>
public sealed class Test_6_1_30_MixedIntegerAndSemanticVersioning : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.30";

    /// <inheritdoc />
    public override string Title => "Mixed Integer and Semantic Versioning";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var items = RevisionNumbers.Items(context.Root);
        var values = items.Where(i => i.Version is not null).Select(i => (Path: i.Path + "/number", Version: i.Version!)).ToList();
        if (RevisionNumbers.Parse(RevisionNumbers.Version(context.Root)) is { } version) values.Add((RevisionNumbers.VersionPath, version));
        if (values.Count == 0) return;

        var oldest = RevisionNumbers.ByDate(items).FirstOrDefault();
        var reference = oldest is not null ? (Path: oldest.Path + "/number", Version: oldest.Version!) : values[0];
        foreach (var (path, value) in values.Where(v => v.Version.IsInteger != reference.Version.IsInteger))
        {
            context.Report(path,
                $"'{value.Text}' uses {Scheme(value)} but the document started with {Scheme(reference.Version)} ('{reference.Version.Text}' at {reference.Path}); one document uses one scheme.");
        }
    }

    private static string Scheme(VersionParts version) => version.IsInteger ? "integer versioning" : "semantic versioning";
}
