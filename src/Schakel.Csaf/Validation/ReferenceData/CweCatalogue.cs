using System.IO.Compression;

namespace Schakel.Csaf.Validation.ReferenceData;

/// <summary>
/// MITRE's CWE catalogue as far as CSAF 2.0 section 6.1.11 needs it: each entry's id as CSAF writes it (<c>CWE-79</c>),
/// kind (<c>weakness</c>, <c>category</c> or <c>view</c>) and name, exactly as the catalogue spells it.
/// </summary>
/// <param name="Version">The catalogue's version and date, e.g. <c>CWE Version 4.15, Date 2024-07-16 (The MITRE Corporation)</c>.</param>
/// <param name="Names">CWE id to name, ordinal keys.</param>
/// <param name="Kinds">CWE id to kind.</param>
public sealed record CweCatalogue(string Version, IReadOnlyDictionary<string, string> Names, IReadOnlyDictionary<string, string> Kinds)
{
    /// <summary>
    /// Reads the gzip'ed TSV that <c>tools/update-csaf-data.sh</c> writes: comment lines (<c>#</c>; the first is the
    /// version), then <c>CWE-ID TAB kind TAB name</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The data is not in that shape.</exception>
    public static CweCatalogue Load(Stream gzipTsv)
    {
        using var reader = new StreamReader(new GZipStream(gzipTsv, CompressionMode.Decompress), System.Text.Encoding.UTF8);
        return Parse(reader);
    }

    /// <summary>Reads the (uncompressed) TSV described at <see cref="Load"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not in that shape, is empty or repeats an id.</exception>
    public static CweCatalogue Parse(TextReader tsv)
    {
        string? version = null;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var line = tsv.ReadLine(); line is not null; line = tsv.ReadLine())
        {
            if (line.StartsWith('#'))
            {
                version ??= line.TrimStart('#', ' ');
                continue;
            }

            if (line.Length == 0) continue;
            var cells = line.Split('\t');
            if (cells.Length != 3 || !cells[0].StartsWith("CWE-", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Bad CWE catalogue line: '{line}'.");
            }

            if (!names.TryAdd(cells[0], cells[2])) throw new InvalidDataException($"CWE catalogue lists {cells[0]} twice.");
            kinds[cells[0]] = cells[1];
        }

        if (names.Count == 0 || version is null) throw new InvalidDataException("The CWE catalogue is empty or has no version line.");
        return new CweCatalogue(version, names, kinds);
    }
}
