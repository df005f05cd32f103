namespace Schakel.Stix.Tests;

/// <summary>STIX 2.1 section 2.9: identifiers are object-type--UUID with an RFC 4122 UUID.</summary>
public class StixIdentifierTests
{
    [Theory]
    [InlineData("indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836", "indicator", 4)]
    [InlineData("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", "ipv4-addr", 5)]
    [InlineData("x-example-com-customobject--4527e5de-8572-446a-a57a-706f15467461", "x-example-com-customobject", 4)]
    [InlineData("identity--1621d4d4-b67d-11e3-9670-f01faf20d111", "identity", 1)]
    public void TryParse_Valid_TypeAndVersion(string text, string type, int version)
    {
        Assert.True(StixIdentifier.TryParse(text, out var id));
        Assert.Equal(type, id.Type);
        Assert.Equal(version, id.UuidVersion);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("indicator-e2e1a340-4415-4ba8-9671-f7343fbf0836")]
    [InlineData("Indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836")]
    [InlineData("indicator--e2e1a340-4415-0ba8-9671-f7343fbf0836")]
    [InlineData("indicator--e2e1a340-4415-4ba8-c671-f7343fbf0836")]
    [InlineData("indicator--{e2e1a340-4415-4ba8-9671-f7343fbf0836}")]
    [InlineData("0")]
    [InlineData("")]
    public void TryParse_Invalid_False(string text) => Assert.False(StixIdentifier.TryParse(text, out _));

    [Fact]
    public void NewId_Bundle_Version4()
    {
        Assert.True(StixIdentifier.TryParse(StixIdentifier.NewId("bundle"), out var id));
        Assert.Equal(("bundle", 4), (id.Type, id.UuidVersion));
    }
}
