using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Schakel.Stix;
using Schakel.Stix.Validation;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>stix-validate FILE [--runs 3]</c>: a quick look at <see cref="StixValidator"/> on one bundle without BenchmarkDotNet.
/// Per run and per entry point (each object on one thread; <c>Validate(StixReadResult)</c>; <c>Validate(bytes)</c>):
/// µs and KiB allocated per object, the number of findings and a SHA-256 of all findings' text, so that a change to the
/// validator can be shown to leave every finding as it was (same digest before and after).
/// </summary>
public static class StixValidateRun
{
    public static int Run(string file, int runs)
    {
        var bytes = File.ReadAllBytes(file);
        var read = StixBundleReader.Read(bytes);
        var documents = read.Objects.Select(o => o.ToDocument()).ToArray();
        var clock = Stopwatch.StartNew();
        StixValidator.Default.ValidateObject(documents[0].RootElement);
        Console.WriteLine($"{read.Objects.Count} objects; schemas built in {clock.Elapsed.TotalSeconds:0.0} s");
        for (var run = 1; run <= runs; run++)
        {
            Measure($"run {run} objects  ", read.Objects.Count, () => documents.SelectMany(d => StixValidator.Default.ValidateObject(d.RootElement)).ToList());
            Measure($"run {run} read     ", read.Objects.Count, () => StixValidator.Default.Validate(read).Findings);
            Measure($"run {run} bytes    ", read.Objects.Count, () => StixValidator.Default.Validate(bytes).Findings);
        }

        foreach (var doc in documents) doc.Dispose();
        return 0;
    }

    private static void Measure(string label, int objects, Func<IReadOnlyList<StixFinding>> validate)
    {
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        var findings = validate();
        clock.Stop();
        allocated = GC.GetTotalAllocatedBytes(true) - allocated;
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", findings)))).ToLowerInvariant()[..16];
        Console.WriteLine($"{label} {clock.Elapsed.TotalMicroseconds / objects,7:0.0} µs/object {allocated / 1024.0 / objects,7:0.0} KiB/object  {findings.Count} findings, sha256 {digest}");
    }
}
