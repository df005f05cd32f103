namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.14 "Use of Private Language": <c>/document/lang</c> and <c>/document/source_lang</c> contain no
/// subtag reserved for private use. The reserved ranges are fixed by RFC 5646 itself (section 2.2: language
/// <c>qaa</c>–<c>qtz</c>, script <c>Qaaa</c>–<c>Qabx</c>, region <c>AA</c>, <c>QM</c>–<c>QZ</c>, <c>XA</c>–<c>XZ</c>,
/// <c>ZZ</c>, and everything after the singleton <c>x</c>), so this test needs no copy of the IANA registry and always runs.
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
        foreach (var name in new[] { "lang", "source_lang" })
        {
            if (document.Str(name) is { Length: > 0 } tag && PrivateUseSubtag(tag) is { } subtag)
            {
                context.Report(CsafPointer.Of("document", name),
                    subtag.Equals(tag, StringComparison.Ordinal)
                        ? $"The language code '{tag}' is reserved for private use."
                        : $"The language code '{tag}' contains '{subtag}', which is reserved for private use.");
            }
        }
    }

    /// <summary>
    /// The first private use part of a BCP 47 tag, read by subtag position as in RFC 5646 section 2.1; null when there
    /// is none. Grandfathered <c>i-</c> tags (such as <c>i-default</c>, 6.2.15's concern) have no private use part.
    /// </summary>
    internal static string? PrivateUseSubtag(string tag)
    {
        var parts = tag.Split('-');
        if (parts[0].Equals("i", StringComparison.OrdinalIgnoreCase)) return null;
        if (parts[0].Equals("x", StringComparison.OrdinalIgnoreCase)) return tag;

        var i = 0;
        if (IsAlpha(parts[0], 3, 3) && InRange(parts[0], "qaa", "qtz")) return parts[0];
        i++;
        // Up to three extended language subtags (three letters); none of them is private use.
        for (var extlang = 0; extlang < 3 && i < parts.Length && IsAlpha(parts[i], 3, 3); extlang++) i++;
        if (i < parts.Length && IsAlpha(parts[i], 4, 4))
        {
            if (InRange(parts[i], "qaaa", "qabx")) return parts[i];
            i++;
        }

        if (i < parts.Length && (IsAlpha(parts[i], 2, 2) || (parts[i].Length == 3 && parts[i].All(char.IsAsciiDigit))))
        {
            var region = parts[i].ToUpperInvariant();
            if (region is "AA" or "ZZ" || InRange(region, "QM", "QZ") || InRange(region, "XA", "XZ")) return parts[i];
            i++;
        }

        // Variants and extensions follow; only the private use singleton 'x' introduces private subtags.
        for (; i < parts.Length; i++)
        {
            if (parts[i].Equals("x", StringComparison.OrdinalIgnoreCase)) return string.Join('-', parts[i..]);
        }

        return null;
    }

    private static bool IsAlpha(string s, int min, int max) => s.Length >= min && s.Length <= max && s.All(char.IsAsciiLetter);

    private static bool InRange(string s, string low, string high) =>
        string.Compare(s, low, StringComparison.OrdinalIgnoreCase) >= 0 && string.Compare(s, high, StringComparison.OrdinalIgnoreCase) <= 0;
}
