using System.Text;
using System.Text.Json;

namespace Schakel.Csaf.Tests;

/// <summary>Documents that must be rejected, and how the rejection reads.</summary>
public sealed class CsafReaderFailureTests
{
    private const string Mandatory = "csaf/oasis-tests/validator/data/mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-08-";

    [DataTheory]
    [InlineData("01")]
    [InlineData("02")]
    [InlineData("03")]
    public void Read_OasisSchemaInvalidTestFile_IsInvalidWithScorePath(string number)
    {
        var bytes = TestData.Bytes($"{Mandatory}{number}.json");

        var result = CsafReader.Read(bytes);

        Assert.Equal(CsafReadStatus.Invalid, result.Status);
        Assert.True(CsafReader.LooksLikeCsaf(bytes));
        Assert.NotEmpty(result.Findings);
        Assert.All(result.Findings, f => Assert.StartsWith("/vulnerabilities/0/scores/0/cvss_v", f.Path));
        Assert.Equal(result.Findings.Count, result.Findings.Distinct().Count());
    }

    [DataFact]
    public void Read_CvssV31WithoutBaseSeverity_ReportsOnlyTheClosestOneOfBranch()
    {
        // 6-1-08-01 is a v3.1 score without baseSeverity; the v3.0 branch would add noise about version/vector.
        var result = CsafReader.Read(TestData.Bytes($"{Mandatory}01.json"));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("/vulnerabilities/0/scores/0/cvss_v3/baseSeverity", finding.Path);
        Assert.Equal("Required property 'baseSeverity' is missing.", finding.Message);
    }

    [DataFact]
    public void Read_MissingTrackingId_PathNamesTheMissingProperty()
    {
        var bytes = Mutated.From(Mutated.Bsi, d => Mutated.Tracking(d).Remove("id"));

        var result = CsafReader.Read(bytes);

        Assert.Equal(CsafReadStatus.Invalid, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("/document/tracking/id", finding.Path);
        Assert.Contains("missing", finding.Message);
        Assert.True(CsafReader.LooksLikeCsaf(bytes));
    }

    [DataFact]
    public void Read_VersionIsNumber_ReportsTypeAtVersionPath()
    {
        var result = CsafReader.Read(Mutated.From(Mutated.Bsi, d => Mutated.Tracking(d)["version"] = 1));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("/document/tracking/version", finding.Path);
        Assert.Contains("\"string\"", finding.Message);
    }

    [DataFact]
    public void Read_UnknownTlpLabel_ListsTheAllowedValues()
    {
        var result = CsafReader.Read(Mutated.From(Mutated.Bsi, d => d["document"]!["distribution"]!["tlp"]!["label"] = "CLEAR"));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("/document/distribution/tlp/label", finding.Path);
        Assert.Equal("Value \"CLEAR\" is not one of the allowed values: \"AMBER\", \"GREEN\", \"RED\", \"WHITE\".", finding.Message);
    }

    [DataFact]
    public void Read_ImpossibleReleaseDate_IsRejectedByFormatValidation()
    {
        var result = CsafReader.Read(Mutated.From(Mutated.Bsi, d => Mutated.Tracking(d)["current_release_date"] = "2022-02-30T10:00:00Z"));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("/document/tracking/current_release_date", finding.Path);
        Assert.Contains("date-time", finding.Message);
    }

    [DataFact]
    public void Read_SeveralProblems_ReportsEachMissingPropertiesFirst()
    {
        var bytes = Mutated.From(Mutated.Bsi, d =>
        {
            d["document"]!["title"] = 42;
            Mutated.Tracking(d).Remove("id");
            Mutated.Tracking(d).Remove("status");
            d["vulnerabilities"]![0]!["cwe"]!["id"] = "CWE-X";
        });

        var result = CsafReader.Read(bytes);

        Assert.Equal(
            ["/document/tracking/id", "/document/tracking/status", "/document/title", "/vulnerabilities/0/cwe/id"],
            result.Findings.Select(f => f.Path));
        Assert.Contains("pattern", result.Findings[3].Message);
    }

    [DataFact]
    public void Read_TruncatedJson_IsNotJsonWithLineAndPosition()
    {
        var full = TestData.Bytes(Mutated.Bsi);

        var result = CsafReader.Read(full[..(full.Length / 2)]);

        Assert.Equal(CsafReadStatus.NotJson, result.Status);
        Assert.Matches(@"^Not valid JSON at line \d+, byte \d+: ", Assert.Single(result.Findings).Message);
        Assert.False(CsafReader.LooksLikeCsaf(full[..(full.Length / 2)]));
    }

    [DataFact]
    public void Read_TrailingGarbageAfterDocument_IsNotJson()
    {
        var result = CsafReader.Read(TestData.Bytes("csaf/distribution/gocsaf-testdata/csaf-documents/trailing-garbage-data/avendor-advisory-0004.json"));

        Assert.Equal(CsafReadStatus.NotJson, result.Status);
    }

    [DataFact]
    public void Read_SignatureFile_IsNotJson()
    {
        var result = CsafReader.Read(TestData.Bytes("csaf/advisories/cisa/OT/white/2024/icsa-24-004-01.json.asc"));

        Assert.Equal(CsafReadStatus.NotJson, result.Status);
        Assert.StartsWith("Not valid JSON at line 1, byte ", result.Findings[0].Message);
    }

    [Fact]
    public void Read_PlainText_IsNotJson()
    {
        var result = CsafReader.Read(Encoding.UTF8.GetBytes("this is not JSON"));

        Assert.Equal(CsafReadStatus.NotJson, result.Status);
        Assert.Equal("", result.Findings[0].Path);
    }

    [Fact]
    public void Read_EmptyFile_IsNotJson()
    {
        var result = CsafReader.Read([]);

        Assert.Equal(CsafReadStatus.NotJson, result.Status);
        Assert.Equal("The file is empty.", Assert.Single(result.Findings).Message);
    }

    [DataFact]
    public void Read_OverSizeLimit_IsTooLargeWithLimitAndSize()
    {
        var bytes = TestData.Bytes(Mutated.Bsi);

        var result = CsafReader.Read(bytes, maxBytes: 1000);

        Assert.Equal(CsafReadStatus.TooLarge, result.Status);
        var message = Assert.Single(result.Findings).Message;
        Assert.Contains("limit of 1,000 bytes", message);
        Assert.Contains($"{bytes.Length:N0} bytes", message);
    }

    [Fact]
    public void Read_OverSizeLimit_IsCheckedBeforeParsing()
    {
        // Garbage that would be NotJson if it were parsed at all.
        var result = CsafReader.Read(new byte[11], maxBytes: 10);

        Assert.Equal(CsafReadStatus.TooLarge, result.Status);
    }

    [DataFact]
    public void Read_ExactlyAtSizeLimit_IsRead()
    {
        var bytes = TestData.Bytes(Mutated.Bsi);

        Assert.True(CsafReader.Read(bytes, maxBytes: bytes.Length).IsSuccess);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"document\": {\"title\": \"no csaf_version\"}}")]
    [InlineData("{\"document\": \"2.0\"}")]
    [InlineData("{\"csaf_version\": \"2.0\"}")]
    public void Read_JsonThatIsNotCsaf_IsNotCsaf(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Equal(CsafReadStatus.NotCsaf, CsafReader.Read(bytes).Status);
        Assert.False(CsafReader.LooksLikeCsaf(bytes));
    }

