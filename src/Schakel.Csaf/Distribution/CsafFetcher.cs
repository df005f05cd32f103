using System.Net;
using System.Net.Http.Headers;

namespace Schakel.Csaf.Distribution;

/// <summary>
/// HTTP GET with the downloader's rules: https only (http on loopback addresses, for tests), a size limit on every body,
/// a timeout per request, redirects followed by hand so that one leaving the provider's origin is refused (or, when
/// allowed, reported), and the Bearer token sent only to the provider's origin.
/// </summary>
internal sealed class CsafFetcher(HttpClient http, CsafDownloaderOptions options, Uri origin, string? bearerToken, Action<string> warn)
{
    /// <summary>The scheme, host and port everything is expected to come from.</summary>
    public Uri Origin { get; } = new(origin.GetLeftPart(UriPartial.Authority));

    /// <summary>True when <paramref name="url"/> has the provider's scheme, host and port.</summary>
    public bool IsSameOrigin(Uri url) => Uri.Compare(url, Origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Checks a URL taken from a remote listing before it is fetched; throws <see cref="CsafFetchException"/> (Forbidden).</summary>
    public void CheckAllowed(Uri url)
    {
        if (!IsAllowedScheme(url)) throw new CsafFetchException(url, CsafFetchError.Forbidden, $"{url}: only https is used (http only on 127.0.0.1, ::1 or localhost).");
        if (IsSameOrigin(url)) return;
        if (!options.AllowOtherOrigins) throw new CsafFetchException(url, CsafFetchError.Forbidden, $"{url}: not on the provider's origin {Origin}; refused (allow other origins to follow it).");
        warn($"{url}: fetched from another origin than the provider's ({Origin}).");
    }

    /// <summary>True for https, and for http on a loopback host.</summary>
    public static bool IsAllowedScheme(Uri url) =>
        url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback);

    /// <summary>Fetches <paramref name="url"/>; the body is at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="CsafFetchException">Any failure: not found, refused, too large, forbidden, transient.</exception>
    public async Task<byte[]> GetAsync(Uri url, long maxBytes, CancellationToken ct)
    {
        CheckAllowed(url);
        var current = url;
        for (var hop = 0; ; hop++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.RequestTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                // The token is for the provider only; never hand it to another origin.
                if (bearerToken is not null && IsSameOrigin(current)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                // A client that follows redirects itself: check where it ended up.
                if (response.RequestMessage?.RequestUri is { } final && final != current) CheckAllowed(final);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= options.MaxRedirects) throw new CsafFetchException(url, CsafFetchError.Forbidden, $"{url}: more than {options.MaxRedirects} redirects.");
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    CheckAllowed(next);
                    current = next;
                    continue;
                }

                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                    throw new CsafFetchException(url, CsafFetchError.NotFound, $"{current}: not found ({status}).", response.StatusCode);
                if (status == 429 || status >= 500)
                    throw new CsafFetchException(url, CsafFetchError.Transient, $"{current}: the server answered {status}.", response.StatusCode);
                if (status is 401 or 403)
                    throw new CsafFetchException(url, CsafFetchError.Refused, $"{current}: access refused ({status}){(bearerToken is null ? "; a token may be needed" : "")}.", response.StatusCode);
                if (!response.IsSuccessStatusCode)
                    throw new CsafFetchException(url, CsafFetchError.Refused, $"{current}: the server answered {status}.", response.StatusCode);
                if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
                    throw new CsafFetchException(url, CsafFetchError.TooLarge, $"{current}: {length} bytes is over the limit of {maxBytes} bytes.");
                return await ReadLimitedAsync(response.Content, current, maxBytes, timeout.Token);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new CsafFetchException(url, CsafFetchError.Transient, $"{current}: no complete answer within {options.RequestTimeout.TotalSeconds:0} s.", null, e);
            }
            catch (HttpRequestException e)
            {
                throw new CsafFetchException(url, CsafFetchError.Transient, $"{current}: {e.Message}", e.StatusCode, e);
            }
            catch (IOException e)
            {
                throw new CsafFetchException(url, CsafFetchError.Transient, $"{current}: connection broken while reading ({e.Message}).", null, e);
            }
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, Uri url, long maxBytes, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw new CsafFetchException(url, CsafFetchError.TooLarge, $"{url}: more than the limit of {maxBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
