using System.IO.Compression;

namespace Schakel.Csaf.Validation.ReferenceData;

/// <summary>
/// The IANA Language Subtag Registry (RFC 5646 section 3) and the "valid tag" check of RFC 5646 section 2.2.9:
/// a tag is valid when it is well-formed (the <c>langtag</c>, <c>privateuse</c> or <c>grandfathered</c> production of
/// section 2.1), every subtag is registered for its position (language, at most one extlang, script, region, variants),
/// no variant and no extension singleton repeats; extension and private use subtags are not registry-checked, as the
/// RFC allows. All comparisons ignore case. Immutable and thread-safe once built.
/// </summary>
public sealed class IanaLanguageRegistry : ILanguageRegistry
{
    private readonly Dictionary<string, HashSet<string>> subtags = new(StringComparer.Ordinal);
    private readonly HashSet<string> privateUse = new(StringComparer.Ordinal);
    private readonly HashSet<string> wholeTags = new(StringComparer.Ordinal);

    private IanaLanguageRegistry(string fileDate) => FileDate = fileDate;

    /// <inheritdoc />
    public string FileDate { get; }

    /// <summary>Number of registered subtags and tags, ranges expanded (about 9,000 for the 2025 registry).</summary>
    public int Count => subtags.Values.Sum(s => s.Count) + wholeTags.Count;

    /// <summary>
    /// Reads the gzip'ed TSV that <c>tools/update-csaf-data.sh</c> writes: comment lines (<c>#</c>; the first names the
    /// <c>File-Date</c>), then <c>Type TAB Subtag-or-Tag TAB [private-use]</c>, ranges written <c>qaa..qtz</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The data is not in that shape.</exception>
    public static IanaLanguageRegistry Load(Stream gzipTsv)
    {
        using var reader = new StreamReader(new GZipStream(gzipTsv, CompressionMode.Decompress), System.Text.Encoding.UTF8);
        return Parse(reader);
    }

    /// <summary>Reads the (uncompressed) TSV described at <see cref="Load"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not in that shape, or has no File-Date.</exception>
    public static IanaLanguageRegistry Parse(TextReader tsv)
    {
        const string DateMarker = "File-Date: ";
        string? fileDate = null;
        var rows = new List<string[]>();
        for (var line = tsv.ReadLine(); line is not null; line = tsv.ReadLine())
        {
            if (line.StartsWith('#'))
            {
                var at = line.IndexOf(DateMarker, StringComparison.Ordinal);
                if (at >= 0 && fileDate is null) fileDate = line[(at + DateMarker.Length)..].Trim();
                continue;
            }

            if (line.Length > 0) rows.Add(line.Split('\t'));
        }

        var registry = new IanaLanguageRegistry(fileDate ?? throw new InvalidDataException("The language subtag registry has no File-Date line."));
        foreach (var row in rows)
        {
            if (row.Length < 2) throw new InvalidDataException($"Bad language subtag registry line: '{string.Join('\t', row)}'.");
            registry.Add(row[0], row[1].ToLowerInvariant(), row.Length > 2 && row[2] == "private-use");
        }

        if (registry.Count == 0) throw new InvalidDataException("The language subtag registry is empty.");
        return registry;
    }

