namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.4 "Build Metadata in Revision History": no <c>/document/tracking/revision_history[]/number</c>
/// carries semantic-versioning build metadata (the part after <c>+</c>, e.g. <c>1.0.0+exp.sha.ac00785</c>).
/// </summary>
public sealed class Test_6_2_04_BuildMetadataInRevisionHistory : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.4";

    /// <inheritdoc />
    public override string Title => "Build Metadata in Revision History";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var i = 0;
        foreach (var revision in context.Root.Obj("document")?.Obj("tracking")?.Items("revision_history") ?? [])
        {
            // Integer versions cannot contain '+', and in a semantic version '+' starts the build metadata (semver 2.0.0 item 10).
            if (revision.Str("number") is { } number && number.IndexOf('+', StringComparison.Ordinal) is var plus and >= 0)
            {
                context.Report(CsafPointer.Of("document", "tracking", "revision_history", i, "number"),
                    $"Revision number '{number}' includes the build metadata '{number[plus..]}'.");
            }

            i++;
        }
    }
}
