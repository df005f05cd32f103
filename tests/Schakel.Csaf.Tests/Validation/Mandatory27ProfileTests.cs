using System.Text.Json.Nodes;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>The profile tests 6.1.27.1 to 6.1.27.11: each applies to its categories only.</summary>
public sealed partial class Mandatory18To33Tests
{
    [Theory]
    [InlineData("csaf_informational_advisory", 1)]
    [InlineData("csaf_security_incident_response", 1)]
    [InlineData("csaf_base", 0)]
    [InlineData("csaf_security_advisory", 0)]
    public void Test_6_1_27_1_OnlyLegalNotes_FailsForItsProfilesOnly(string category, int expected)
    {
        var doc = BaseDocument();
        doc["document"]!["category"] = category;
        doc["document"]!["notes"] = JsonNode.Parse("""[ { "category": "legal_disclaimer", "text": "As is." } ]""");

        var findings = Findings("6.1.27.1", doc);

        Assert.Equal(expected, findings.Count);
        Assert.All(findings, f => Assert.Equal("/document/notes", f.Path));
    }

    [Fact]
    public void Test_6_1_27_1_NoNotesAtAll_ReportsTheDocument()
    {
        var doc = BaseDocument();
        doc["document"]!["category"] = "csaf_informational_advisory";

        var finding = Single("6.1.27.1", doc);

        Assert.Equal("/document", finding.Path);
        Assert.Contains("no notes", finding.Message);
    }

    [Fact]
    public void Test_6_1_27_2_ReferenceWithoutCategory_CountsAsExternal()
    {
        var doc = BaseDocument();
        doc["document"]!["category"] = "csaf_security_incident_response";
        doc["document"]!["references"] = JsonNode.Parse("""[ { "summary": "Elsewhere.", "url": "https://example.org/x" } ]""");

        Assert.Empty(Findings("6.1.27.2", doc));
    }

    [Fact]
    public void Test_6_1_27_2_OnlySelfReferences_ReportsTheReferences()
    {
        var doc = BaseDocument();
        doc["document"]!["category"] = "csaf_security_incident_response";
        doc["document"]!["references"] = JsonNode.Parse("""[ { "category": "self", "summary": "This.", "url": "https://example.com/x.json" } ]""");

        Assert.Equal("/document/references", Single("6.1.27.2", doc).Path);
    }

    [Theory]
    [InlineData("csaf_informational_advisory", 1)]
    [InlineData("csaf_base", 0)]
    [InlineData("csaf_security_incident_response", 0)]
    public void Test_6_1_27_3_VulnerabilitiesPresent_FailsForInformationalAdvisoryOnly(string category, int expected)
    {
        var doc = BaseDocument();
        doc["document"]!["category"] = category;
        doc["vulnerabilities"] = JsonNode.Parse("""[ { "title": "Should not be here" } ]""");

        var findings = Findings("6.1.27.3", doc);

        Assert.Equal(expected, findings.Count);
        Assert.All(findings, f => Assert.Equal("/vulnerabilities", f.Path));
    }

    [Theory]
    [InlineData("csaf_security_advisory", "6.1.27.4", 1)]
    [InlineData("csaf_vex", "6.1.27.4", 1)]
    [InlineData("csaf_base", "6.1.27.4", 0)]
    [InlineData("csaf_security_advisory", "6.1.27.11", 1)]
    [InlineData("csaf_vex", "6.1.27.11", 1)]
    [InlineData("csaf_informational_advisory", "6.1.27.11", 0)]
    public void Test_6_1_27_4And11_MissingTopLevelElement_ReportsTheDocumentForTheirProfiles(string category, string id, int expected)
    {
        var doc = BaseDocument();
        doc["document"]!["category"] = category;

        var findings = Findings(id, doc);

        Assert.Equal(expected, findings.Count);
        Assert.All(findings, f => Assert.Equal("", f.Path));
        Assert.All(findings, f => Assert.Contains(id == "6.1.27.4" ? "product_tree" : "vulnerabilities", f.Message));
    }

