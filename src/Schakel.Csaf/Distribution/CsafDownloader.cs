using System.Text.Json;
using Schakel.Csaf.Signing;

namespace Schakel.Csaf.Distribution;

/// <summary>
/// Downloads a CSAF provider's advisories (CSAF 2.0 section 7.3): finds and reads its metadata, fetches its public keys,
/// walks every distribution (directory via <c>changes.csv</c>, falling back to <c>index.txt</c>; ROLIE feeds) incrementally
/// from <see cref="CsafDownloadRequest.Since"/>, checks hashes and signatures, validates each document and hands each good one
/// to a handler. Failures are per document; network errors and 5xx stop the run with a cursor that leaves no gap.
/// Never writes files. The <see cref="HttpClient"/> should not follow redirects itself (redirects are then checked hop by hop).
/// </summary>
public sealed class CsafDownloader(HttpClient http, CsafDownloaderOptions? options = null)
{
    private readonly CsafDownloaderOptions options = options ?? new CsafDownloaderOptions();

    /// <summary>Runs one download. Throws only for cancellation and bad arguments; everything else is in the report.</summary>
    public async Task<CsafDownloadReport> DownloadAsync(CsafDownloadRequest request, CsafDocumentHandler handle, CancellationToken ct = default)
    {
        var run = new Run(request);
        var found = await FindMetadataAsync(request, run, ct);
        if (found is not { } metadata) return run.Report(null, null, request.Since, completed: false);

        var fetcher = new CsafFetcher(http, options, metadata.Url, request.BearerToken, run.Warnings.Add);
        var keys = await LoadKeysAsync(metadata, fetcher, run, ct);
        var done = new HashSet<Uri>();
        try
        {
            foreach (var url in request.Retry)
            {
                if (done.Add(url)) await ProcessAsync(CsafListedDocument.Beside(url, null), [], fetcher, keys, handle, run, ct);
            }
        }
        catch (AbortRun e)
        {
            run.Errors.Add(e.Message);
            return run.Report(metadata.Url, metadata, request.Since, completed: false);
        }

        // Each listing is walked oldest first. The cursor is the newest timestamp reached when every listing was walked
        // to its end; otherwise the oldest point an unfinished listing reached (a listing that could not be read at all
        // holds it at Since), so that the next run leaves no gap.
        DateTimeOffset? newest = request.Since, held = null;
        var holding = false;
        var listings = new List<(string Name, Func<Task<IReadOnlyList<(CsafListedDocument Doc, List<string> Warnings)>?>> Load)>();
        foreach (var distribution in metadata.Distributions)
        {
            if (distribution.DirectoryUrl is { } dir) listings.Add((dir.ToString(), () => ListDirectoryAsync(dir, fetcher, run, ct)));
            foreach (var feed in distribution.RolieFeeds) listings.Add((feed.Url.ToString(), () => ListFeedAsync(feed.Url, fetcher, run, ct)));
        }

        for (var n = 0; n < listings.Count; n++)
        {
            var (name, load) = listings[n];
            DateTimeOffset? progress = request.Since;
            try
            {
                var listed = await load();
                if (listed is null)
                {
                    (held, holding) = (holding ? Lower(held, request.Since) : request.Since, true);
                    continue;
                }

                var todo = listed.Where(l => request.Since is null || l.Doc.Changed is null || l.Doc.Changed > request.Since)
                    .GroupBy(l => l.Doc.Url).Select(g => g.MaxBy(l => l.Doc.Changed ?? DateTimeOffset.MinValue))
                    .OrderBy(l => l.Doc.Changed ?? DateTimeOffset.MinValue).ToList();
                for (var i = 0; i < todo.Count; i++)
                {
                    var (doc, warnings) = todo[i];
                    if (done.Add(doc.Url)) await ProcessAsync(doc, warnings, fetcher, keys, handle, run, ct);
                    // Only once every entry with this timestamp is handled does the cursor move to it.
                    if (doc.Changed is { } t && (i + 1 == todo.Count || todo[i + 1].Doc.Changed != t)) progress = t;
                }

                newest = Max(newest, progress);
            }
            catch (AbortRun e)
            {
                run.Errors.Add($"{name}: stopped: {e.Message}");
                // Listings after this one were not walked at all: they hold the cursor at Since.
                var cursor = n + 1 < listings.Count ? request.Since : progress;
                return run.Report(metadata.Url, metadata, holding ? Lower(held, cursor) : cursor, completed: false);
            }
        }

        return run.Report(metadata.Url, metadata, holding ? held : newest, completed: true);
    }

