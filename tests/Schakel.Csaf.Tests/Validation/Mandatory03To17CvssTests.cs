using System.Text.Json.Nodes;
using Schakel.Csaf.Validation;
using static Schakel.Csaf.Tests.Validation.Mandatory03To17Support;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>Mandatory tests 6.1.8 (CVSS schema), 6.1.9 (CVSS computation) and 6.1.10 (CVSS consistency) on small documents.</summary>
public sealed class Mandatory03To17CvssTests
{
    private static JsonObject WithCvss(string member, string json) => Document().WithScores(Score(member, json, "P1"));

    [Fact]
    public void InvalidCvss_V31WithoutBaseSeverity_ReportsTheMissingProperty()
    {
        var finding = Run(WithCvss("cvss_v3", """{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8 }"""), "6.1.8").Single;

        Assert.Equal("/vulnerabilities/0/scores/0/cvss_v3/baseSeverity", finding.Path);
        Assert.Contains("CVSS v3.1 schema", finding.Message);
        Assert.Contains("'baseSeverity'", finding.Message);
    }

    [Fact]
    public void InvalidCvss_V2VectorBreaksPattern_ReportsTheVector()
    {
        var finding = Run(WithCvss("cvss_v2", """{ "version": "2.0", "vectorString": "AV:N/AC:X/Au:N/C:P/I:P/A:P", "baseScore": 7.5 }"""), "6.1.8").Single;

        Assert.Equal("/vulnerabilities/0/scores/0/cvss_v2/vectorString", finding.Path);
        Assert.Contains("CVSS v2.0 schema", finding.Message);
    }

