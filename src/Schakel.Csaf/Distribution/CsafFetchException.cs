using System.Net;

namespace Schakel.Csaf.Distribution;

/// <summary>Why a fetch failed.</summary>
public enum CsafFetchError
{
    /// <summary>404 or 410: the file is not there.</summary>
    NotFound,

    /// <summary>Another 4xx (401/403: authentication needed or refused).</summary>
    Refused,

    /// <summary>Over the size limit (by Content-Length or by the bytes read).</summary>
    TooLarge,

    /// <summary>A redirect or URL off the provider's origin, or a scheme other than https (http only on loopback).</summary>
    Forbidden,

    /// <summary>Connection error, timeout, 5xx or 429: worth trying again later.</summary>
    Transient,
}

/// <summary>A fetch that did not give a body. <see cref="Error"/> says whether trying again later could help.</summary>
public sealed class CsafFetchException(Uri url, CsafFetchError error, string message, HttpStatusCode? status = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The URL asked for.</summary>
    public Uri Url { get; } = url;

    /// <summary>The kind of failure.</summary>
    public CsafFetchError Error { get; } = error;

    /// <summary>The HTTP status, when the server answered.</summary>
    public HttpStatusCode? Status { get; } = status;
}
