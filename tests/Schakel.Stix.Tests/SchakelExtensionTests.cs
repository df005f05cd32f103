using Schakel.Stix.Extensions;
using Schakel.Stix.Markings;

namespace Schakel.Stix.Tests;

/// <summary>Schakel's property extension (STIX 2.1 section 7.3): written, read back, removed, other properties untouched.</summary>
public class SchakelExtensionTests
{
    [Fact]
    public void WithReadWithout_RoundTrip_KeepsObjectAndTimestampText()
    {
        var o = StixObject.Parse("""{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.123456Z","pattern":"[ipv4-addr:value = '198.51.100.3']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""");
        var item = new SchakelItemRef(Guid.NewGuid(), StixTlp.AmberStrict, "published", "ncsc", "Titel");
        var marked = SchakelExtension.With(o, item);
        Assert.Equal(item, SchakelExtension.Read(marked));
        Assert.Equal("2016-04-06T20:03:48.123456Z", marked.Modified!.Text);
        Assert.Equal(o.Json, SchakelExtension.Without(marked).Json);
        Assert.Null(SchakelExtension.Read(o));
    }

    [Fact]
    public void ReadAll_OtherItems_ListsEveryValidItemOnceAfterTheServedOne()
    {
        var o = StixObject.Parse("""{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.3']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}""");
        var served = new SchakelItemRef(Guid.NewGuid(), StixTlp.Green, "retracted", "ncsc", "Eerste") { Reason = "Vals positief" };
        var other = new SchakelItemRef(Guid.NewGuid(), StixTlp.Amber, "published", "z-cert", null) { Elsewhere = true };
        var marked = SchakelExtension.With(o, served, [other, served]);
        Assert.Equal([served, other], SchakelExtension.ReadAll(marked));
        Assert.Contains("\"in_collection\":false", marked.Json, StringComparison.Ordinal);
        Assert.Equal(served, SchakelExtension.Read(marked));
        Assert.Empty(SchakelExtension.ReadAll(o));

        // A malformed entry (no item id) is left out, the rest still count.
        var broken = StixObject.Parse(marked.Json.Replace("\"other_items\":[", "\"other_items\":[{\"tlp\":\"green\"},", StringComparison.Ordinal));
        Assert.Equal([served, other], SchakelExtension.ReadAll(broken));
    }

    [Fact]
    public void DefinitionJson_IsAnExtensionDefinitionObject()
    {
        var d = StixObject.Parse(SchakelExtension.DefinitionJson);
        Assert.Equal("extension-definition", d.Type);
        Assert.Equal(SchakelExtension.Id, d.Id);
    }
}
