using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>stix-import FILE… [--provider Sqlite|Postgres] [--publish-to AUDIENCE]</c>: imports each STIX bundle through
/// <see cref="ThreatIntelImporter.ImportAsync(byte[], ThreatIntelImportRequest, CancellationToken)"/> into one fresh
/// database, one after another (the second file meets a database that already holds the first), one DI scope per file as
/// <c>schakel import stix</c> does. Prints per file: seconds, objects per second, outcomes, database commands and their
/// time, peak GC heap (sampled every 20 ms), bytes allocated; at the end the process's peak working set.
/// </summary>
public static class StixImportRun
{
    public static async Task<int> RunAsync(IReadOnlyList<string> files, string provider, string? audienceText)
    {
        List<AudienceSpec> audience = [];
        if (audienceText is not null)
        {
            if (!AudienceSpec.TryParse(audienceText, out var spec, out var error)) throw new ArgumentException(error);
            audience.Add(spec);
        }

        await using var host = await BenchHost.CreateAsync(provider);
        int orgId;
        await using (var scope = host.Services.CreateAsyncScope())
            orgId = await scope.ServiceProvider.GetRequiredService<SchakelDbContext>().Organisations.Where(o => o.Key == "ncsc").Select(o => o.Id).SingleAsync();
        var timer = host.Services.GetRequiredService<CommandTimer>();
        var request = new ThreatIntelImportRequest(orgId, null, null, audience);
        var failed = false;
        foreach (var file in files)
        {
            var content = await File.ReadAllBytesAsync(file); // read before the clock starts: the figure is for the importer
            // Parsing alone, for the split between reading and storing (the import below parses again).
            GC.Collect();
            var readAllocated = GC.GetTotalAllocatedBytes(true);
            var readClock = Stopwatch.StartNew();
            var read = Schakel.Stix.StixBundleReader.Read(content);
            var hashes = read.Objects.Sum(o => StixVersionStore.HashOf(o).Length);
            readClock.Stop();
            readAllocated = GC.GetTotalAllocatedBytes(true) - readAllocated;
            var validateAllocated = GC.GetTotalAllocatedBytes(true);
            var validateClock = Stopwatch.StartNew();
            var findings = Schakel.Stix.Validation.StixValidator.Default.Validate(read).Findings.Count;
            validateClock.Stop();
            validateAllocated = GC.GetTotalAllocatedBytes(true) - validateAllocated;
            read = null;
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            timer.Reset();
            using var sampler = new HeapSampler();
            var clock = Stopwatch.StartNew();
            ThreatIntelImportResult result;
            await using (var scope = host.Services.CreateAsyncScope())
                result = await scope.ServiceProvider.GetRequiredService<ThreatIntelImporter>().ImportAsync(content, request);
            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
            var objects = result.Objects.Count;
            Console.WriteLine($"{Path.GetFileName(file)} ({content.Length / 1048576.0:0.0} MiB, {objects} objects) on {provider}, audience {audienceText ?? "none (draft)"}: " +
                $"{result.Outcome}, label {result.Label?.ToLabel() ?? "-"}");
            Console.WriteLine("  outcomes " + string.Join(", ", result.Objects.GroupBy(o => o.Outcome).Select(g => $"{g.Key} {g.Count()}")));
            foreach (var w in result.Warnings.Take(3)) Console.WriteLine("  warning: " + w);
            foreach (var c in result.Objects.Where(o => o.Message is not null).DistinctBy(o => o.Outcome).Take(3)) Console.WriteLine($"  {c.Outcome}: {c.Message}");
            Console.WriteLine($"  time {clock.Elapsed.TotalSeconds:0.00} s, {objects / clock.Elapsed.TotalSeconds:0} objects/s; " +
                $"{timer.Commands} database commands taking {timer.Elapsed.TotalSeconds:0.00} s");
            Console.WriteLine($"  of which reading and hashing alone {readClock.Elapsed.TotalSeconds:0.00} s, {readAllocated / 1048576.0:0} MiB allocated ({hashes / 64} hashes); " +
                $"validating alone {validateClock.Elapsed.TotalSeconds:0.00} s, {validateAllocated / 1048576.0:0} MiB allocated ({findings} findings)");
            Console.WriteLine($"  peak GC heap {sampler.PeakBytes / 1048576.0:0} MiB, allocated {allocated / 1048576.0:0} MiB ({allocated / 1024.0 / Math.Max(1, objects):0.0} KiB/object)");
            failed |= result.Outcome == Schakel.Features.Advisories.ImportOutcome.Rejected;
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            Console.WriteLine($"stored: {await db.StixObjectVersions.CountAsync()} object versions, {await db.ItemStixObjects.CountAsync()} item links, " +
                $"{await db.ThreatIntelPayloads.CountAsync()} payloads");
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB");
        return failed ? 1 : 0;
    }

    /// <summary><c>count-stix --provider P --connection C</c>: object versions, item links and threat-intelligence items of a database.</summary>
    public static async Task<int> CountAsync(string provider, string connectionString)
    {
        await using var services = BenchHost.Build(provider, connectionString);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        Console.WriteLine($"{await db.StixObjectVersions.CountAsync()} object versions, {await db.ItemStixObjects.CountAsync()} item links, " +
            $"{await db.ThreatIntelPayloads.CountAsync()} threat-intelligence items");
        return 0;
    }

    /// <summary>Samples the GC heap size while it lives, to catch the peak of one long call.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly Timer timer;
        private long peak;

        public HeapSampler()
        {
            peak = GC.GetTotalMemory(false);
            timer = new Timer(_ => Sample(), null, 0, 20);
        }

        public long PeakBytes { get { Sample(); return Interlocked.Read(ref peak); } }

        private void Sample()
        {
            var now = GC.GetTotalMemory(false);
            long seen;
            while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
        }

        public void Dispose() => timer.Dispose();
    }
}
