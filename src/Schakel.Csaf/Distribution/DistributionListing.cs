using System.Globalization;
using System.Text;

namespace Schakel.Csaf.Distribution;

/// <summary>One document listed by a distribution: where it is, when it last changed (null from <c>index.txt</c>), and its hash and signature URLs.</summary>
/// <param name="Url">Absolute URL of the document.</param>
/// <param name="Changed">The listing's timestamp (UTC): <c>changes.csv</c>'s second column or the ROLIE entry's <c>updated</c>.</param>
/// <param name="Sha256Url">Where the SHA-256 file is; by default the document URL + <c>.sha256</c>.</param>
/// <param name="Sha512Url">Where the SHA-512 file is; by default the document URL + <c>.sha512</c>.</param>
/// <param name="SignatureUrl">Where the detached OpenPGP signature is; by default the document URL + <c>.asc</c>.</param>
public sealed record CsafListedDocument(Uri Url, DateTimeOffset? Changed, Uri? Sha256Url, Uri? Sha512Url, Uri? SignatureUrl)
{
    /// <summary>The directory convention (CSAF 2.0 sections 7.1.18, 7.1.19): hashes and signature beside the document.</summary>
    public static CsafListedDocument Beside(Uri url, DateTimeOffset? changed) =>
        new(url, changed, new Uri(url + ".sha256"), new Uri(url + ".sha512"), new Uri(url + ".asc"));
}

/// <summary>
/// Parsers of the directory distribution's listings (CSAF 2.0 sections 7.1.13 <c>index.txt</c> and 7.1.14 <c>changes.csv</c>),
/// accepting real-world quirks with a warning: unquoted CSV fields, and paths relative to the repository root rather than
/// to the directory (CISA's <c>csaf_files/OT/white/2024/…</c> listed inside <c>…/csaf_files/OT/white/</c>).
/// </summary>
public static class DistributionListing
{
    /// <summary>
    /// Parses <c>changes.csv</c>: lines <c>"PATH","TIMESTAMP"</c> (quoted per the specification, unquoted accepted).
    /// Lines that cannot be read are skipped with a warning. Timestamps are returned in UTC.
    /// </summary>
    public static IReadOnlyList<(string Path, DateTimeOffset Changed)> ParseChangesCsv(byte[] content, ICollection<string> warnings)
    {
        var result = new List<(string, DateTimeOffset)>();
        var unquoted = 0;
        var lineNumber = 0;
        foreach (var raw in Lines(content))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var fields = SplitCsv(line, out var quoted);
            if (!quoted) unquoted++;
            if (fields.Count != 2 || fields[0].Length == 0
                || !DateTimeOffset.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var changed))
            {
                warnings.Add($"changes.csv line {lineNumber}: not \"path\",\"timestamp\"; skipped.");
                continue;
            }

            result.Add((fields[0], changed.ToUniversalTime()));
        }

        if (unquoted > 0) warnings.Add($"changes.csv: {unquoted} line(s) with unquoted fields (the specification asks for quotes); read anyway.");
        return result;
    }

    /// <summary>Parses <c>index.txt</c>: one path per line, blank lines ignored.</summary>
    public static IReadOnlyList<string> ParseIndexTxt(byte[] content) =>
        Lines(content).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>
    /// Resolves a listed path against the directory URL. A path that repeats the directory's own trailing folders
    /// (CISA lists <c>csaf_files/OT/white/2024/x.json</c> in <c>/csaf_files/OT/white/</c>) is read relative to the folder
    /// it names, and <paramref name="repositoryRelative"/> is set so the caller can warn. Returns null for a path that is
    /// absolute (a URL or starting with '/') yet malformed.
    /// </summary>
    public static Uri? Resolve(Uri directory, string path, out bool repositoryRelative)
    {
        repositoryRelative = false;
        path = path.Replace('\\', '/');
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)) return absolute;
        if (path.StartsWith('/')) return Uri.TryCreate(directory, path, out var rooted) ? rooted : null;

        var dirSegments = directory.AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathSegments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // The longest run of the directory's last folders that the path starts with.
        for (var k = Math.Min(dirSegments.Length, pathSegments.Length - 1); k > 0; k--)
        {
            if (!dirSegments[^k..].SequenceEqual(pathSegments[..k], StringComparer.Ordinal)) continue;
            repositoryRelative = true;
            path = string.Join('/', pathSegments[k..]);
            break;
        }

        return Uri.TryCreate(directory, path, out var resolved) ? resolved : null;
    }

    private static IEnumerable<string> Lines(byte[] content)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(content).TrimStart('\uFEFF'));
        while (reader.ReadLine() is { } line) yield return line;
    }

    // A few lines by hand rather than a CSV library: the downloader must know per line whether the fields were quoted,
    // to report the unquoted-CSV quirk, and changes.csv has exactly two fields.
    /// <summary>Splits one CSV line (RFC 4180 quoting, doubled quotes inside quotes). <paramref name="allQuoted"/>: every field was quoted.</summary>
    private static List<string> SplitCsv(string line, out bool allQuoted)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        allQuoted = true;
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                while (i < line.Length && line[i] != ',') i++;
            }
            else
            {
                allQuoted = false;
                while (i < line.Length && line[i] != ',') field.Append(line[i++]);
            }

            fields.Add(field.ToString().Trim());
            if (i >= line.Length) break;
            i++; // the comma
        }

        return fields;
    }
}
