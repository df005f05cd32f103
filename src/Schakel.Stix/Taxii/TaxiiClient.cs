using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Schakel.Stix.Taxii;

/// <summary>
/// A TAXII 2.1 client (TAXII 2.1 section 8.4: a Collections Client) over an <see cref="HttpClient"/>. Every request sends
/// <c>Accept: application/taxii+json;version=2.1</c> (section 1.6.8) and the credentials given (section 1.6.9: Basic or
/// Bearer). Answers larger than <see cref="TaxiiClientOptions.MaxResponseBytes"/> and slower than
/// <see cref="TaxiiClientOptions.RequestTimeout"/> fail; redirects are followed only on the same origin, so credentials never
/// leave it. Errors become a <see cref="TaxiiException"/> carrying the server's TAXII error message (section 3.6.1).
/// The <see cref="HttpClient"/> should not follow redirects itself (<c>AllowAutoRedirect = false</c>).
/// </summary>
public sealed partial class TaxiiClient(HttpClient http, TaxiiCredentials? credentials = null, TaxiiClientOptions? options = null)
{
    private readonly TaxiiClientOptions _options = options ?? new TaxiiClientOptions();

    /// <summary>Discovery (TAXII 2.1 section 4.1): <c>GET /taxii2/</c>.</summary>
    public Task<TaxiiDiscovery> GetDiscoveryAsync(Uri discoveryUrl, CancellationToken ct = default) =>
        GetJsonAsync<TaxiiDiscovery>(Slash(discoveryUrl), ct);

    /// <summary>API root information (TAXII 2.1 section 4.2).</summary>
    public Task<TaxiiApiRoot> GetApiRootAsync(Uri apiRoot, CancellationToken ct = default) => GetJsonAsync<TaxiiApiRoot>(Slash(apiRoot), ct);

