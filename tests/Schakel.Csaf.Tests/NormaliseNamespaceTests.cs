namespace Schakel.Csaf.Tests;

/// <summary>Publisher namespace normalisation (CSAF 2.0 3.2.1.8.4), used to tell publishers apart.</summary>
public sealed class NormaliseNamespaceTests
{
    [Theory]
    [InlineData("HTTPS://Example.COM/", "https://example.com")]
    [InlineData("https://example.com", "https://example.com")]
    [InlineData("https://www.cisa.gov/", "https://www.cisa.gov")]
    [InlineData("https://Example.com/PSIRT/Advisories/", "https://example.com/PSIRT/Advisories")]
    [InlineData("https://example.com:443/", "https://example.com")]
    [InlineData("http://example.com:80", "http://example.com")]
    [InlineData("https://example.com:8443/", "https://example.com:8443")]
    [InlineData("http://example.com:443", "http://example.com:443")]
    [InlineData("  https://example.com//  ", "https://example.com")]
    [InlineData("https://example.com?Q=A", "https://example.com?Q=A")]
    [InlineData("urn:example:Publisher/", "urn:example:Publisher")]
    public void NormaliseNamespace_Input_IsNormalised(string input, string expected)
    {
        Assert.Equal(expected, CsafReader.NormaliseNamespace(input));
    }

    [Fact]
    public void NormaliseNamespace_TwoSpellings_CompareEqual()
    {
        Assert.Equal(CsafReader.NormaliseNamespace("HTTPS://WWW.CISA.GOV/"), CsafReader.NormaliseNamespace("https://www.cisa.gov"));
    }

    [Fact]
    public void NormaliseNamespace_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => CsafReader.NormaliseNamespace(null!));
    }
}