    /// <summary>The earlier of two cursors; null (from the beginning) is earliest.</summary>
    private static DateTimeOffset? Lower(DateTimeOffset? a, DateTimeOffset? b) => a is null || b is null ? null : a < b ? a : b;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private async Task<ProviderMetadata?> FindMetadataAsync(CsafDownloadRequest request, Run run, CancellationToken ct)
    {
        IReadOnlyList<(Uri Url, bool IsSecurityTxt)> candidates;
        try
        {
            candidates = ProviderDiscovery.Candidates(request.Source);
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException)
        {
            run.Errors.Add(e.Message);
            return null;
        }

        var tried = new List<string>();
        var queue = new Queue<(Uri Url, bool IsSecurityTxt)>(candidates);
        while (queue.TryDequeue(out var candidate))
        {
            var fetcher = new CsafFetcher(http, options, candidate.Url, request.BearerToken, run.Warnings.Add);
            try
            {
                var bytes = await fetcher.GetAsync(candidate.Url, options.MaxMetadataBytes, ct);
                if (candidate.IsSecurityTxt)
                {
                    // The provider names its metadata itself here, possibly on another host: that is its own statement.
                    foreach (var u in ProviderDiscovery.CsafFields(candidate.Url, bytes).Where(CsafFetcher.IsAllowedScheme)) queue.Enqueue((u, false));
                    continue;
                }

                if (ReadMetadata(candidate.Url, bytes, run) is { } metadata) return metadata;
                tried.Add($"{candidate.Url}: not provider metadata");
            }
            catch (CsafFetchException e)
            {
                tried.Add(e.Message);
            }
        }

        run.Errors.Add("No provider-metadata.json found: " + string.Join("; ", tried));
        return null;
    }