    [Theory]
    [InlineData("csaf_security_advisory", "6.1.27.5", "notes", 1)]
    [InlineData("csaf_vex", "6.1.27.5", "notes", 1)]
    [InlineData("csaf_base", "6.1.27.5", "notes", 0)]
    [InlineData("csaf_security_advisory", "6.1.27.6", "product_status", 1)]
    [InlineData("csaf_vex", "6.1.27.6", "product_status", 0)]
    [InlineData("csaf_vex", "6.1.27.8", "cve nor ids", 1)]
    [InlineData("csaf_security_advisory", "6.1.27.8", "cve nor ids", 0)]
    public void Test_6_1_27_VulnerabilityWithoutElement_ReportsThatVulnerability(string category, string id, string missing, int expected)
    {
        var doc = WithProducts(category, """[ { "cve": "CVE-2024-0001", "notes": [ { "category": "description", "text": "x" } ], "product_status": { "fixed": [ "CSAFPID-A" ] } }, { "title": "Bare" } ]""");

        var findings = Findings(id, doc);

        Assert.Equal(expected, findings.Count);
        Assert.All(findings, f => Assert.Equal("/vulnerabilities/1", f.Path));
        Assert.All(findings, f => Assert.Contains(missing, f.Message));
        Assert.All(findings, f => Assert.Contains("'Bare'", f.Message));
    }

    [Fact]
    public void Test_6_1_27_7_OnlyFirstFixedAndRecommended_ReportsTheProductStatus()
    {
        var doc = WithProducts("csaf_vex", """[ { "cve": "CVE-2024-0001", "product_status": { "first_fixed": [ "CSAFPID-A" ], "recommended": [ "CSAFPID-B" ] } }, { "cve": "CVE-2024-0002" } ]""");

        var findings = Findings("6.1.27.7", doc);

        Assert.Equal(["/vulnerabilities/0/product_status", "/vulnerabilities/1"], findings.Select(f => f.Path));
        Assert.All(findings, f => Assert.Contains("known_not_affected", f.Message));
    }

    [Fact]
    public void Test_6_1_27_9_ThreatOfOtherCategory_IsNoImpactStatement()
    {
        var doc = WithProducts("csaf_vex", """
            [ { "cve": "CVE-2024-0001", "product_status": { "known_not_affected": [ "CSAFPID-A", "CSAFPID-B" ] },
                "flags": [ { "label": "component_not_present", "product_ids": [ "CSAFPID-A" ] } ],
                "threats": [ { "category": "exploit_status", "details": "None known.", "product_ids": [ "CSAFPID-B" ] } ] } ]
            """);

        var finding = Single("6.1.27.9", doc);

        Assert.Equal("/vulnerabilities/0/product_status/known_not_affected/1", finding.Path);
        Assert.Contains("'CSAFPID-B'", finding.Message);
        Assert.Contains("'CVE-2024-0001'", finding.Message);
    }

    [Fact]
    public void Test_6_1_27_9_StatementInAnotherVulnerability_DoesNotCount()
    {
        var doc = WithProducts("csaf_vex", """
            [ { "cve": "CVE-2024-0001", "product_status": { "known_not_affected": [ "CSAFPID-A" ] } },
              { "cve": "CVE-2024-0002", "product_status": { "known_not_affected": [ "CSAFPID-A" ] },
                "threats": [ { "category": "impact", "details": "Not reachable.", "group_ids": [ "CSAFGID-G" ] } ] } ]
            """);

        Assert.Equal("/vulnerabilities/0/product_status/known_not_affected/0", Single("6.1.27.9", doc).Path);
    }

    [Fact]
    public void Test_6_1_27_10_RemediationThroughGroup_CoversItsMembers()
    {
        var doc = WithProducts("csaf_vex", """
            [ { "cve": "CVE-2024-0001", "product_status": { "known_affected": [ "CSAFPID-A", "CSAFPID-B" ] },
                "remediations": [ { "category": "vendor_fix", "details": "Update.", "group_ids": [ "CSAFGID-G" ] } ] } ]
            """);

        Assert.Empty(Findings("6.1.27.10", doc));
    }

    [Fact]
    public void Test_6_1_27_10_AffectedProductWithoutRemediation_ReportsIt()
    {
        var doc = WithProducts("csaf_vex", """
            [ { "cve": "CVE-2024-0001", "product_status": { "known_affected": [ "CSAFPID-A", "CSAFPID-B" ] },
                "remediations": [ { "category": "vendor_fix", "details": "Update.", "product_ids": [ "CSAFPID-A" ] } ] } ]
            """);

        var finding = Single("6.1.27.10", doc);

        Assert.Equal("/vulnerabilities/0/product_status/known_affected/1", finding.Path);
        Assert.Contains("'CSAFPID-B'", finding.Message);
    }
}
