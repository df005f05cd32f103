using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>import FOLDER [--provider Sqlite|Postgres] [--publish-to AUDIENCE]</c>: imports every *.json under FOLDER through
/// <see cref="AdvisoryImporter"/> into a fresh database, one scope per document as <c>schakel import csaf</c> does, and
/// prints documents per second, peak working set and managed allocations.
/// </summary>
public static class ImportRun
{
    public static async Task<int> RunAsync(string folder, string provider, string? audienceText)
    {
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var contents = files.Select(File.ReadAllBytes).ToList(); // read up front: the figure is for the importer, not the disk
        List<AudienceSpec> audience = [];
        if (audienceText is not null)
        {
            if (!AudienceSpec.TryParse(audienceText, out var spec, out var error)) throw new ArgumentException(error);
            audience.Add(spec);
        }

        await using var host = await BenchHost.CreateAsync(provider);
        int orgId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            orgId = await scope.ServiceProvider.GetRequiredService<SchakelDbContext>().Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync();
        }

        var request = new AdvisoryImportRequest(orgId, null, null, audience);
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        long peakHeap = 0;
        var outcomes = new Dictionary<ImportOutcome, int>();
        var perDocument = new List<double>(contents.Count);
        var total = Stopwatch.StartNew();
        foreach (var content in contents)
        {
            var one = Stopwatch.StartNew();
            await using var scope = host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AdvisoryImporter>().ImportAsync(content, request);
            perDocument.Add(one.Elapsed.TotalMilliseconds);
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
            peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
        }

        total.Stop();
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        perDocument.Sort();
        Console.WriteLine($"provider {provider}, {contents.Count} documents ({contents.Sum(c => (long)c.Length) / 1024.0 / 1024:0.0} MiB), audience {audienceText ?? "none (draft)"}");
        Console.WriteLine("outcomes " + string.Join(", ", outcomes.Select(kv => $"{kv.Key} {kv.Value}")));
        Console.WriteLine($"time {total.Elapsed.TotalSeconds:0.00} s, {contents.Count / total.Elapsed.TotalSeconds:0.0} documents/s, " +
            $"per document median {Stats.Percentile(perDocument, 50):0.0} ms, p95 {Stats.Percentile(perDocument, 95):0.0} ms");
        Console.WriteLine($"peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB, peak GC heap {peakHeap / 1048576.0:0} MiB, allocated {allocated / 1048576.0:0} MiB " +
            $"({allocated / 1024.0 / contents.Count:0} KiB/document)");
        return outcomes.GetValueOrDefault(ImportOutcome.Rejected) == 0 ? 0 : 1;
    }
}

/// <summary>Small statistics helpers.</summary>
public static class Stats
{
    /// <summary>The nearest-rank percentile of an ascending list (p in 0..100).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
