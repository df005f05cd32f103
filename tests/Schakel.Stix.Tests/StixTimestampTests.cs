namespace Schakel.Stix.Tests;

/// <summary>STIX 2.1 section 3.2 (timestamps): precision is kept, comparison is by instant.</summary>
public class StixTimestampTests
{
    [Theory]
    [InlineData("2016-05-12T08:17:27Z", 0)]
    [InlineData("2016-05-12T08:17:27.000Z", 3)]
    [InlineData("2016-05-12T08:17:27.123456789012Z", 12)]
    public void TryParse_ValidTimestamp_KeepsTextAndPrecision(string text, int precision)
    {
        Assert.True(StixTimestamp.TryParse(text, out var t));
        Assert.Equal(text, t.Text);
        Assert.Equal(precision, t.Precision);
    }

    [Theory]
    [InlineData("2016-05-12T08:17:27")]
    [InlineData("2016-05-12T08:17:27+01:00")]
    [InlineData("2016-05-12 08:17:27Z")]
    [InlineData("2016-13-12T08:17:27Z")]
    [InlineData("")]
    public void TryParse_NotUtcRfc3339_Fails(string text) => Assert.False(StixTimestamp.TryParse(text, out _));

    [Fact]
    public void Equals_SameInstantDifferentPrecision_Equal()
    {
        var a = StixTimestamp.Parse("2016-05-12T08:17:27Z");
        var b = StixTimestamp.Parse("2016-05-12T08:17:27.000Z");
        Assert.Equal(a, b);
        Assert.Equal(a.SortKey, b.SortKey);
    }

    [Fact]
    public void CompareTo_DigitsBeyondTicks_OrdersByFullPrecision()
    {
        var a = StixTimestamp.Parse("2016-05-12T08:17:27.1234567891Z");
        var b = StixTimestamp.Parse("2016-05-12T08:17:27.1234567892Z");
        Assert.True(a < b);
        Assert.Equal(a.ToDateTimeOffset(), b.ToDateTimeOffset());
    }
}
