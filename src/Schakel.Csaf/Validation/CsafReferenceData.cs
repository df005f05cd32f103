namespace Schakel.Csaf.Validation;

/// <summary>
/// Outside data some tests need. Each member is null when that source is not available; the tests that need it then
/// report "not run" with the reason, never "passed". <see cref="Default"/> loads what ships with this library.
/// </summary>
public sealed class CsafReferenceData
{
    /// <summary>
    /// CWE catalogue for 6.1.11: CWE id as written in CSAF (<c>CWE-79</c>) to its name. Null when not available.
    /// </summary>
    public IReadOnlyDictionary<string, string>? CweNames { get; init; }

    /// <summary>Where <see cref="CweNames"/> came from (catalogue and version), for "not run" and report texts.</summary>
    public string? CweSource { get; init; }

    /// <summary>IANA language subtag registry for 6.1.12 / 6.1.14 / 6.2.x / 6.3.x. Null when not available.</summary>
    public ILanguageRegistry? Languages { get; init; }

    /// <summary>Spell checker for 6.3.8. Null when none is installed.</summary>
    public ISpellChecker? SpellChecker { get; init; }

    /// <summary>No outside data at all: the tests that need it report "not run".</summary>
    public static CsafReferenceData None { get; } = new();

    /// <summary>The data that ships with this library, loaded once; see <see cref="CsafReferenceDataLoader"/>.</summary>
    public static CsafReferenceData Default => CsafReferenceDataLoader.Default.Value;
}

/// <summary>The IANA language subtag registry (BCP 47, RFC 5646) as far as CSAF's language tests need it.</summary>
public interface ILanguageRegistry
{
    /// <summary>Registry version, its <c>File-Date</c> (e.g. <c>2025-08-25</c>).</summary>
    string FileDate { get; }

    /// <summary>
    /// True when every subtag of <paramref name="tag"/> is registered for its position (language, extlang, script,
    /// region, variant; private use <c>x-</c> parts and extensions accepted as RFC 5646 allows) or the tag is a registered
    /// grandfathered/redundant tag. Case-insensitive.
    /// </summary>
    bool IsValidTag(string tag);

    /// <summary>True when the tag contains a subtag reserved for private use (6.2.14): language <c>qaa</c>–<c>qtz</c>, script
    /// <c>Qaaa</c>–<c>Qabx</c>, region <c>AA</c>, <c>QM</c>–<c>QZ</c>, <c>XA</c>–<c>XZ</c>, <c>ZZ</c>, or an <c>x-</c> sequence.</summary>
    bool IsPrivateUse(string tag);
}

/// <summary>A spell checker for 6.3.8. A real seam: hunspell run as a process, or none.</summary>
public interface ISpellChecker
{
    /// <summary>Whether a dictionary for <paramref name="language"/> (a BCP 47 tag such as <c>en</c> or <c>nl-NL</c>) is installed.</summary>
    bool Supports(string language);

    /// <summary>The misspelled words of <paramref name="text"/> in <paramref name="language"/>, in order, each once.</summary>
    /// <exception cref="InvalidOperationException">The checker failed to run (the message says why).</exception>
    IReadOnlyList<string> Misspelled(string text, string language);
}
