namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.14 "Use of Private Language": <c>/document/lang</c> and <c>/document/source_lang</c> contain no
/// subtag reserved for private use (RFC 5646 section 2.2: language <c>qaa</c>–<c>qtz</c>, script <c>Qaaa</c>–<c>Qabx</c>,
/// region <c>AA</c>, <c>QM</c>–<c>QZ</c>, <c>XA</c>–<c>XZ</c>, <c>ZZ</c>, and everything after the singleton <c>x</c>), as the
/// IANA language subtag registry (<see cref="CsafReferenceData.Languages"/>) marks them; "not run" without the registry.
/// </summary>
public sealed class Test_6_2_14_PrivateLanguage : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.14";

    /// <inheritdoc />
    public override string Title => "Use of Private Language";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (context.Root.Obj("document") is not { } document) return;
        var tags = new[] { "lang", "source_lang" }.Select(n => (Name: n, Tag: document.Str(n))).Where(t => t.Tag is { Length: > 0 }).ToList();
        if (tags.Count == 0) return;
        if (context.Data.Languages is not { } registry)
        {
            context.NotRun("not run: no IANA language subtag registry");
            return;
        }

        foreach (var (name, tag) in tags.Where(t => registry.IsPrivateUse(t.Tag!)))
        {
            context.Report(CsafPointer.Of("document", name), $"The language code '{tag}' contains a subtag reserved for private use.");
        }
    }
}
