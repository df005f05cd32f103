using System.Text.Json.Nodes;
using Schakel.Csaf.Validation;
using static Schakel.Csaf.Tests.Validation.Mandatory03To17Support;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>Mandatory tests 6.1.3–6.1.7 and 6.1.13 (product ids, groups, status, scores per product, PURL) on small documents.</summary>
public sealed class Mandatory03To17ProductTests
{
    private static JsonObject WithRelationships(params (string Defines, string Product, string RelatesTo)[] relationships)
    {
        var doc = Document();
        doc["product_tree"]!["relationships"] = new JsonArray(relationships.Select(r => (JsonNode)new JsonObject
        {
            ["category"] = "installed_on",
            ["full_product_name"] = new JsonObject { ["name"] = r.Defines, ["product_id"] = r.Defines },
            ["product_reference"] = r.Product,
            ["relates_to_product_reference"] = r.RelatesTo,
        }).ToArray());
        return doc;
    }

    [Fact]
    public void CircularDefinition_CycleOverTwoRelationships_ReportsEachDefinitionWithTheCycle()
    {
        var doc = WithRelationships(("R1", "P1", "R2"), ("R2", "R1", "P2"));

        var outcome = Run(doc, "6.1.3");

        Assert.Equal(["/product_tree/relationships/0/full_product_name/product_id", "/product_tree/relationships/1/full_product_name/product_id"], outcome.Findings.Select(f => f.Path));
        Assert.Contains("R1 -> R2 -> R1", outcome.Findings[0].Message);
        Assert.Contains("R2 -> R1 -> R2", outcome.Findings[1].Message);
    }

    [Fact]
    public void CircularDefinition_ChainWithoutCycle_Passes()
    {
        Run(WithRelationships(("R1", "P1", "P2"), ("R2", "R1", "P2"), ("R3", "R2", "R1")), "6.1.3").AssertPassed();
    }

    [Fact]
    public void MissingGroupDefinition_RemediationNamesUnknownGroup_ReportsTheReference()
    {
        var doc = Document();
        doc["product_tree"]!["product_groups"] = JsonNode.Parse("""[{ "group_id": "G1", "product_ids": ["P1", "P2"] }]""");
        doc["vulnerabilities"]![0]!["remediations"] = JsonNode.Parse("""[{ "category": "vendor_fix", "details": "Update.", "group_ids": ["G1", "G9"] }]""");

        var finding = Run(doc, "6.1.4").Single;

        Assert.Equal("/vulnerabilities/0/remediations/0/group_ids/1", finding.Path);
        Assert.Contains("'G9'", finding.Message);
    }

    [Fact]
    public void MultipleGroupDefinition_SameIdTwice_ReportsTheSecondNamingTheFirst()
    {
        var doc = Document();
        doc["product_tree"]!["product_groups"] = JsonNode.Parse("""[{ "group_id": "G1", "product_ids": ["P1", "P2"] }, { "group_id": "G1", "product_ids": ["P1", "P2"] }]""");

        var finding = Run(doc, "6.1.5").Single;

        Assert.Equal("/product_tree/product_groups/1/group_id", finding.Path);
        Assert.Contains("/product_tree/product_groups/0/group_id", finding.Message);
    }

    [Fact]
    public void ContradictingStatus_FixedAndUnderInvestigation_ReportsTheSecondGroup()
    {
        var doc = Document();
        doc["vulnerabilities"]![0]!["product_status"] = JsonNode.Parse("""{ "fixed": ["P1"], "under_investigation": ["P2", "P1"] }""");

        var finding = Run(doc, "6.1.6").Single;

        Assert.Equal("/vulnerabilities/0/product_status/under_investigation/1", finding.Path);
        Assert.Contains("'Fixed'", finding.Message);
        Assert.Contains("'Under investigation'", finding.Message);
    }