    [Fact]
    public void Read_CsafVersionOnly_IsInvalidNotNotCsaf()
    {
        // Claims CSAF, so a folder import must reject it, not skip it.
        var bytes = Encoding.UTF8.GetBytes("{\"document\": {\"csaf_version\": \"2.0\"}}");

        var result = CsafReader.Read(bytes);

        Assert.Equal(CsafReadStatus.Invalid, result.Status);
        Assert.Contains(result.Findings, f => f.Path == "/document/tracking");
        Assert.True(CsafReader.LooksLikeCsaf(bytes));
    }

    [DataFact]
    public void Read_ByteOrderMark_IsTolerated()
    {
        var bytes = "\uFEFF"u8.ToArray().Concat(TestData.Bytes(Mutated.Bsi)).ToArray();

        Assert.True(CsafReader.Read(bytes).IsSuccess);
    }

    [Fact]
    public void Read_NonPositiveLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CsafReader.Read([1], maxBytes: 0));
    }

    [Fact]
    public void Read_InvalidUtf8_IsNotJson()
    {
        var result = CsafReader.Read([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        Assert.Equal(CsafReadStatus.NotJson, result.Status);
        Assert.Equal("The file is not valid UTF-8: invalid byte sequence at byte offset 2.", result.Findings[0].Message);
    }

    [Fact]
    public void Validate_EmptyObject_ReportsWholeDocumentRequirements()
    {
        using var json = JsonDocument.Parse("{}");
        var findings = CsafSchema.Validate(json.RootElement);

        Assert.Equal(new CsafFinding("/document", "Required property 'document' is missing."), Assert.Single(findings));
    }
}
