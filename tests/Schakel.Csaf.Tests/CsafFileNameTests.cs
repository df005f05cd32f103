using System.Text.Json;

namespace Schakel.Csaf.Tests;

public sealed class CsafFileNameTests
{
    [Theory]
    [InlineData("OASIS_CSAF_TC-CSAF_2.0-2021-5-1-11", "oasis_csaf_tc-csaf_2_0-2021-5-1-11.json")]
    [InlineData("OASIS: #/CSAF_TC-CSAF_2.0-2021-5-1-13", "oasis_csaf_tc-csaf_2_0-2021-5-1-13.json")]
    [InlineData("ICSA-24-004-01", "icsa-24-004-01.json")]
    [InlineData("a+b--c", "a+b--c.json")]
    [InlineData("Ünïcode id", "_n_code_id.json")]
    public void FromTrackingId_Examples_FollowSection51(string id, string expected) =>
        Assert.Equal(expected, CsafFileName.FromTrackingId(id));

    [DataFact]
    public void FromTrackingId_OasisValidFiles_GiveTheirOwnName()
    {
        var files = TestData.Files("csaf/oasis-tests/filenames/data/valid", "*.json").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var name = System.IO.Path.GetFileName(file);
            Assert.True(CsafFileName.Matches(name, TrackingId(file)), $"{file}: expected {CsafFileName.FromTrackingId(TrackingId(file))}");
        }
    }

    [DataFact]
    public void FromTrackingId_OasisInvalidFiles_NeverGiveTheirName()
    {
        var files = TestData.Files("csaf/oasis-tests/filenames/data/invalid", "*.json").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.False(CsafFileName.Matches(System.IO.Path.GetFileName(file), TrackingId(file)), file);
        }
    }

    private static string TrackingId(string relative)
    {
        using var doc = JsonDocument.Parse(TestData.Bytes(relative));
        return doc.RootElement.GetProperty("document").GetProperty("tracking").GetProperty("id").GetString()!;
    }
}