    [Fact]
    public void ContradictingStatus_RecommendedOrOtherVulnerability_Passes()
    {
        var doc = Document();
        doc["vulnerabilities"]![0]!["product_status"] = JsonNode.Parse("""{ "known_not_affected": ["P1"], "recommended": ["P1"] }""");
        doc["vulnerabilities"]!.AsArray().Add(JsonNode.Parse("""{ "cve": "CVE-2024-0002", "product_status": { "known_affected": ["P1"] } }"""));

        Run(doc, "6.1.6").AssertPassed();
    }

    [Fact]
    public void MultipleScores_TwoCvssV2ForOneProduct_ReportsTheSecond()
    {
        const string v2 = """{ "version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:P/I:P/A:P", "baseScore": 7.5 }""";
        var doc = Document().WithScores(Score("cvss_v2", v2, "P1", "P2"), Score("cvss_v2", v2, "P2"));

        var finding = Run(doc, "6.1.7").Single;

        Assert.Equal("/vulnerabilities/0/scores/1/products/0", finding.Path);
        Assert.Contains("'P2'", finding.Message);
        Assert.Contains("v2.0", finding.Message);
    }

    [Fact]
    public void MultipleScores_V30AndV31ForOneProductOrProductListedTwice_Passes()
    {
        var doc = Document().WithScores(
            Score("cvss_v3", """{ "version": "3.0", "vectorString": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL" }""", "P1", "P1"),
            Score("cvss_v3", """{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL" }""", "P1"));

        Run(doc, "6.1.7").AssertPassed();
    }

    [Theory]
    [InlineData("pkg:npm/%40angular/animation@12.3.1")]
    [InlineData("pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?packaging=sources&classifier=dist")]
    [InlineData("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie")]
    [InlineData("pkg:golang/google.golang.org/genproto#googleapis/api/annotations")]
    [InlineData("pkg:generic/openssl@1.1.10g")]
    public void Purl_ValidPackageUrl_Passes(string purl)
    {
        var doc = Document();
        doc["product_tree"]!["full_product_names"]![0]!["product_identification_helper"] = new JsonObject { ["purl"] = purl };

        Run(doc, "6.1.13").AssertPassed();
    }

    [Theory]
    [InlineData("pkg:maven/@1.3.4", "the name is missing")]
    [InlineData("pkg:1maven/org/name", "the type '1maven'")]
    [InlineData("pkg:npm/foo%zzbar", "broken percent-encoding")]
    [InlineData("pkg:npm/foo?1a=b", "qualifier key '1a'")]
    [InlineData("pkg:npm/foo?a=b&a=c", "occurs more than once")]
    [InlineData("pkg:npm/foo#../bar", "segment '..'")]
    [InlineData("pkg:npm", "the name is missing")]
    public void Purl_InvalidPackageUrlInNestedBranch_ReportsItsPointerAndReason(string purl, string reason)
    {
        var doc = Document();
        doc["product_tree"]!["branches"] = JsonNode.Parse($$"""
            [{ "category": "vendor", "name": "V", "branches": [{ "category": "product_name", "name": "N",
               "product": { "name": "N", "product_id": "P3", "product_identification_helper": { "purl": "{{purl}}" } } }] }]
            """);

        var finding = Run(doc, "6.1.13").Single;

        Assert.Equal("/product_tree/branches/0/branches/0/product/product_identification_helper/purl", finding.Path);
        Assert.Contains(reason, finding.Message);
    }

    [Fact]
    public void Purl_InRelationshipWithoutProductId_IsStillChecked()
    {
        var doc = Document();
        doc["product_tree"]!["relationships"] = JsonNode.Parse("""
            [{ "category": "installed_on", "product_reference": "P1", "relates_to_product_reference": "P2",
               "full_product_name": { "name": "X", "product_identification_helper": { "purl": "pkg:/x" } } }]
            """);

        Assert.Equal("/product_tree/relationships/0/full_product_name/product_identification_helper/purl", Run(doc, "6.1.13").Single.Path);
    }
}
