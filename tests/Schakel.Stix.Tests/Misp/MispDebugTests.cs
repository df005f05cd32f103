using Schakel.Stix.Misp;
using Xunit.Abstractions;

namespace Schakel.Stix.Tests.Misp;

public class MispDebugTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        foreach (var f in MispTestData.EventFiles())
        {
            var c = MispToStix.Convert(MispTestData.Read(f), new MispToStixOptions { OwnOrganisationKey = "ncsc" });
            output.WriteLine($"== {f} {c.Objects.Count} tlp={c.Tlp} aud={c.Audience}");
            foreach (var u in c.Unmapped) output.WriteLine("  U " + u);
            foreach (var o in c.Objects.Take(f.Contains("57c4") ? 100 : 8)) output.WriteLine("  " + o.Json);
        }
    }
}
