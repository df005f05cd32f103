using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Schakel.Stix;
using Schakel.Stix.Validation;

namespace Schakel.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro benchmark of <see cref="StixValidator"/> on the objects of a generated 50,000-object bundle
/// (<see cref="StixBundleGenerator"/>, seed 1, from <c>SCHAKEL_DATA/stix</c>; default <c>../shared/data</c> from the
/// working folder; written to a temporary file that is deleted again). Every figure is per object (OperationsPerInvoke):
/// <list type="bullet">
/// <item><see cref="ValidateObject"/>: each object's schema and rule checks on one thread, the JSON parsed beforehand;</item>
/// <item><see cref="ValidateReadResult"/>: the importer's call, <c>Validate(StixReadResult)</c> on the whole bundle
/// (parsing each object, the cross-object rules, in parallel on all cores);</item>
/// <item><see cref="ValidateBytes"/>: <c>Validate(bytes)</c> on the whole bundle (the bundle schema and the reader too).</item>
/// </list>
/// Run: <c>Schakel.Benchmarks --filter '*StixValidate*' --job short --inProcess</c> (about 3 minutes).
/// </summary>
[MemoryDiagnoser]
public class StixValidateBenchmarks
{
    private const int Objects = 50_000;
    private byte[] _bundle = [];
    private StixReadResult _read = null!;
    private JsonDocument[] _documents = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = Environment.GetEnvironmentVariable("SCHAKEL_DATA") is { Length: > 0 } d ? d : Path.Combine("..", "shared", "data");
        var file = Path.GetTempFileName();
        try
        {
            StixBundleGenerator.Write(Objects, file, seed: 1, data);
            _bundle = File.ReadAllBytes(file);
        }
        finally
        {
            File.Delete(file);
        }

        _read = StixBundleReader.Read(_bundle);
        _documents = _read.Objects.Select(o => o.ToDocument()).ToArray();
        // The schemas are built on first use (10+ s); that is start-up, not the per-object cost measured here.
        StixValidator.Default.ValidateObject(_documents[0].RootElement);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var doc in _documents) doc.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Objects)]
    public int ValidateObject()
    {
        var findings = 0;
        foreach (var doc in _documents) findings += StixValidator.Default.ValidateObject(doc.RootElement).Count;
        return findings;
    }

    [Benchmark(OperationsPerInvoke = Objects)]
    public int ValidateReadResult() => StixValidator.Default.Validate(_read).Findings.Count;

    [Benchmark(OperationsPerInvoke = Objects)]
    public int ValidateBytes() => StixValidator.Default.Validate(_bundle).Findings.Count;
}