    private static ProviderMetadata? ReadMetadata(Uri url, byte[] bytes, Run run)
    {
        try
        {
            using var json = JsonDocument.Parse(bytes);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var f in CsafMetadataSchema.ValidateProviderMetadata(json.RootElement))
                run.Warnings.Add($"provider-metadata.json does not follow the schema: {f}");
            var metadata = ProviderMetadata.Parse(url, json.RootElement, run.Warnings);
            if (metadata.Distributions.Count == 0) run.Errors.Add($"{url}: lists no distribution (directory_url or rolie feeds).");
            return metadata;
        }
        catch (JsonException e)
        {
            run.Warnings.Add($"{url}: not JSON ({e.Message}).");
            return null;
        }
    }

    private async Task<OpenPgpPublicKeyRing?> LoadKeysAsync(ProviderMetadata metadata, CsafFetcher fetcher, Run run, CancellationToken ct)
    {
        OpenPgpPublicKeyRing? ring = null;
        foreach (var key in metadata.PublicKeys)
        {
            try
            {
                var loaded = OpenPgpKeys.ReadPublicKeys(await fetcher.GetAsync(key.Url, options.MaxSignatureBytes, ct));
                if (key.Fingerprint is { } expected && !loaded.Fingerprints.Contains(expected, StringComparer.OrdinalIgnoreCase))
                {
                    run.Errors.Add($"{key.Url}: fingerprint mismatch: the metadata lists {expected}, the key file holds {string.Join(", ", loaded.Fingerprints)}; key not used.");
                    continue;
                }

                ring = ring is null ? loaded : ring.Merge(loaded);
            }
            catch (CsafFetchException e)
            {
                run.Warnings.Add($"Public key not available: {e.Message}");
            }
            catch (FormatException e)
            {
                run.Warnings.Add($"Public key not available: {key.Url}: {e.Message}");
            }
        }

        if (metadata.PublicKeys.Count == 0) run.Warnings.Add("The provider metadata lists no public_openpgp_keys: signatures are not checked.");
        return ring;
    }

    private async Task<IReadOnlyList<(CsafListedDocument, List<string>)>?> ListDirectoryAsync(Uri dir, CsafFetcher fetcher, Run run, CancellationToken ct)
    {
        var parseWarnings = new List<string>();
        IEnumerable<(string Path, DateTimeOffset? Changed)> entries;
        try
        {
            var csv = await Fetch(fetcher, new Uri(dir, "changes.csv"), options.MaxListingBytes, ct);
            entries = DistributionListing.ParseChangesCsv(csv, parseWarnings).Select(e => (e.Path, (DateTimeOffset?)e.Changed));
        }
        catch (CsafFetchException e) when (e.Error == CsafFetchError.NotFound)
        {
            run.Warnings.Add($"{dir}: no changes.csv; every document in index.txt is fetched.");
            try
            {
                entries = DistributionListing.ParseIndexTxt(await Fetch(fetcher, new Uri(dir, "index.txt"), options.MaxListingBytes, ct)).Select(p => (p, (DateTimeOffset?)null));
            }
            catch (CsafFetchException e2)
            {
                run.Errors.Add($"{dir}: neither changes.csv nor index.txt could be read ({e2.Message}).");
                return null;
            }
        }
        catch (CsafFetchException e) when (NeedsToken(e, run))
        {
            return [];
        }
        catch (CsafFetchException e)
        {
            run.Errors.Add(e.Message);
            return null;
        }

        run.Warnings.AddRange(parseWarnings.Select(w => $"{dir}{w}"));
        var result = new List<(CsafListedDocument, List<string>)>();
        var repositoryRelative = 0;
        foreach (var (path, changed) in entries)
        {
            var url = DistributionListing.Resolve(dir, path, out var quirk);
            if (url is null) { run.Warnings.Add($"{dir}: listed path '{path}' is not usable; skipped."); continue; }
            var warnings = new List<string>();
            if (quirk) { repositoryRelative++; warnings.Add($"Listed as '{path}', a path relative to the repository rather than to the directory; read as {url}."); }
            result.Add((CsafListedDocument.Beside(url, changed), warnings));
        }

        if (repositoryRelative > 0) run.Warnings.Add($"{dir}: {repositoryRelative} listed path(s) relative to the repository rather than to the directory (read anyway).");
        return result;
    }

    private async Task<IReadOnlyList<(CsafListedDocument, List<string>)>?> ListFeedAsync(Uri feedUrl, CsafFetcher fetcher, Run run, CancellationToken ct)
    {
        try
        {
            var listed = RolieFeed.Parse(feedUrl, await Fetch(fetcher, feedUrl, options.MaxListingBytes, ct), run.Warnings);
            return listed?.Select(d => (d, new List<string>())).ToList();
        }
        catch (CsafFetchException e) when (NeedsToken(e, run))
        {
            return [];
        }
        catch (CsafFetchException e)
        {
            run.Errors.Add(e.Message);
            return null;
        }
    }

    /// <summary>
    /// A listing that answers 401 or 403 to a run without a token: the provider's TLP:GREEN/AMBER distribution (CSAF 2.0
    /// 7.1.5), which an anonymous subscriber is not meant to read. A warning, and the listing counts as empty, so that a run
    /// over everything public completes and moves its cursor. With a token the same answer stays an error (a wrong or
    /// expired token) and holds the cursor.
    /// </summary>
    private static bool NeedsToken(CsafFetchException e, Run run)
    {
        if (e.Error != CsafFetchError.Refused || e.Status is not (System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden) || run.HasToken) return false;
        run.Warnings.Add($"{e.Url}: needs authentication ({(int)e.Status}); skipped (give a token to read it).");
        return true;
    }

    /// <summary>A fetch whose transient failure stops the run (so the cursor leaves no gap).</summary>
    private static async Task<byte[]> Fetch(CsafFetcher fetcher, Uri url, long max, CancellationToken ct)
    {
        try
        {
            return await fetcher.GetAsync(url, max, ct);
        }
        catch (CsafFetchException e) when (e.Error == CsafFetchError.Transient)
        {
            throw new AbortRun(e.Message);
        }
    }

    /// <summary>Fetches, checks and hands over one document; records its outcome.</summary>
    private async Task ProcessAsync(CsafListedDocument doc, List<string> warnings, CsafFetcher fetcher, OpenPgpPublicKeyRing? keys, CsafDocumentHandler handle, Run run, CancellationToken ct)
    {
        var (failure, message, verified, signature, content, info) = await CheckAsync(doc, warnings, fetcher, keys, ct);
        if (failure is null)
        {
            CsafHandlerResult outcome;
            try
            {
                outcome = await handle(new CsafDownloadedDocument(doc.Url, content!, info!, signature, verified, doc.Changed, warnings), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new AbortRun($"{doc.Url}: the handler failed: {e.Message}");
            }

            (failure, message) = (outcome.Succeeded ? null : CsafDocumentFailure.Rejected, outcome.Message);
        }

        var result = new CsafDocumentResult(doc.Url, doc.Changed, failure, message, warnings);
        run.Documents.Add(result);
        run.OnDocument?.Invoke(result);
    }

    private async Task<(CsafDocumentFailure? Failure, string Message, bool Verified, string? Signature, byte[]? Content, CsafDocumentInfo? Info)> CheckAsync(
        CsafListedDocument doc, List<string> warnings, CsafFetcher fetcher, OpenPgpPublicKeyRing? keys, CancellationToken ct)
    {
        byte[] content;
        try
        {
            content = await Fetch(fetcher, doc.Url, options.MaxDocumentBytes, ct);
        }
        catch (CsafFetchException e)
        {
            return (e.Error switch
            {
                CsafFetchError.NotFound => CsafDocumentFailure.Missing,
                CsafFetchError.TooLarge => CsafDocumentFailure.TooLarge,
                CsafFetchError.Forbidden => CsafDocumentFailure.Forbidden,
                _ => CsafDocumentFailure.Refused,
            }, e.Message, false, null, null, null);
        }

        var hashes = 0;
        foreach (var (url, sha512) in new[] { (doc.Sha256Url, false), (doc.Sha512Url, true) })
        {
            if (url is null || await Optional(fetcher, url, options.MaxHashBytes, warnings, ct) is not { } hashFile) continue;
            hashes++;
            if (DocumentChecks.CompareHash(content, hashFile, sha512, url) is { } mismatch) return (CsafDocumentFailure.HashMismatch, mismatch, false, null, null, null);
        }

        if (hashes == 0) warnings.Add("No .sha256 or .sha512 file: integrity not checked.");
        string? signature = null;
        var verified = false;
        if (doc.SignatureUrl is { } sigUrl && await Optional(fetcher, sigUrl, options.MaxSignatureBytes, warnings, ct) is { } sig)
        {
            var (bad, warning, ok) = DocumentChecks.CheckSignature(content, sig, keys);
            if (bad is not null) return (CsafDocumentFailure.BadSignature, bad, false, null, null, null);
            if (warning is not null) warnings.Add(warning);
            signature = System.Text.Encoding.UTF8.GetString(sig);
            verified = ok;
        }
        else
        {
            warnings.Add("No .asc signature.");
        }

        var read = CsafReader.Read(content, options.Validator, options.MaxDocumentBytes);
        if (read.Document is not { } info) return (read.Status == CsafReadStatus.TooLarge ? CsafDocumentFailure.TooLarge : CsafDocumentFailure.Invalid,
            "Invalid: " + string.Join("; ", read.Findings.Take(5)), false, null, null, null);
        var expected = CsafFileName.FromTrackingId(info.TrackingId);
        var actual = doc.Url.Segments[^1];
        if (!string.Equals(Uri.UnescapeDataString(actual), expected, StringComparison.Ordinal))
            warnings.Add($"File name '{actual}' does not follow the rule of CSAF 2.0 section 5.1 (expected '{expected}').");
        return (null, "", verified, signature, content, info);
    }

    /// <summary>A hash or signature file: null when absent; transient errors stop the run; other failures are warnings.</summary>
    private static async Task<byte[]?> Optional(CsafFetcher fetcher, Uri url, long max, List<string> warnings, CancellationToken ct)
    {
        try
        {
            return await Fetch(fetcher, url, max, ct);
        }
        catch (CsafFetchException e) when (e.Error == CsafFetchError.NotFound)
        {
            return null;
        }
        catch (CsafFetchException e)
        {
            warnings.Add(e.Message);
            return null;
        }
    }

    private sealed class AbortRun(string message) : Exception(message);

    private sealed class Run(CsafDownloadRequest request)
    {
        public List<string> Warnings { get; } = [];
        public List<string> Errors { get; } = [];
        public List<CsafDocumentResult> Documents { get; } = [];
        public Action<CsafDocumentResult>? OnDocument => request.OnDocument;
        public bool HasToken => request.BearerToken is not null;

        public CsafDownloadReport Report(Uri? url, ProviderMetadata? metadata, DateTimeOffset? cursor, bool completed) =>
            new(url, metadata, Documents, Warnings, Errors, cursor, completed);
    }
}
