using System.Text;
using Schakel.Csaf.Distribution;

namespace Schakel.Csaf.Tests.Distribution;

public sealed class DistributionListingTests
{
    [Fact]
    public void ParseChangesCsv_QuotedAndUnquoted_BothReadUnquotedWarned()
    {
        var warnings = new List<string>();
        var entries = DistributionListing.ParseChangesCsv(Encoding.UTF8.GetBytes(
            "\"2024/a.json\",\"2024-01-02T03:04:05+01:00\"\n2024/b.json,2024-01-03T00:00:00.000Z\nbroken line\n"), warnings);

        Assert.Equal(2, entries.Count);
        Assert.Equal(("2024/a.json", new DateTimeOffset(2024, 1, 2, 2, 4, 5, TimeSpan.Zero)), entries[0]);
        Assert.Equal(TimeSpan.Zero, entries[1].Changed.Offset);
        Assert.Contains(warnings, w => w.Contains("unquoted", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("line 3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://p.example/csaf/white/", "2024/x.json", "https://p.example/csaf/white/2024/x.json", false)]
    [InlineData("https://p.example/csaf_files/OT/white/", "csaf_files/OT/white/2024/x.json", "https://p.example/csaf_files/OT/white/2024/x.json", true)]
    [InlineData("https://p.example/csaf_files/OT/white/", "white/2024/x.json", "https://p.example/csaf_files/OT/white/2024/x.json", true)]
    [InlineData("https://p.example/csaf/white/", "../../secret.json", "https://p.example/secret.json", false)]
    public void Resolve_ListedPath_ResolvesInsideTheDirectoryOrFlagsTheQuirk(string dir, string path, string expected, bool quirk)
    {
        var url = DistributionListing.Resolve(new Uri(dir), path, out var repositoryRelative);

        Assert.Equal(expected, url!.ToString());
        Assert.Equal(quirk, repositoryRelative);
    }
}
