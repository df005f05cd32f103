using Schakel.Csaf.Validation.ReferenceData;

namespace Schakel.Csaf.Validation;

/// <summary>
/// Loads the outside data that ships with this library and finds a spell checker: the IANA language subtag registry and
/// MITRE's CWE catalogue from embedded resources (made by <c>tools/update-csaf-data.sh</c>; notices in
/// <c>Data/NOTICE.md</c>), and <c>hunspell</c> from <c>PATH</c>. A source that cannot be loaded stays null, and the
/// tests that need it report "not run" with <see cref="Unavailable"/>'s reason.
/// </summary>
internal static class CsafReferenceDataLoader
{
    internal const string LanguageResource = "Schakel.Csaf.Data.language-subtag-registry.tsv.gz";
    internal const string CweResource = "Schakel.Csaf.Data.cwe-catalogue.tsv.gz";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal);

    public static readonly Lazy<CsafReferenceData> Default = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Why a source of <see cref="Default"/> is missing (<c>languages</c>, <c>cwe</c> or <c>spell-checker</c>), or null when
    /// it loaded. Loads the default data first.
    /// </summary>
    public static string? Unavailable(string source)
    {
        _ = Default.Value;
        lock (Reasons) return Reasons.GetValueOrDefault(source);
    }

    private static CsafReferenceData Load()
    {
        var languages = Try("languages", () => IanaLanguageRegistry.Load(Open(LanguageResource)));
        var cwe = Try("cwe", () => CweCatalogue.Load(Open(CweResource)));
        var spellChecker = HunspellSpellChecker.TryCreate(out var why);
        if (why is not null) Note("spell-checker", why);
        return new CsafReferenceData
        {
            Languages = languages,
            CweNames = cwe?.Names,
            CweSource = cwe is null ? null : "MITRE " + cwe.Version,
            SpellChecker = spellChecker,
        };
    }

    internal static Stream Open(string resource) =>
        typeof(CsafReferenceDataLoader).Assembly.GetManifestResourceStream(resource)
        ?? throw new InvalidDataException($"Embedded resource '{resource}' is missing from the build.");

    private static T? Try<T>(string source, Func<T> load)
        where T : class
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A broken build must show as "not run" on the tests that need the data, never as "passed".
            Note(source, $"{source} data could not be loaded: {e.Message}");
            return null;
        }
    }

    private static void Note(string source, string reason)
    {
        lock (Reasons) Reasons[source] = reason;
    }
}
