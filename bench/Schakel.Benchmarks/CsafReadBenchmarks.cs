using BenchmarkDotNet.Attributes;
using Schakel.Csaf;

namespace Schakel.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro benchmark of the per-document work before the database: parse, CSAF 2.0 schema validation and
/// extraction of one CISA ICS advisory (<c>SCHAKEL_DATA</c>, default <c>../shared/data</c> from the working folder).
/// </summary>
[MemoryDiagnoser]
public class CsafReadBenchmarks
{
    private byte[] _document = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = Environment.GetEnvironmentVariable("SCHAKEL_DATA") is { Length: > 0 } d ? d : Path.Combine("..", "shared", "data");
        var folder = Path.Combine(data, "csaf", "bulk", "cisa-ot-2022");
        // The median-sized document of the bulk set, so the figure is typical rather than best or worst case.
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Select(f => new FileInfo(f)).OrderBy(f => f.Length).ToList();
        _document = File.ReadAllBytes(files[files.Count / 2].FullName);
    }

    [Benchmark]
    public CsafReadResult Read() => CsafReader.Read(_document);
}
