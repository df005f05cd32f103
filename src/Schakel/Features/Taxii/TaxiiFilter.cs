using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Schakel.Stix;

namespace Schakel.Features.Taxii;

/// <summary>
/// The URL filtering parameters of TAXII 2.1 sections 3.4 and 3.5: <c>added_after</c> (Unix microseconds, exclusive),
/// <c>limit</c>, <c>next</c> (the last sequence returned), <c>match[id]</c>, <c>match[type]</c>, <c>match[version]</c>
/// (<c>last</c> by default, <c>first</c>, <c>all</c>, or STIX timestamps compared by instant) and <c>match[spec_version]</c>.
/// </summary>
public sealed record TaxiiFilter
{
    public long? AddedAfterMicros { get; init; }
    public int Limit { get; init; }

    /// <summary>The last sequence the previous page returned (0: after Schakel's extension definition), null on the first page.</summary>
    public long? After { get; init; }
    public IReadOnlyList<string> Ids { get; init; } = [];
    public IReadOnlyList<string> Types { get; init; } = [];
    public IReadOnlyList<string> SpecVersions { get; init; } = [];
    public bool Last { get; init; }
    public bool First { get; init; }
    public bool All { get; init; }

    /// <summary>Specific versions as <see cref="StixTimestamp.SortKey"/> values.</summary>
    public IReadOnlyList<string> VersionKeys { get; init; } = [];

    /// <summary>Specific versions as Unix microseconds, for unversioned objects whose version is their <c>date_added</c>.</summary>
    public IReadOnlyList<long> VersionMicros { get; init; } = [];

    /// <summary>The hash of everything but <c>limit</c> and <c>next</c>, kept in the <c>next</c> token so that it is refused with other filters.</summary>
    public string Hash { get; init; } = "";

    /// <summary>True when a version is picked by keyword or timestamp other than the plain default (<c>last</c> only).</summary>
    public bool OnlyLast => Last && !First && !All && VersionKeys.Count == 0;

    /// <summary>The <c>next</c> token after a page whose last row had this sequence.</summary>
    public string NextToken(long sequence) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{sequence.ToString(CultureInfo.InvariantCulture)}.{Hash}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Reads the filters. <paramref name="allowedMatch"/> lists the match fields the endpoint takes (TAXII 2.1 section 5:
    /// get an object takes only <c>version</c> and <c>spec_version</c>); <paramref name="scope"/> (collection, endpoint,
    /// object id) goes into the hash. Returns an error message for anything malformed (the endpoint answers 400).
    /// </summary>
    public static TaxiiFilter? Parse(IQueryCollection query, string scope, IReadOnlySet<string> allowedMatch, string defaultVersion, int defaultLimit, int maxLimit, out string? error)
    {
        error = null;
        var filter = new TaxiiFilter();
        var canonical = new StringBuilder(scope);
        foreach (var (key, values) in query.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            if (!key.StartsWith("match[", StringComparison.Ordinal)) continue;
            var field = key.EndsWith(']') ? key[6..^1] : "";
            if (!allowedMatch.Contains(field))
            {
                error = $"The filter {key} is not supported here; supported: {string.Join(", ", allowedMatch.Select(f => $"match[{f}]"))}.";
                return null;
            }
        }

        List<string> List(string field) => query[$"match[{field}]"].SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

        var ids = List("id");
        var types = List("type");
        var specs = List("spec_version");
        var versions = List("version");
        if (versions.Count == 0) versions.Add(defaultVersion);
        if (versions.Count != versions.Distinct(StringComparer.Ordinal).Count())
        {
            error = "match[version] must not repeat a value (TAXII 2.1 section 3.4.1).";
            return null;
        }

        bool last = false, first = false, all = false;
        var keys = new List<string>();
        var micros = new List<long>();
        foreach (var v in versions)
        {
            switch (v)
            {
                case "last": last = true; break;
                case "first": first = true; break;
                case "all": all = true; break;
                default:
                    if (!StixTimestamp.TryParse(v, out var t))
                    {
                        error = $"match[version]: '{v}' is neither last, first, all nor a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z).";
                        return null;
                    }

                    keys.Add(t.SortKey);
                    micros.Add(MicrosOf(t));
                    break;
            }
        }

        if (all && versions.Count > 1)
        {
            error = "match[version]=all must not be combined with other versions (TAXII 2.1 section 3.4.1).";
            return null;
        }

        long? addedAfter = null;
        if (query.TryGetValue("added_after", out var aa) && aa.Count > 0)
        {
            if (aa.Count > 1 || !StixTimestamp.TryParse(aa[0], out var t))
            {
                error = "added_after must be one STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z).";
                return null;
            }

            addedAfter = MicrosOf(t);
        }

        var limit = defaultLimit;
        if (query.TryGetValue("limit", out var l) && l.Count > 0)
        {
            // Any positive integer is a valid limit (TAXII 2.1 section 3.4.2); the server pages at its own maximum, also for
            // numbers too large for an int.
            if (l.Count > 1 || !System.Numerics.BigInteger.TryParse(l[0], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) || asked < 1)
            {
                error = "limit must be one positive integer.";
                return null;
            }

            limit = (int)System.Numerics.BigInteger.Min(asked, maxLimit);
        }

        foreach (var part in new[] { ("id", ids), ("type", types), ("spec", specs), ("version", versions) })
            canonical.Append('|').Append(part.Item1).Append('=').AppendJoin(',', part.Item2.Order(StringComparer.Ordinal));
        canonical.Append("|after=").Append(addedAfter);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..16];

        long? after = null;
        if (query.TryGetValue("next", out var n) && n.Count > 0)
        {
            if (n.Count > 1 || !TryReadToken(n[0], out var seq, out var tokenHash) || tokenHash != hash)
            {
                error = "next is not a token this server gave for these filters; send the same filters as the first request.";
                return null;
            }

            after = seq;
        }

        return filter with
        {
            AddedAfterMicros = addedAfter,
            Limit = limit,
            After = after,
            Ids = ids,
            Types = types,
            SpecVersions = specs,
            Last = last,
            First = first,
            All = all,
            VersionKeys = keys,
            VersionMicros = micros,
            Hash = hash,
        };
    }

    /// <summary>A STIX timestamp as Unix microseconds, digits beyond microseconds cut off (so <c>&gt;</c> stays exact for whole microseconds).</summary>
    public static long MicrosOf(StixTimestamp t)
    {
        var seconds = new DateTimeOffset(t.Seconds, TimeSpan.Zero).ToUnixTimeSeconds();
        var fraction = t.Fraction.Length == 0 ? 0 : long.Parse(t.Fraction.PadRight(6, '0')[..6], CultureInfo.InvariantCulture);
        return seconds * 1_000_000 + fraction;
    }

    private static bool TryReadToken(string? token, out long sequence, out string hash)
    {
        sequence = 0;
        hash = "";
        try
        {
            var b64 = (token ?? "").Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(b64));
            var dot = text.IndexOf('.');
            if (dot <= 0 || !long.TryParse(text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out sequence)) return false;
            hash = text[(dot + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
