using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.ThreatIntel;

namespace Schakel.Features.Federation;

/// <summary>
/// Runs the enabled subscriptions that are due, one at a time, each in its own DI scope. Due: never run, or the last run
/// at least the interval ago — doubled per failed run in a row, up to <see cref="FederationOptions.MaxBackoffMinutes"/>.
/// All state (cursor, failures) is in the database, so a restart carries on where it stopped.
/// </summary>
public sealed class TaxiiSubscriptionWorker(IServiceScopeFactory scopes, IOptions<FederationOptions> options, TimeProvider time, ILogger<TaxiiSubscriptionWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "TAXII subscription check failed; trying again at the next poll");
            }

            await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>When a subscription is next due, from its last run, interval and failures in a row (UTC).</summary>
    public static DateTimeOffset NextDue(DateTimeOffset? lastRun, int intervalMinutes, int failedRuns, int maxBackoffMinutes)
    {
        if (lastRun is null) return DateTimeOffset.MinValue;
        var wait = failedRuns == 0 ? intervalMinutes : Math.Min(intervalMinutes * Math.Pow(2, Math.Min(failedRuns, 20)), Math.Max(intervalMinutes, maxBackoffMinutes));
        return lastRun.Value.AddMinutes(wait);
    }

    /// <summary>Runs every due subscription once. Returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        List<int> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            var now = time.GetUtcNow();
            // Filtered in memory: subscriptions are few, and the back-off arithmetic does not translate on every provider.
            due = (await db.Set<TaxiiSubscription>().AsNoTracking().Where(s => s.Enabled).Select(s => new { s.Id, s.LastRunAt, s.IntervalMinutes, s.FailedRuns }).ToListAsync(ct))
                .Where(s => NextDue(s.LastRunAt, s.IntervalMinutes, s.FailedRuns, options.Value.MaxBackoffMinutes) <= now).Select(s => s.Id).ToList();
        }

        foreach (var id in due)
        {
            ct.ThrowIfCancellationRequested();
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<TaxiiSubscriptionRunner>().RunAsync(id, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "TAXII subscription {Id} run failed", id);
            }
        }

        return due.Count;
    }
}
