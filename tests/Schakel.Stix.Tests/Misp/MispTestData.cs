using Schakel.Stix.Misp;

namespace Schakel.Stix.Tests.Misp;

/// <summary>The real MISP events in <c>misp/events/</c> of the data folder (PyMISP test files, CIRCL OSINT events).</summary>
internal static class MispTestData
{
    public static IEnumerable<string> EventFiles() => TestData.Files("misp/events", "*.json");

    public static TheoryData<string> Events()
    {
        var data = new TheoryData<string>();
        if (TestData.MissingReason is not null && !TestData.IsCi) { data.Add("missing"); return data; }
        foreach (var f in EventFiles()) data.Add(f);
        return data;
    }

    public static MispEvent Read(string relative)
    {
        var result = MispEventReader.Read(TestData.Bytes(relative));
        Assert.True(result.Event is not null, string.Join("; ", result.Findings));
        return result.Event!;
    }
}
