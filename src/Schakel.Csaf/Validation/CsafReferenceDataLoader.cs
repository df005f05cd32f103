namespace Schakel.Csaf.Validation;

/// <summary>Loads the outside data that ships with this library (embedded resources) and finds a spell checker.</summary>
internal static class CsafReferenceDataLoader
{
    // Filled in by the reference-data part: CWE catalogue and IANA registry from embedded resources, hunspell from PATH.
    public static readonly Lazy<CsafReferenceData> Default = new(() => CsafReferenceData.None, LazyThreadSafetyMode.ExecutionAndPublication);
}
