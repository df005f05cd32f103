using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Schakel.Stix.Taxii;

/// <summary>Limits and identity of a <see cref="TaxiiClient"/>.</summary>
public sealed class TaxiiClientOptions
{
    /// <summary>Timeout of one HTTP request (headers and body), default 60 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest response body read, in bytes (default 256 MiB, DESIGN.md section 3a); larger answers fail before parsing.</summary>
    public long MaxResponseBytes { get; init; } = StixBundleReader.DefaultMaxBytes;

    /// <summary>Redirects followed per request, only on the same origin (scheme, host, port); default 5.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>The <c>User-Agent</c> sent (TAXII 2.1 section 8.4.1 asks clients to name themselves).</summary>
    public string UserAgent { get; init; } = "Schakel-TAXII-client/1.0";
}

/// <summary>Credentials for a TAXII server (TAXII 2.1 section 1.6.9): HTTP Basic (RFC 7617) or a bearer token.</summary>
public sealed class TaxiiCredentials
{
    private TaxiiCredentials(AuthenticationHeaderValue header) => Header = header;

    /// <summary>The <c>Authorization</c> header value.</summary>
    public AuthenticationHeaderValue Header { get; }

    /// <summary>HTTP Basic with a user name and password (TAXII 2.1 section 8.5.1: every client must support it).</summary>
    public static TaxiiCredentials Basic(string user, string password) =>
        new(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password))));

    /// <summary>A bearer token (RFC 6750), as Schakel's API tokens are sent.</summary>
    public static TaxiiCredentials Bearer(string token) => new(new AuthenticationHeaderValue("Bearer", token));

    /// <summary>Basic when <paramref name="user"/> is given (token as the password), else Bearer; null without a token.</summary>
    public static TaxiiCredentials? From(string? token, string? user = null) =>
        string.IsNullOrEmpty(token) ? null : string.IsNullOrEmpty(user) ? Bearer(token) : Basic(user, token);
}

/// <summary>
/// A failed TAXII request: the HTTP status (null when no answer came: network error, timeout), the TAXII error message the
/// server sent (TAXII 2.1 section 3.6.1) when there was one, and whether trying again later may succeed.
/// </summary>
public sealed class TaxiiException(string message, Uri? url, HttpStatusCode? status = null, TaxiiError? error = null, Exception? inner = null)
    : Exception(message, inner)
{
    public Uri? Url { get; } = url;
    public HttpStatusCode? Status { get; } = status;
    public TaxiiError? Error { get; } = error;

    /// <summary>True for network errors, timeouts, 408, 429 and 5xx: a later attempt may succeed.</summary>
    public bool IsTransient => Status is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)Status >= 500;
}

/// <summary>
/// Filters of the objects, manifest and versions endpoints (TAXII 2.1 section 3.4). Timestamps are passed as text, exactly
/// as the server wrote them (<c>X-TAXII-Date-Added-Last</c>), so that no precision is lost. Lists are joined with commas.
/// </summary>
public sealed record TaxiiQuery
{
    /// <summary><c>added_after</c>: a TAXII timestamp (section 3.4), sent as given.</summary>
    public string? AddedAfter { get; init; }

    /// <summary><c>limit</c>: positive.</summary>
    public int? Limit { get; init; }

    /// <summary><c>next</c>: the opaque value of the previous envelope (section 3.5).</summary>
    public string? Next { get; init; }

    public IReadOnlyList<string>? MatchId { get; init; }
    public IReadOnlyList<string>? MatchType { get; init; }

    /// <summary><c>match[version]</c>: <c>last</c> (the server's default), <c>first</c>, <c>all</c> or timestamps.</summary>
    public IReadOnlyList<string>? MatchVersion { get; init; }
    public IReadOnlyList<string>? MatchSpecVersion { get; init; }

    /// <summary>The query string (with a leading <c>?</c>, empty when there are no filters).</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null) parts.Add(name + "=" + Uri.EscapeDataString(value));
        }

        Add("added_after", AddedAfter);
        if (Limit is { } l)
        {
            if (l <= 0) throw new ArgumentOutOfRangeException(nameof(Limit), "limit must be positive (TAXII 2.1 section 3.4).");
            Add("limit", l.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Add("next", Next);
        foreach (var (field, values) in new[] { ("id", MatchId), ("type", MatchType), ("version", MatchVersion), ("spec_version", MatchSpecVersion) })
            if (values is { Count: > 0 }) Add($"match[{field}]", string.Join(',', values));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

/// <summary>
/// One page of a collection's objects (TAXII 2.1 section 5.4): the objects as read (<see cref="Findings"/> for entries that
/// are not STIX objects), <c>more</c>/<c>next</c>, and the <c>X-TAXII-Date-Added-First/Last</c> headers exactly as sent
/// (null when absent). <see cref="Body"/> is the envelope as received.
/// </summary>
public sealed record TaxiiObjectsPage(bool More, string? Next, IReadOnlyList<StixObject> Objects, IReadOnlyList<StixFinding> Findings,
    string? DateAddedFirst, string? DateAddedLast, byte[] Body);

/// <summary>One page of a manifest (TAXII 2.1 section 5.3) with the date-added headers as sent.</summary>
public sealed record TaxiiManifestPage(TaxiiManifest Manifest, string? DateAddedFirst, string? DateAddedLast);

/// <summary>One page of an object's versions (TAXII 2.1 section 5.8) with the date-added headers as sent.</summary>
public sealed record TaxiiVersionsPage(TaxiiVersions Versions, string? DateAddedFirst, string? DateAddedLast);
