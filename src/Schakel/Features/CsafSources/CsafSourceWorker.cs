using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Advisories;

namespace Schakel.Features.CsafSources;

/// <summary>
/// Runs the enabled CSAF sources that are due (never run, or last run at least their interval ago), one at a time, each in
/// its own DI scope. All state is in the database, so a restart simply carries on from each source's cursor.
/// </summary>
public sealed class CsafSourceWorker(IServiceScopeFactory scopes, IOptions<CsafSourceOptions> options, TimeProvider time, ILogger<CsafSourceWorker> log) : BackgroundService
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
                log.LogWarning(e, "CSAF source check failed; trying again at the next poll");
            }

            await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Runs every due source once. Returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        List<int> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            var now = time.GetUtcNow();
            // Filtered in memory: the interval arithmetic does not translate on every provider, and sources are few.
            due = (await db.Set<CsafSource>().AsNoTracking().Where(s => s.Enabled).Select(s => new { s.Id, s.LastRunAt, s.IntervalMinutes }).ToListAsync(ct))
                .Where(s => s.LastRunAt is null || s.LastRunAt.Value.AddMinutes(s.IntervalMinutes) <= now).Select(s => s.Id).ToList();
        }

        foreach (var id in due)
        {
            ct.ThrowIfCancellationRequested();
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<CsafSourceRunner>().RunAsync(id, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "CSAF source {Id} run failed", id);
            }
        }

        return due.Count;
    }
}
