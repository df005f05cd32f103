using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Audit;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>audit --provider P --records N</c>: the cost of the audit log. (1) RecordAsync one after another: the latency a state
/// change pays (one batch of one per call). (2) N RecordAsync calls at once: batching at work. (3) Record (fire and forget,
/// the read path): the time the request itself spends, then how long the queue takes to drain. Ends with a verify.
/// </summary>
public static class AuditRun
{
    public static async Task<int> RunAsync(string provider, int records)
    {
        await using var host = await BenchHost.CreateAsync(provider);
        var log = host.Services.GetRequiredService<AuditLog>();
        log.MarkHosted(); // as in the web host: Record returns at once

        var sequential = Math.Min(records, 500);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < sequential; i++) await log.RecordAsync(AuditActor.Node, new AuditEvent("bench.sequential", Subject: $"s{i}"));
        Report($"RecordAsync sequential ({sequential})", sw.Elapsed, sequential);

        sw.Restart();
        await Task.WhenAll(Enumerable.Range(0, records).Select(i => log.RecordAsync(AuditActor.Node, new AuditEvent("bench.parallel", Subject: $"p{i}"))));
        Report($"RecordAsync {records} at once", sw.Elapsed, records);

        sw.Restart();
        for (var i = 0; i < records; i++) log.Record(AuditActor.Node, new AuditEvent("item.read", Guid.NewGuid()));
        var enqueue = sw.Elapsed;
        await log.FlushAsync();
        Report($"Record (fire and forget) {records}: time in the caller", enqueue, records);
        Report($"Record {records}: until stored", sw.Elapsed, records);

        sw.Restart();
        await using var scope = host.Services.CreateAsyncScope();
        var verdict = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Report($"verify ({verdict.Count} records, holds: {verdict.Holds})", sw.Elapsed, (int)verdict.Count);
        return verdict.Holds ? 0 : 1;
    }

    private static void Report(string what, TimeSpan elapsed, int count) =>
        Console.WriteLine($"{what,-55} {elapsed.TotalMilliseconds,10:F1} ms  {elapsed.TotalMicroseconds / Math.Max(1, count),10:F1} µs/record");
}
