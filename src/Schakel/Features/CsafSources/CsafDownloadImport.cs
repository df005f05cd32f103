using Microsoft.Extensions.Options;
using Schakel.Csaf.Distribution;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;

namespace Schakel.Features.CsafSources;

/// <summary>
/// The bridge from the downloader to <see cref="AdvisoryImporter"/>: each good document is imported in its own DI scope
/// (one transaction per document), with the source's signature and URL kept; documents stricter than the highest label
/// accepted are refused before import.
/// </summary>
public static class CsafDownloadImport
{
    /// <summary>Counts by importer outcome (<c>imported</c>, <c>updated</c>, <c>unchanged</c>), filled while the handler runs.</summary>
    public sealed class Counts : Dictionary<string, int>;

    /// <summary>A handler importing each document with <paramref name="request"/>; <paramref name="maxTlp"/> null accepts every label.</summary>
    public static CsafDocumentHandler Handler(IServiceProvider services, AdvisoryImportRequest request, Sharing.Tlp? maxTlp, Counts counts) =>
        async (doc, ct) =>
        {
            var label = doc.Info.TlpLabel is { } raw && TlpLabels.TryParse(raw, out var t) ? t : request.RequestedTlp ?? Sharing.Tlp.Amber;
            if (maxTlp is { } max && label > max)
                return CsafHandlerResult.Fail($"TLP:{label.ToLabel()} is stricter than the highest label this source accepts (TLP:{max.ToLabel()}); not imported.");
            await using var scope = services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<AdvisoryImporter>();
            var result = await importer.ImportAsync(doc.Content, request with { SourceSignature = doc.Signature, SourceUrl = doc.Url.ToString() }, ct);
            if (result.Outcome == ImportOutcome.Rejected)
                return CsafHandlerResult.Fail("Import refused: " + string.Join("; ", result.Errors.Select(e => e.ToString())));
            var kind = result.Outcome.ToString().ToLowerInvariant();
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            var warnings = result.Warnings.Count > 0 ? " (" + string.Join(" ", result.Warnings) + ")" : "";
            return CsafHandlerResult.Ok($"{kind} {result.TrackingId} {result.Version} item {result.ItemId}{warnings}");
        };

    /// <summary>The downloader with the node's HTTP client (no automatic redirects) and limits.</summary>
    public static CsafDownloader Downloader(IServiceProvider services)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(CsafSourcesExtensions.HttpClientName);
        var options = services.GetRequiredService<IOptions<CsafSourceOptions>>().Value;
        var maxDocument = services.GetRequiredService<IOptions<AdvisoryOptions>>().Value.MaxDocumentBytes;
        return new CsafDownloader(http, new CsafDownloaderOptions
        {
            MaxDocumentBytes = maxDocument,
            RequestTimeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
            AllowOtherOrigins = options.AllowOtherOrigins,
        });
    }
}
