using System.Text.Json.Nodes;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>Tracking, CVE, involvement, hash and category tests: 6.1.18 to 6.1.26.</summary>
public sealed partial class Mandatory18To33Tests
{
    [Theory]
    [InlineData("final")]
    [InlineData("interim")]
    public void Test_6_1_18_ReleasedWithDraftNumberInHistory_ReportsThatItem(string status)
    {
        var doc = BaseDocument();
        History(doc, (1, "0.9.0"), (2, "1.0.0"));
        Tracking(doc)["status"] = status;

        var finding = Single("6.1.18", doc);

        Assert.Equal("/document/tracking/revision_history/0/number", finding.Path);
        Assert.Contains($"'{status}'", finding.Message);
        Assert.Contains("'0.9.0'", finding.Message);
    }

    [Fact]
    public void Test_6_1_18_DraftWithZeroInHistory_Passes()
    {
        var doc = BaseDocument();
        History(doc, (1, "0"), (2, "1"));
        Tracking(doc)["status"] = "draft";

        Assert.Empty(Findings("6.1.18", doc));
    }

    [Fact]
    public void Test_6_1_19_PreReleaseNumber_ReportsItWithItsPreReleasePart()
    {
        var doc = BaseDocument();
        History(doc, (1, "1.0.0"), (2, "1.1.0-rc.1+build-7"));

        var finding = Single("6.1.19", doc);

        Assert.Equal("/document/tracking/revision_history/1/number", finding.Path);
        Assert.Contains("'-rc.1'", finding.Message);
    }

    [Fact]
    public void Test_6_1_19_DashOnlyInBuildMetadata_Passes()
    {
        var doc = BaseDocument();
        History(doc, (1, "1.0.0+build-7"));

        Assert.Empty(Findings("6.1.19", doc));
    }

    [Theory]
    [InlineData("interim", "1.0.0-alpha", 1)]
    [InlineData("final", "2.0.0-0.3.7", 1)]
    [InlineData("draft", "1.0.0-alpha", 0)]
    [InlineData("final", "1.0.0+exp-sha-5", 0)]
    public void Test_6_1_20_VersionWithPreRelease_FailsOnlyWhenReleased(string status, string version, int expected)
    {
        var doc = BaseDocument();
        Tracking(doc)["status"] = status;
        Tracking(doc)["version"] = version;

        var findings = Findings("6.1.20", doc);

        Assert.Equal(expected, findings.Count);
        Assert.All(findings, f => Assert.Equal("/document/tracking/version", f.Path));
    }

    [Fact]
    public void Test_6_1_21_FirstVersionAboveOne_ReportsTheOldestItem()
    {
        var doc = BaseDocument();
        History(doc, (5, "3"), (1, "2"));

        var finding = Single("6.1.21", doc);

        Assert.Equal("/document/tracking/revision_history/1/number", finding.Path);
        Assert.Contains("'2'", finding.Message);
    }

    [Fact]
    public void Test_6_1_21_SemanticMajorGap_NamesTheMissingMajorVersions()
    {
        var doc = BaseDocument();
        History(doc, (1, "1.0.0"), (2, "1.4.0"), (3, "4.0.0"));

        var finding = Single("6.1.21", doc);

        Assert.Equal("/document/tracking/revision_history", finding.Path);
        Assert.Contains("major versions 2 to 3", finding.Message);
    }

    [Fact]
    public void Test_6_1_21_ItemsOutOfDocumentOrderButComplete_Passes()
    {
        var doc = BaseDocument();
        History(doc, (3, "3"), (1, "1"), (2, "2"), (2, "2"));

        Assert.Empty(Findings("6.1.21", doc));
    }

    [Fact]
    public void Test_6_1_22_SameNumberTwice_ReportsTheSecond()
    {
        var doc = BaseDocument();
        History(doc, (1, "1"), (2, "2"), (3, "1"));

        var finding = Single("6.1.22", doc);

        Assert.Equal("/document/tracking/revision_history/2/number", finding.Path);
        Assert.Contains("'1'", finding.Message);
        Assert.Contains("/document/tracking/revision_history/0", finding.Message);
    }

    [Fact]
    public void Test_6_1_22_NumbersDifferingOnlyInBuildMetadata_Pass()
    {
        var doc = BaseDocument();
        History(doc, (1, "1.0.0+a"), (2, "1.0.0+b"));

        Assert.Empty(Findings("6.1.22", doc));
    }

    [Fact]
    public void Test_6_1_23_CveInThreeVulnerabilities_ReportsTheSecondAndThird()
    {
        var doc = BaseDocument();
        doc["vulnerabilities"] = JsonNode.Parse("""[ { "cve": "CVE-2021-44228" }, { "cve": "CVE-2021-45046" }, { "cve": "CVE-2021-44228" }, { "cve": "CVE-2021-44228" } ]""");

        var findings = Findings("6.1.23", doc);

        Assert.Equal(["/vulnerabilities/2/cve", "/vulnerabilities/3/cve"], findings.Select(f => f.Path));
        Assert.All(findings, f => Assert.Contains("'CVE-2021-44228'", f.Message));
        Assert.All(findings, f => Assert.Contains("/vulnerabilities/0", f.Message));
    }

