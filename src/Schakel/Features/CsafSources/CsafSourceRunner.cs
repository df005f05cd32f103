using Microsoft.EntityFrameworkCore;
using Schakel.Csaf.Distribution;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;

namespace Schakel.Features.CsafSources;

/// <summary>
/// Runs one CSAF source: downloads from its cursor (retrying the documents that failed before), imports each good
/// document in its own transaction, then stores the new cursor, the per-document failures and the run's result in one
/// save. A crash or network error before that save leaves the old cursor, so the next run repeats the same entries
/// (the importer recognises what it already holds: no duplicates) and skips none (no gaps).
/// </summary>
public sealed class CsafSourceRunner(SchakelDbContext db, IServiceProvider services, CsafSourceService sources, TimeProvider time, ILogger<CsafSourceRunner> log)
{
    /// <summary>Runs source <paramref name="id"/>; null when it does not exist.</summary>
    public async Task<CsafDownloadReport?> RunAsync(int id, CancellationToken ct)
    {
        var source = await db.Set<CsafSource>().Include(s => s.Failures).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (source is null) return null;
        var audience = source.Audience.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => AudienceSpec.TryParse(a, out var spec, out _) ? spec : null).OfType<AudienceSpec>().ToList();
        var request = new AdvisoryImportRequest(source.OrganisationId, source.PersonId, null, audience);
        var counts = new CsafDownloadImport.Counts();
        var downloader = CsafDownloadImport.Downloader(services);
        var started = time.GetUtcNow();
        CsafDownloadReport report;
        try
        {
            report = await downloader.DownloadAsync(new CsafDownloadRequest(source.Url)
            {
                Since = source.Cursor,
                Retry = source.Failures.Select(f => Uri.TryCreate(f.DocumentUrl, UriKind.Absolute, out var u) ? u : null).OfType<Uri>().ToList(),
                BearerToken = sources.Token(source),
            }, CsafDownloadImport.Handler(services, request, source.MaxTlp, counts), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "CSAF source {Id} ({Url}) failed", source.Id, source.Url);
            source.LastRunAt = started;
            source.LastRunOk = false;
            source.LastResult = Truncate("Stopped: " + e.Message);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        Record(source, report, counts, started);
        await db.SaveChangesAsync(CancellationToken.None);
        return report;
    }

    private void Record(CsafSource source, CsafDownloadReport report, CsafDownloadImport.Counts counts, DateTimeOffset started)
    {
        var now = time.GetUtcNow();
        foreach (var doc in report.Documents)
        {
            var key = doc.Url.ToString();
            var existing = source.Failures.FirstOrDefault(f => f.DocumentUrl == key);
            if (doc.Succeeded)
            {
                if (existing is not null) source.Failures.Remove(existing);
                continue;
            }

            if (existing is null)
            {
                existing = new CsafSourceFailure { DocumentUrl = key, Kind = "", Message = "", FirstFailedAt = now };
                source.Failures.Add(existing);
            }

            existing.Kind = doc.Failure.ToString()!;
            existing.Message = Truncate(doc.Message);
            existing.Attempts++;
            existing.LastTriedAt = now;
        }

        if (report.Cursor is { } cursor && (source.Cursor is null || cursor > source.Cursor)) source.Cursor = cursor;
        source.LastRunAt = started;
        source.LastRunOk = report.Completed && report.Errors.Count == 0;
        var summary = $"Imported {counts.GetValueOrDefault("imported")}, updated {counts.GetValueOrDefault("updated")}, unchanged {counts.GetValueOrDefault("unchanged")}, failed {report.Failed}, warnings {report.Warnings.Count + report.Documents.Sum(d => d.Warnings.Count)}.";
        source.LastResult = Truncate(report.Errors.Count == 0 ? summary : summary + " " + string.Join(" ", report.Errors));
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..1999] + "…";
}
