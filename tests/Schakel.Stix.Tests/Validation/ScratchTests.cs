using Schakel.Stix.Validation;
using Xunit.Abstractions;

namespace Schakel.Stix.Tests.Validation;

public class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        foreach (var folder in new[] { "stix/validator-tests/test_examples", "stix/bundles", "stix/filesystem-store", "stix/tlp2" })
        foreach (var f in TestData.Files(folder))
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = StixValidator.Default.Validate(TestData.Bytes(f));
            output.WriteLine($"== {f} valid={r.IsValid} objects={r.ObjectCount} {sw.ElapsedMilliseconds}ms");
            foreach (var x in r.Findings) output.WriteLine("   " + x);
        }
    }
}