    private void Add(string type, string value, bool isPrivateUse)
    {
        if (type is "grandfathered" or "redundant")
        {
            wholeTags.Add(value);
            return;
        }

        if (!subtags.TryGetValue(type, out var set)) subtags[type] = set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subtag in Expand(value))
        {
            set.Add(subtag);
            if (isPrivateUse) privateUse.Add(type + ":" + subtag);
        }
    }

    /// <summary>Expands a range such as <c>qaa..qtz</c> (same length, counting in base 26/10 per position) into its members.</summary>
    private static IEnumerable<string> Expand(string value)
    {
        var dots = value.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            yield return value;
            yield break;
        }

        var from = value[..dots].ToCharArray();
        var to = value[(dots + 2)..];
        if (from.Length != to.Length) throw new InvalidDataException($"Bad range '{value}' in the language subtag registry.");
        while (true)
        {
            var current = new string(from);
            yield return current;
            if (string.CompareOrdinal(current, to) >= 0) yield break;
            for (var i = from.Length - 1; i >= 0; i--)
            {
                if (from[i] != 'z' && from[i] != '9')
                {
                    from[i]++;
                    break;
                }

                from[i] = char.IsDigit(from[i]) ? '0' : 'a';
            }
        }
    }

    /// <inheritdoc />
    public bool IsValidTag(string tag)
    {
        if (string.IsNullOrEmpty(tag)) return false;
        var lower = tag.ToLowerInvariant();
        if (wholeTags.Contains(lower)) return true;
        return Parse(lower) is { } parts && parts.All(p => p.Kind is Kind.Extension or Kind.PrivateUse || Has(p.Kind, p.Value));
    }

    /// <summary>
    /// True when the tag contains a subtag reserved for private use (CSAF 2.0 section 6.2.14): a language in
    /// <c>qaa..qtz</c>, a script in <c>Qaaa..Qabx</c>, a region <c>AA</c>, <c>QM..QZ</c>, <c>XA..XZ</c> or <c>ZZ</c>, or an
    /// <c>x-</c> private use sequence (including a tag that is private use as a whole). False for a tag that is not well-formed.
    /// </summary>
    public bool IsPrivateUse(string tag)
    {
        if (string.IsNullOrEmpty(tag)) return false;
        return Parse(tag.ToLowerInvariant()) is { } parts
            && parts.Any(p => p.Kind == Kind.PrivateUse || privateUse.Contains(KindName(p.Kind) + ":" + p.Value));
    }

    private bool Has(Kind kind, string value) => subtags.TryGetValue(KindName(kind), out var set) && set.Contains(value);

    private static string KindName(Kind kind) => kind.ToString().ToLowerInvariant();

    private enum Kind { Language, Extlang, Script, Region, Variant, Extension, PrivateUse }

    private readonly record struct Part(Kind Kind, string Value);

    /// <summary>
    /// Splits a lower-case tag by the <c>langtag</c> / <c>privateuse</c> productions of RFC 5646 section 2.1, or null when it
    /// is not well-formed or repeats a variant or singleton (which section 2.2.9 makes invalid). Extension parts are kept
    /// whole (<c>u-co-phonebk</c>), as is the private use sequence.
    /// </summary>
    private static List<Part>? Parse(string tag)
    {
        var s = tag.Split('-');
        if (s.Any(p => p.Length is 0 or > 8 || !p.All(char.IsAsciiLetterOrDigit))) return null;
        var parts = new List<Part>();
        var i = 0;
        if (s[0] == "x") return s.Length > 1 ? [new Part(Kind.PrivateUse, tag)] : null;
        if (!IsAlpha(s[0]) || s[0].Length < 2) return null; // 1-letter starts are x- (above) or grandfathered (whole tags)
        parts.Add(new Part(Kind.Language, s[i++]));
        if (s[0].Length <= 3)
        {
            // extlang: up to three by the grammar, but the second and third positions are permanently reserved (RFC 5646 2.2.2).
            var extlangs = 0;
            while (i < s.Length && s[i].Length == 3 && IsAlpha(s[i]) && extlangs < 3)
            {
                parts.Add(new Part(Kind.Extlang, s[i++]));
                extlangs++;
            }

            if (extlangs > 1) return null;
        }

        if (i < s.Length && s[i].Length == 4 && IsAlpha(s[i])) parts.Add(new Part(Kind.Script, s[i++]));
        if (i < s.Length && (s[i].Length == 2 && IsAlpha(s[i]) || s[i].Length == 3 && s[i].All(char.IsAsciiDigit))) parts.Add(new Part(Kind.Region, s[i++]));
        var variants = new HashSet<string>(StringComparer.Ordinal);
        while (i < s.Length && (s[i].Length >= 5 || s[i].Length == 4 && char.IsAsciiDigit(s[i][0])))
        {
            if (!variants.Add(s[i])) return null;
            parts.Add(new Part(Kind.Variant, s[i++]));
        }

        var singletons = new HashSet<char>();
        while (i < s.Length && s[i].Length == 1 && s[i] != "x")
        {
            var start = i++;
            while (i < s.Length && s[i].Length >= 2) i++;
            if (i == start + 1 || !singletons.Add(s[start][0])) return null;
            parts.Add(new Part(Kind.Extension, string.Join('-', s[start..i])));
        }

        if (i < s.Length && s[i] == "x")
        {
            if (i == s.Length - 1) return null;
            parts.Add(new Part(Kind.PrivateUse, string.Join('-', s[i..])));
            i = s.Length;
        }

        return i == s.Length ? parts : null;
    }

    private static bool IsAlpha(string s) => s.All(char.IsAsciiLetter);
}