    /// <summary>
    /// The API root for a URL that is either a discovery URL or an API root (sections 4.1 and 4.2): an answer with
    /// <c>versions</c> is an API root; a discovery answer gives its <c>default</c>, else its only API root (relative URLs
    /// resolved against the discovery URL). Throws <see cref="TaxiiException"/> when neither applies.
    /// </summary>
    public async Task<Uri> ResolveApiRootAsync(Uri url, CancellationToken ct = default)
    {
        url = Slash(url);
        var (_, body, _) = await SendAsync(HttpMethod.Get, url, null, ct);
        using var doc = Parse(body, url);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("versions", out _)) return url;
        var discovery = root.Deserialize<TaxiiDiscovery>(TaxiiMediaTypes.Json);
        var chosen = discovery?.Default ?? (discovery?.ApiRoots is { Count: 1 } only ? only[0] : null);
        if (chosen is null)
            throw new TaxiiException($"{url} is a discovery resource with {discovery?.ApiRoots?.Count ?? 0} API roots and no default; give the API root URL.", url);
        return Slash(new Uri(url, chosen));
    }

    /// <summary>The collections of an API root (TAXII 2.1 section 5.1); empty when the server lists none.</summary>
    public async Task<IReadOnlyList<TaxiiCollection>> GetCollectionsAsync(Uri apiRoot, CancellationToken ct = default) =>
        (await GetJsonAsync<TaxiiCollections>(new Uri(Slash(apiRoot), "collections/"), ct)).Collections ?? [];

    /// <summary>One collection (TAXII 2.1 section 5.2).</summary>
    public Task<TaxiiCollection> GetCollectionAsync(Uri apiRoot, string collectionId, CancellationToken ct = default) =>
        GetJsonAsync<TaxiiCollection>(new Uri(CollectionUrl(apiRoot, collectionId, "")), ct);

    /// <summary>One page of objects (TAXII 2.1 section 5.4) with the filters of <paramref name="query"/> (section 3.4).</summary>
    public Task<TaxiiObjectsPage> GetObjectsAsync(Uri apiRoot, string collectionId, TaxiiQuery? query = null, CancellationToken ct = default) =>
        GetPageAsync(CollectionUrl(apiRoot, collectionId, "objects/") + (query ?? new()).ToQueryString(), ct);

    /// <summary>One object's versions as an envelope (TAXII 2.1 section 5.6; <c>match[version]</c> and the others apply).</summary>
    public Task<TaxiiObjectsPage> GetObjectAsync(Uri apiRoot, string collectionId, string objectId, TaxiiQuery? query = null, CancellationToken ct = default) =>
        GetPageAsync(CollectionUrl(apiRoot, collectionId, $"objects/{Uri.EscapeDataString(objectId)}/") + (query ?? new()).ToQueryString(), ct);

    /// <summary>
    /// Walks all pages (TAXII 2.1 section 3.5): after a page with <c>more</c>, the next request repeats the filters with
    /// the envelope's <c>next</c>, or, when the server gives none, with <c>added_after</c> = the page's
    /// <c>X-TAXII-Date-Added-Last</c>. Stops when <c>more</c> is false, a page is empty, or no way to continue is given.
    /// </summary>
    public async IAsyncEnumerable<TaxiiObjectsPage> GetAllObjectsAsync(Uri apiRoot, string collectionId, TaxiiQuery? query = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var q = query ?? new TaxiiQuery();
        while (true)
        {
            var page = await GetObjectsAsync(apiRoot, collectionId, q, ct);
            yield return page;
            if (!page.More || page.Objects.Count + page.Findings.Count == 0) yield break;
            if (page.Next is { Length: > 0 } next) q = q with { Next = next };
            else if (page.DateAddedLast is { } last && last != q.AddedAfter) q = q with { AddedAfter = last, Next = null };
            else yield break;
        }
    }

    /// <summary>One page of the manifest (TAXII 2.1 section 5.3).</summary>
    public async Task<TaxiiManifestPage> GetManifestAsync(Uri apiRoot, string collectionId, TaxiiQuery? query = null, CancellationToken ct = default)
    {
        var url = new Uri(CollectionUrl(apiRoot, collectionId, "manifest/") + (query ?? new()).ToQueryString());
        var (response, body, _) = await SendAsync(HttpMethod.Get, url, null, ct);
        return new TaxiiManifestPage(Deserialize<TaxiiManifest>(body, url), Header(response, "X-TAXII-Date-Added-First"), Header(response, "X-TAXII-Date-Added-Last"));
    }

    /// <summary>The versions of one object (TAXII 2.1 section 5.8).</summary>
    public async Task<TaxiiVersionsPage> GetVersionsAsync(Uri apiRoot, string collectionId, string objectId, TaxiiQuery? query = null, CancellationToken ct = default)
    {
        var url = new Uri(CollectionUrl(apiRoot, collectionId, $"objects/{Uri.EscapeDataString(objectId)}/versions/") + (query ?? new()).ToQueryString());
        var (response, body, _) = await SendAsync(HttpMethod.Get, url, null, ct);
        return new TaxiiVersionsPage(Deserialize<TaxiiVersions>(body, url), Header(response, "X-TAXII-Date-Added-First"), Header(response, "X-TAXII-Date-Added-Last"));
    }

    /// <summary>
    /// Adds objects (TAXII 2.1 section 5.5): POSTs an envelope of the objects' JSON, each written as it is, and returns
    /// the status resource the server answers with (section 4.3.1).
    /// </summary>
    public async Task<TaxiiStatus> AddObjectsAsync(Uri apiRoot, string collectionId, IEnumerable<string> objectsJson, CancellationToken ct = default)
    {
        var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("objects");
            foreach (var json in objectsJson) writer.WriteRawValue(json);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var url = new Uri(CollectionUrl(apiRoot, collectionId, "objects/"));
        var (_, body, _) = await SendAsync(HttpMethod.Post, url, buffer.ToArray(), ct);
        return Deserialize<TaxiiStatus>(body, url);
    }

    /// <summary>A status resource (TAXII 2.1 section 4.3).</summary>
    public Task<TaxiiStatus> GetStatusAsync(Uri apiRoot, string statusId, CancellationToken ct = default) =>
        GetJsonAsync<TaxiiStatus>(new Uri(Slash(apiRoot), $"status/{Uri.EscapeDataString(statusId)}/"), ct);

    /// <summary>
    /// Polls the status (TAXII 2.1 section 4.3) every <paramref name="interval"/> until it is <c>complete</c>; after
    /// <paramref name="timeout"/> returns the last (pending) status. A complete status is never polled again (section 4.3).
    /// </summary>
    public async Task<TaxiiStatus> WaitForStatusAsync(Uri apiRoot, TaxiiStatus status, TimeSpan interval, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (status.Status != "complete" && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(interval, ct);
            status = await GetStatusAsync(apiRoot, status.Id, ct);
        }

        return status;
    }

    /// <summary>Deletes an object, or the versions <c>match[version]</c> names (TAXII 2.1 section 5.7).</summary>
    public async Task DeleteObjectAsync(Uri apiRoot, string collectionId, string objectId, TaxiiQuery? query = null, CancellationToken ct = default) =>
        await SendAsync(HttpMethod.Delete, new Uri(CollectionUrl(apiRoot, collectionId, $"objects/{Uri.EscapeDataString(objectId)}/") + (query ?? new()).ToQueryString()), null, ct);

    private async Task<TaxiiObjectsPage> GetPageAsync(string urlText, CancellationToken ct)
    {
        var url = new Uri(urlText);
        var (response, body, _) = await SendAsync(HttpMethod.Get, url, null, ct);
        using var doc = Parse(body, url);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new TaxiiException($"{url}: the answer is not a TAXII envelope (section 3.7).", url);
        var more = root.TryGetProperty("more", out var m) && m.ValueKind == JsonValueKind.True;
        var next = root.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var objects = new List<StixObject>();
        var findings = new List<StixFinding>();
        if (root.TryGetProperty("objects", out var array))
        {
            if (array.ValueKind != JsonValueKind.Array) throw new TaxiiException($"{url}: 'objects' is not a list (section 3.7).", url);
            var i = 0;
            foreach (var element in array.EnumerateArray())
            {
                if (StixObject.FromElement(element, out var error) is { } o) objects.Add(o);
                else findings.Add(new StixFinding(StixSeverity.Error, null, $"/objects/{i}", $"Object {i} {error}.", "taxii-3.7"));
                i++;
            }
        }

        return new TaxiiObjectsPage(more, next, objects, findings, Header(response, "X-TAXII-Date-Added-First"), Header(response, "X-TAXII-Date-Added-Last"), body);
    }

    private async Task<T> GetJsonAsync<T>(Uri url, CancellationToken ct)
    {
        var (_, body, finalUrl) = await SendAsync(HttpMethod.Get, url, null, ct);
        return Deserialize<T>(body, finalUrl);
    }

    /// <summary>Sends one request, following same-origin redirects; returns the final response (disposed), its body and URL.</summary>
    private async Task<(HttpResponseMessage Response, byte[] Body, Uri Url)> SendAsync(HttpMethod method, Uri url, byte[]? content, CancellationToken ct)
    {
        var origin = url;
        for (var hop = 0; ; hop++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.RequestTimeout);
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TaxiiMediaTypes.Taxii));
            request.Headers.UserAgent.ParseAdd(_options.UserAgent);
            if (credentials is not null) request.Headers.Authorization = credentials.Header;
            if (content is not null)
            {
                request.Content = new ByteArrayContent(content);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaTypes.Taxii);
            }

            HttpResponseMessage response;
            byte[] body;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                body = await ReadLimitedAsync(response, url, timeout.Token);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new TaxiiException($"{method} {url}: no answer within {_options.RequestTimeout.TotalSeconds:0} seconds.", url, null, null, e);
            }
            catch (HttpRequestException e)
            {
                throw new TaxiiException($"{method} {url}: {e.Message}", url, null, null, e);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var target = new Uri(url, location);
                    if (!SameOrigin(origin, target))
                        throw new TaxiiException($"{method} {url}: redirect to {target} leaves the server's origin; refused (credentials stay on the origin).", url, response.StatusCode);
                    if (hop >= _options.MaxRedirects) throw new TaxiiException($"{method} {url}: more than {_options.MaxRedirects} redirects.", url, response.StatusCode);
                    if (method != HttpMethod.Get && status is not (307 or 308))
                        throw new TaxiiException($"{method} {url}: redirect {status} would turn the request into a GET; refused.", url, response.StatusCode);
                    url = target;
                    continue;
                }

                if (!response.IsSuccessStatusCode) throw Failure(method, url, response, body);
                return (response, body, url);
            }
        }
    }

    private async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, Uri url, CancellationToken ct)
    {
        var max = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } length && length > max)
            throw new TaxiiException($"{url}: the answer is {length} bytes, more than the limit of {max}.", url, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) throw new TaxiiException($"{url}: the answer is larger than the limit of {max} bytes.", url, response.StatusCode);
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static TaxiiException Failure(HttpMethod method, Uri url, HttpResponseMessage response, byte[] body)
    {
        TaxiiError? error = null;
        try
        {
            error = body.Length > 0 ? JsonSerializer.Deserialize<TaxiiError>(body, TaxiiMediaTypes.Json) : null;
            if (error?.Title is null) error = null;
        }
        catch (JsonException)
        {
            // Not a TAXII error message (a proxy's HTML page, say): the status alone tells what happened.
        }

        var text = $"{method} {url}: the TAXII server answered {(int)response.StatusCode} {response.ReasonPhrase}";
        if (error is not null) text += $": {error.Title}" + (error.Description is { Length: > 0 } d ? $" — {d}" : "");
        return new TaxiiException(text + ".", url, response.StatusCode, error);
    }

    private static T Deserialize<T>(byte[] body, Uri url)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, TaxiiMediaTypes.Json) ?? throw new TaxiiException($"{url}: empty answer.", url);
        }
        catch (JsonException e)
        {
            throw new TaxiiException($"{url}: the answer is not a valid TAXII {typeof(T).Name[5..].ToLowerInvariant()} resource: {e.Message}", url, null, null, e);
        }
    }

    private static JsonDocument Parse(byte[] body, Uri url)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = StixBundleReader.MaxDepth });
        }
        catch (JsonException e)
        {
            throw new TaxiiException($"{url}: the answer is not JSON: {e.Message}", url, null, null, e);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string CollectionUrl(Uri apiRoot, string collectionId, string rest) =>
        new Uri(Slash(apiRoot), $"collections/{Uri.EscapeDataString(collectionId)}/{rest}").AbsoluteUri;

    /// <summary>TAXII 2.1 section 3.1: every endpoint path ends with a slash.</summary>
    private static Uri Slash(Uri url) => url.AbsolutePath.EndsWith('/') ? url : new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