    [Theory]
    [InlineData("""{ "version": "4.0", "vectorString": "CVSS:4.0/AV:N", "baseScore": 9.8, "baseSeverity": "CRITICAL" }""", "/vulnerabilities/0/scores/0/cvss_v3/version")]
    [InlineData("\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"", "/vulnerabilities/0/scores/0/cvss_v3")]
    public void InvalidCvss_NoUsableV3Object_Reported(string json, string path)
    {
        Assert.Equal(path, Run(WithCvss("cvss_v3", json), "6.1.8").Single.Path);
    }

    [Fact]
    public void InvalidCvss_ValidV30AndV2_Pass()
    {
        var doc = Document().WithScores(
            Score("cvss_v3", """{ "version": "3.0", "vectorString": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL" }""", "P1"),
            Score("cvss_v2", """{ "version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:P/I:P/A:P", "baseScore": 7.5 }""", "P1"));

        Run(doc, "6.1.8").AssertPassed();
    }

    // Scores from the CVSS v3.0/v3.1 specification examples and the v2 guide's sample calculations, and cases where
    // v3.1's environmental formula departs from the base score although no environmental metric is set.
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, 6.1, 6.1)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, 3.1, 3.1)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, 9.6, 9.7)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, 9.9, 10.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C", 9.8, 8.5, 8.5)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, 9.6, 9.6)]
    [InlineData("CVSS:3.0/AV:L/AC:L/PR:H/UI:R/S:U/C:H/I:N/A:H/E:H/RL:W/RC:U/CR:H/IR:H/AR:M/MAV:L/MAC:L/MPR:H/MUI:N/MS:C/MC:N/MI:H/MA:L", 5.8, 5.2, 7.4)]
    [InlineData("CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:L/E:U/RL:U/RC:R/CR:M/MPR:L/MUI:R/MI:N/MA:H", 7.7, 6.8, 6.3)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, 0.0, 0.0)]
    [InlineData("AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H", 7.8, 6.4, 9.2)]
    [InlineData("AV:L/AC:M/Au:S/C:N/I:P/A:C/E:U/RL:OF/RC:UR/CDP:N/TD:L/CR:H/IR:H/AR:H", 5.0, 3.5, 1.2)]
    [InlineData("AV:A/AC:H/Au:S/C:N/I:P/A:P/E:POC/RL:OF/RC:C/CDP:LM/TD:M/CR:M/IR:L/AR:L", 2.9, 2.3, 2.8)]
    public void CvssComputation_CorrectScores_Pass(string vector, double baseScore, double temporal, double environmental)
    {
        var v2 = !vector.StartsWith("CVSS:", StringComparison.Ordinal);
        var cvss = new JsonObject
        {
            ["version"] = v2 ? "2.0" : vector[5..8], ["vectorString"] = vector,
            ["baseScore"] = baseScore, ["temporalScore"] = temporal, ["environmentalScore"] = environmental,
        };
        if (!v2)
        {
            cvss["baseSeverity"] = Severity(baseScore);
            cvss["temporalSeverity"] = Severity(temporal);
            cvss["environmentalSeverity"] = Severity(environmental);
        }

        Run(WithCvss(v2 ? "cvss_v2" : "cvss_v3", cvss.ToJsonString()), "6.1.9").AssertPassed();
    }

    [Fact]
    public void CvssComputation_WrongScoreAndSeverity_ReportsBothWithTheComputedValues()
    {
        var outcome = Run(WithCvss("cvss_v3", """{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.0, "baseSeverity": "HIGH", "temporalScore": 9.8 }"""), "6.1.9");

        Assert.Equal(["/vulnerabilities/0/scores/0/cvss_v3/baseScore", "/vulnerabilities/0/scores/0/cvss_v3/baseSeverity"], outcome.Findings.Select(f => f.Path));
        Assert.Contains("gives 9.8", outcome.Findings[0].Message);
        Assert.Contains("'CRITICAL'", outcome.Findings[1].Message);
    }

    [Fact]
    public void CvssComputation_V2WrongTemporalScore_Reported()
    {
        var finding = Run(WithCvss("cvss_v2", """{ "version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C", "baseScore": 10.0, "temporalScore": 10.0 }"""), "6.1.9").Single;

        Assert.Equal("/vulnerabilities/0/scores/0/cvss_v2/temporalScore", finding.Path);
        Assert.Contains("gives 8.3", finding.Message);
    }

    [Fact]
    public void InconsistentCvss_PropertiesContradictVector_ReportsEachProperty()
    {
        var outcome = Run(WithCvss("cvss_v3", """
            { "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:X", "baseScore": 9.8, "baseSeverity": "CRITICAL",
              "attackVector": "LOCAL", "attackComplexity": "LOW", "exploitCodeMaturity": "PROOF_OF_CONCEPT", "remediationLevel": "OFFICIAL_FIX" }
            """), "6.1.10");

        Assert.Equal(["/vulnerabilities/0/scores/0/cvss_v3/attackVector", "/vulnerabilities/0/scores/0/cvss_v3/remediationLevel"], outcome.Findings.Select(f => f.Path));
        Assert.Contains("AV:N, which is 'NETWORK'", outcome.Findings[0].Message);
        Assert.Contains("RL:X, which is 'NOT_DEFINED'", outcome.Findings[1].Message);
    }

    [Fact]
    public void InconsistentCvss_PropertyForMetricTheVectorOmits_NotJudged()
    {
        // As in the OASIS valid example 6-2-19-12: modified impacts given as properties only.
        Run(WithCvss("cvss_v3", """
            { "version": "3.1", "vectorString": "CVSS:3.1/AV:L/AC:L/PR:H/UI:R/S:U/C:H/I:H/A:H", "baseScore": 6.5, "baseSeverity": "MEDIUM",
              "modifiedConfidentialityImpact": "NONE", "modifiedIntegrityImpact": "NONE", "modifiedAvailabilityImpact": "NONE" }
            """), "6.1.10").AssertPassed();
    }

    [Fact]
    public void InconsistentCvss_VersionDiffersFromVector_Reported()
    {
        var finding = Run(WithCvss("cvss_v3", """{ "version": "3.0", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL" }"""), "6.1.10").Single;

        Assert.Equal("/vulnerabilities/0/scores/0/cvss_v3/version", finding.Path);
    }

    [Fact]
    public void InconsistentCvss_V2PropertiesMatchVector_Pass()
    {
        Run(WithCvss("cvss_v2", """
            { "version": "2.0", "vectorString": "AV:N/AC:M/Au:S/C:P/I:N/A:C/CDP:LM", "baseScore": 7.5,
              "accessVector": "NETWORK", "accessComplexity": "MEDIUM", "authentication": "SINGLE", "confidentialityImpact": "PARTIAL",
              "integrityImpact": "NONE", "availabilityImpact": "COMPLETE", "collateralDamagePotential": "LOW_MEDIUM", "targetDistribution": "NOT_DEFINED" }
            """), "6.1.10").AssertPassed();
    }

    private static string Severity(double score) => score switch
    {
        0 => "NONE",
        < 4 => "LOW",
        < 7 => "MEDIUM",
        < 9 => "HIGH",
        _ => "CRITICAL",
    };

    [Fact]
    public void CvssTests_BrokenShapes_NeverThrow()
    {
        foreach (var json in new[] { "1", "[]", "{}", """{ "vectorString": 5 }""", """{ "vectorString": "CVSS:3.1/AV:N/AV:N" }""", """{ "version": "3.1", "vectorString": "CVSS:3.1/" }""" })
        {
            foreach (var id in new[] { "6.1.7", "6.1.8", "6.1.9", "6.1.10" })
            {
                var outcome = Run(WithCvss("cvss_v3", json), id);
                Assert.NotEqual(CsafTestOutcome.NotRun, outcome.Run.Outcome);
            }
        }

        Assert.Equal(CsafTestOutcome.Passed, Run(Document().WithScores(JsonNode.Parse("""{ "products": "P1" }""")!.AsObject()), "6.1.7").Run.Outcome);
    }
}
