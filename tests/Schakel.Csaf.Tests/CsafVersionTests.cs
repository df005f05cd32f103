namespace Schakel.Csaf.Tests;

/// <summary>CSAF 2.0 section 3.1.11 version_t: integer and semantic versioning.</summary>
public sealed class CsafVersionTests
{
    [Theory]
    [InlineData("1", "2")]
    [InlineData("2", "10")]
    [InlineData("0", "1")]
    [InlineData("9", "10")]
    [InlineData("99999999999999999999", "100000000000000000000")] // beyond long
    [InlineData("1.0.0", "2.0.0")]
    [InlineData("2.0.0", "2.1.0")]
    [InlineData("2.1.0", "2.1.1")]
    [InlineData("1.9.0", "1.10.0")]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta")]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta")]
    [InlineData("1.0.0-beta", "1.0.0-beta.2")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11")]
    [InlineData("1.0.0-beta.11", "1.0.0-rc.1")]
    [InlineData("1.0.0-rc.1", "1.0.0")]
    [InlineData("1.0.0-rc.1+build.9", "1.0.0")]
    [InlineData("0.9.9", "1.0.0-alpha")]
    public void Compare_OlderThenNewer_IsNegativeAndAntisymmetric(string older, string newer)
    {
        Assert.Equal(-1, CsafVersion.Compare(older, newer));
        Assert.Equal(1, CsafVersion.Compare(newer, older));
    }

    [Theory]
    [InlineData("1.0.0+build", "1.0.0")]
    [InlineData("1.0.0+build.1", "1.0.0+build.2")]
    [InlineData("1.0.0-rc.1+a", "1.0.0-rc.1+b")]
    [InlineData("7", "7")]
    public void Compare_EqualPrecedence_IsZero(string a, string b)
    {
        Assert.Equal(0, CsafVersion.Compare(a, b));
        Assert.Equal(0, CsafVersion.Compare(b, a));
    }

    [Theory]
    [InlineData("1", "1.0.0")]
    [InlineData("2.0.0", "3")]
    public void Compare_IntegerWithSemantic_ThrowsExplainingSchemes(string a, string b)
    {
        var ex = Assert.Throws<FormatException>(() => CsafVersion.Compare(a, b));

        Assert.Contains("integer and the other semantic", ex.Message);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("1.0")]
    [InlineData("1.0.0.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0+")]
    [InlineData("v1")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1\n")]
    [InlineData("١")] // Arabic-Indic digit one: a digit to .NET's \d, not to CSAF
    public void Compare_NotAVersion_ThrowsFormatException(string version)
    {
        Assert.Throws<FormatException>(() => CsafVersion.Compare(version, "1"));
        Assert.Throws<FormatException>(() => CsafVersion.Compare("1.0.0", version));
        Assert.False(CsafVersion.IsValid(version));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("42")]
    [InlineData("0.0.0")]
    [InlineData("1.0.0-rc.1")]
    [InlineData("1.0.0-0A.is.legal")]
    [InlineData("1.0.0+20130313144700")]
    [InlineData("1.0.0-x-y-z.--")]
    public void IsValid_CsafVersion_IsTrue(string version)
    {
        Assert.True(CsafVersion.IsValid(version));
    }

    [Fact]
    public void IsValid_Null_IsFalse()
    {
        Assert.False(CsafVersion.IsValid(null));
    }

    [Fact]
    public void Comparer_SortsHistory_InPrecedenceOrder()
    {
        string[] shuffled = ["1.0.0", "1.0.0-beta", "1.0.0-alpha.1", "2.0.0", "1.0.0-alpha", "1.0.0-rc.1"];

        var sorted = shuffled.Order(CsafVersionComparer.Instance);

        Assert.Equal(["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc.1", "1.0.0", "2.0.0"], sorted);
    }

    [Theory]
    [InlineData("3", true)]
    [InlineData("3.0.0", false)]
    public void IsInteger_Version_TellsScheme(string version, bool expected)
    {
        Assert.Equal(expected, CsafVersion.IsInteger(version));
    }
}
