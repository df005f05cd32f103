using System.Text.Json.Nodes;
using Schakel.Csaf.Authoring;
using Schakel.Csaf.Validation;

namespace Schakel.Csaf.Tests.Authoring;

/// <summary>Authored documents name their place in the provider's directory (CSAF 2.0 7.1.11) and pass 6.2.11 and 6.2.13.</summary>
public sealed class CanonicalUrlTests
{
    private static readonly CsafValidator Validator = new(options: new CsafValidatorOptions { Informative = false });

    [Theory]
    [InlineData(CsafTlpLabel.White, "https://node.example/.well-known/csaf/white/2026/ncsc-2026-0001.json")]
    [InlineData(CsafTlpLabel.Green, "https://node.example/.well-known/csaf/green/2026/ncsc-2026-0001.json")]
    [InlineData(CsafTlpLabel.Amber, "https://node.example/.well-known/csaf/amber/2026/ncsc-2026-0001.json")]
    public void Build_WithProviderDirectory_SelfReferenceIsTheDirectoryUrlAndOptionalTestsPass(CsafTlpLabel tlp, string expected)
    {
        var context = AuthoredSamples.Context() with { ProviderDirectoryUrl = "https://node.example/.well-known/csaf/" };
        var bytes = CsafAdvisoryBuilder.BuildBytes(AuthoredSamples.Full() with { Tlp = tlp }, context);

        var self = JsonNode.Parse(bytes)!["document"]!["references"]!.AsArray().Single(r => (string?)r!["category"] == "self");
        Assert.Equal(expected, (string?)self!["url"]);
        var report = Validator.Validate(bytes);
        Assert.True(report.IsValid, string.Join("; ", report.Errors));
        Assert.DoesNotContain(report.Warnings, w => w.TestId is "6.2.11" or "6.2.13");
    }

    [Fact]
    public void Build_RedWithProviderDirectory_NoSelfReference()
    {
        var context = AuthoredSamples.Context() with { ProviderDirectoryUrl = "https://node.example/.well-known/csaf" };
        var bytes = CsafAdvisoryBuilder.BuildBytes(AuthoredSamples.Full() with { Tlp = CsafTlpLabel.Red }, context);

        var references = JsonNode.Parse(bytes)!["document"]!["references"]?.AsArray() ?? [];
        Assert.DoesNotContain(references, r => (string?)r!["category"] == "self");
    }
}
