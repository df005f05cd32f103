using System.Text;

namespace Schakel.Stix.Tests;

/// <summary>STIX 2.1 section 8 (bundles) and TAXII 2.1 section 3.7 (envelopes): what the reader accepts, and the size limit.</summary>
public class StixBundleReaderTests
{
    private const string Indicator = """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.3']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""";

    [Theory]
    [InlineData("{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":[" + Indicator + "]}", StixContainer.Bundle)]
    [InlineData("{\"more\":false,\"objects\":[" + Indicator + "]}", StixContainer.Envelope)]
    [InlineData(Indicator, StixContainer.Object)]
    [InlineData("[" + Indicator + "]", StixContainer.Array)]
    public void Read_EachContainer_ReadsTheObject(string json, StixContainer container)
    {
        var read = StixBundleReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.Equal(container, read.Container);
        Assert.Equal("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", Assert.Single(read.Objects).Id);
        Assert.Empty(read.Findings);
    }

    [Fact]
    public void Read_Utf8ByteOrderMark_Skipped()
    {
        var read = StixBundleReader.Read((byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Indicator)]);
        Assert.Single(read.Objects);
        Assert.Empty(read.Findings);
    }

    [Fact]
    public void Read_LargerThanLimit_RefusedBeforeParsing()
    {
        var read = StixBundleReader.Read(Encoding.UTF8.GetBytes("{\"type\":\"bundle\",\"objects\":[" + Indicator + "]}"), maxBytes: 100);
        Assert.Empty(read.Objects);
        Assert.Equal("size", Assert.Single(read.Findings).Rule);
    }

    [Fact]
    public void Read_ObjectWithoutId_ReportedOthersKept()
    {
        var read = StixBundleReader.Read(Encoding.UTF8.GetBytes("{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":[{\"type\":\"indicator\"}," + Indicator + "]}"));
        Assert.Single(read.Objects);
        Assert.Equal("/objects/0", Assert.Single(read.Findings).Path);
    }
}