    [Fact]
    public void Test_6_1_24_SamePartyAtTheSameInstantInAnotherOffset_Fails()
    {
        var doc = BaseDocument();
        doc["vulnerabilities"] = JsonNode.Parse("""
            [ { "involvements": [
                { "date": "2024-01-01T10:00:00Z", "party": "vendor", "status": "open" },
                { "date": "2024-01-01T10:00:00Z", "party": "coordinator", "status": "open" },
                { "date": "2024-01-01T12:00:00+02:00", "party": "vendor", "status": "completed" } ] } ]
            """);

        var finding = Single("6.1.24", doc);

        Assert.Equal("/vulnerabilities/0/involvements/2", finding.Path);
        Assert.Contains("'vendor'", finding.Message);
    }

    [Fact]
    public void Test_6_1_24_SamePartyWithoutDates_Passes()
    {
        var doc = BaseDocument();
        doc["vulnerabilities"] = JsonNode.Parse("""[ { "involvements": [ { "party": "vendor", "status": "open" }, { "party": "vendor", "status": "completed" } ] } ]""");

        Assert.Empty(Findings("6.1.24", doc));
    }

    [Fact]
    public void Test_6_1_25_SameAlgorithmInOtherCaseInNestedBranch_ReportsTheRepeat()
    {
        var doc = BaseDocument();
        doc["product_tree"] = JsonNode.Parse("""
            { "branches": [ { "category": "vendor", "name": "V", "branches": [ { "category": "product_name", "name": "P",
              "product": { "name": "V P", "product_id": "CSAFPID-1", "product_identification_helper": { "hashes": [
                { "file_hashes": [ { "algorithm": "sha512", "value": "aa" } ], "filename": "a.so" },
                { "file_hashes": [ { "algorithm": "sha256", "value": "bb" }, { "algorithm": "SHA256", "value": "cc" } ], "filename": "b.so" } ] } } } ] } ] }
            """);

        var finding = Single("6.1.25", doc);

        Assert.Equal("/product_tree/branches/0/branches/0/product/product_identification_helper/hashes/1/file_hashes/1/algorithm", finding.Path);
        Assert.Contains("'SHA256'", finding.Message);
        Assert.Contains("'b.so'", finding.Message);
    }

    [Fact]
    public void Test_6_1_25_SameAlgorithmInDifferentHashItems_Passes()
    {
        var doc = BaseDocument();
        doc["product_tree"] = JsonNode.Parse("""
            { "full_product_names": [ { "name": "A", "product_id": "CSAFPID-1", "product_identification_helper": { "hashes": [
                { "file_hashes": [ { "algorithm": "sha256", "value": "aa" } ], "filename": "a.so" },
                { "file_hashes": [ { "algorithm": "sha256", "value": "bb" } ], "filename": "b.so" } ] } } ],
              "relationships": [ { "category": "installed_on", "product_reference": "CSAFPID-1", "relates_to_product_reference": "CSAFPID-1",
                "full_product_name": { "name": "B", "product_id": "CSAFPID-2", "product_identification_helper": { "hashes": [
                  { "file_hashes": [ { "algorithm": "sha256", "value": "aa" }, { "algorithm": "md5", "value": "cc" } ], "filename": "c.so" } ] } } } ] }
            """);

        Assert.Empty(Findings("6.1.25", doc));
    }

    [Theory]
    [InlineData("Security Advisory", "profile")]
    [InlineData("veX", "profile")]
    [InlineData("V_eX", "profile")]
    [InlineData("informational-advisory", "profile")]
    [InlineData("CSAF Security Advisory", "profile")]
    [InlineData("Csaf_a", "prefix")]
    [InlineData("csaf_Vex", "prefix")]
    public void Test_6_1_26_ProhibitedCategory_ReportsTheCategory(string category, string reason)
    {
        var doc = BaseDocument();
        doc["document"]!["category"] = category;

        var finding = Single("6.1.26", doc);

        Assert.Equal("/document/category", finding.Path);
        Assert.Contains($"'{category}'", finding.Message);
        Assert.Contains(reason == "prefix" ? "reserved prefix 'csaf_'" : "name or value of the profile", finding.Message);
    }

    [Theory]
    [InlineData("csaf_base")]
    [InlineData("csaf_vex")]
    [InlineData("Advisory")]
    [InlineData("VEX report")]
    [InlineData("security_incident")]
    public void Test_6_1_26_AllowedCategory_Passes(string category)
    {
        var doc = BaseDocument();
        doc["document"]!["category"] = category;

        Assert.Empty(Findings("6.1.26", doc));
    }
}
