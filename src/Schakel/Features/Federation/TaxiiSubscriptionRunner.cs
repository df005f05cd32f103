using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.ThreatIntel;
using Schakel.Stix.Taxii;

namespace Schakel.Features.Federation;

/// <summary>
/// Runs one subscription: pulls from its cursor, storing the cursor after every page whose objects are stored (so a
/// restart or network error carries on from there), then records the run's result; a failed run counts towards the
/// worker's back-off. After a good pull, when the last reconcile is older than <c>Federation:ReconcileHours</c>, the run
/// reconciles against the source's manifests (<see cref="TaxiiReconciler"/>; TAXII 2.1 section 5.3), so that deletions on the
/// source arrive. A reconcile error does not fail the run (the pull's result decides it and the back-off): it is logged, shown
/// in the run's result, and, as the last reconcile stays old, the next run tries again.
/// </summary>
public sealed class TaxiiSubscriptionRunner(SchakelDbContext db, TaxiiPuller puller, TaxiiSubscriptionService subscriptions, TaxiiReconciler reconciler,
    IOptions<FederationOptions> options, TimeProvider time, ILogger<TaxiiSubscriptionRunner> log)
{
    /// <summary>Runs subscription <paramref name="id"/>; null when it does not exist.</summary>
    public async Task<PullReport?> RunAsync(int id, CancellationToken ct)
    {
        var subscription = await db.Set<TaxiiSubscription>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return null;
        var started = time.GetUtcNow();
        PullReport report;
        PullTarget target;
        try
        {
            target = subscriptions.TargetOf(subscription);
        }
        catch (TaxiiException e)
        {
            // The stored token is unreadable: a run that cannot start, reported like any other stopped run.
            await RecordAsync(id, started, false, "Stopped: " + e.Message);
            return new PullReport { Cursor = subscription.Cursor, Error = e.Message };
        }

        try
        {
            report = await puller.PullAsync(target, subscription.Cursor, (cursor, c) =>
                db.Set<TaxiiSubscription>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Cursor, cursor), c), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "TAXII subscription {Id} ({ApiRoot} {Collection}) failed", id, subscription.ApiRoot, subscription.CollectionId);
            await RecordAsync(id, started, false, "Stopped: " + e.Message);
            throw;
        }

        if (report.Error is not null) log.LogWarning("TAXII subscription {Id} stopped: {Error}", id, report.Error);
        else if (subscription.LastReconciledAt is not { } last || started - last >= TimeSpan.FromHours(options.Value.ReconcileHours))
        {
            report.Reconcile = await reconciler.ReconcileAsync(id, ct);
            if (report.Reconcile?.Error is { } error) log.LogWarning("TAXII subscription {Id}: reconcile stopped: {Error}", id, error);
        }

        await RecordAsync(id, started, report.Error is null, report.Summary() + (report.Reconcile is { } r ? " " + r.Summary() : ""));
        return report;
    }

    private async Task RecordAsync(int id, DateTimeOffset started, bool ok, string result)
    {
        var text = result.Length <= 2000 ? result : result[..1999] + "…";
        await db.Set<TaxiiSubscription>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.LastRunAt, started).SetProperty(s => s.LastRunOk, ok).SetProperty(s => s.LastResult, text)
            .SetProperty(s => s.FailedRuns, s => ok ? 0 : s.FailedRuns + 1), CancellationToken.None);
    }
}
