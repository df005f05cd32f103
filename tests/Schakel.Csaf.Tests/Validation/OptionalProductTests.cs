using System.Text.Json.Nodes;
using static Schakel.Csaf.Tests.Validation.OptionalTestDocuments;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>Optional tests about products, remediations, scores and hashes (6.2.1–6.2.3, 6.2.8, 6.2.9, 6.2.16, 6.2.18, 6.2.19).</summary>
public sealed class OptionalProductTests
{
    [Fact]
    public void UnusedProductId_BranchProductNeverReferenced_WarnsAtItsProductId()
    {
        var message = SingleWarning("6.2.1", "/product_tree/branches/0/product/product_id", d => d["product_tree"]!["branches"] = Node(
            """[{ "category": "product_name", "name": "B", "product": { "name": "B 2.0", "product_id": "B", "product_identification_helper": { "cpe": "cpe:/a:example:b:2.0" } } }]"""));

        Assert.Equal("Product id 'B' is defined but never referenced in the document.", message);
    }

    [Fact]
    public void UnusedProductId_ReferencedOnlyFromAProductGroupOrRelationship_Passes()
    {
        Assert.Empty(Findings("6.2.1", d =>
        {
            d["product_tree"]!["full_product_names"]!.AsArray().Add(Node("""{ "name": "B", "product_id": "B", "product_identification_helper": { "cpe": "cpe:/a:example:b" } }"""));
            d["product_tree"]!["full_product_names"]!.AsArray().Add(Node("""{ "name": "C", "product_id": "C", "product_identification_helper": { "cpe": "cpe:/a:example:c" } }"""));
            d["product_tree"]!["product_groups"] = Node("""[{ "group_id": "G", "product_ids": [ "A", "B" ] }]""");
            d["product_tree"]!["relationships"] = Node(
                """[{ "category": "installed_on", "full_product_name": { "name": "A on C", "product_id": "A-C", "product_identification_helper": { "cpe": "cpe:/a:example:a" } }, "product_reference": "A", "relates_to_product_reference": "C" }]""");
            d.Vuln()["product_status"]!["fixed"] = Node("""[ "A-C" ]""");
        }));
    }

    [Fact]
    public void MissingRemediation_RemediationThroughProductGroup_Passes()
    {
        Assert.Empty(Findings("6.2.2", d =>
        {
            d["product_tree"]!["product_groups"] = Node("""[{ "group_id": "G", "product_ids": [ "A", "A" ] }]""");
            d.Vuln()["remediations"] = Node("""[{ "category": "workaround", "details": "Block port 80.", "group_ids": [ "G" ] }]""");
        }));
    }

    [Fact]
    public void MissingRemediation_RemediationOnlyInAnotherVulnerability_WarnsAtTheStatusEntry()
    {
        var message = SingleWarning("6.2.2", "/vulnerabilities/1/product_status/under_investigation/0", d =>
            d["vulnerabilities"]!.AsArray().Add(Node("""{ "cve": "CVE-2024-0002", "product_status": { "under_investigation": [ "A" ] } }""")));

        Assert.Equal("Product id 'A' is in product status 'under_investigation' but no remediation of this vulnerability covers it.", message);
    }

    [Fact]
    public void MissingRemediation_FixedProductWithoutRemediation_Passes()
    {
        Assert.Empty(Findings("6.2.2", d =>
        {
            d.Vuln()["product_status"] = Node("""{ "fixed": [ "A" ] }""");
            d.Vuln().AsObject().Remove("remediations");
        }));
    }

    [Fact]
    public void MissingScore_ScoreOfAnotherProductOnly_WarnsAtTheStatusEntry()
    {
        var message = SingleWarning("6.2.3", "/vulnerabilities/0/product_status/last_affected/0", d =>
        {
            d["product_tree"]!["full_product_names"]!.AsArray().Add(Node("""{ "name": "B", "product_id": "B", "product_identification_helper": { "cpe": "cpe:/a:example:b" } }"""));
            d.Vuln()["product_status"]!["last_affected"] = Node("""[ "B" ]""");
            d.Vuln()["remediations"]![0]!["product_ids"] = Node("""[ "A", "B" ]""");
        });

        Assert.Equal("Product id 'B' is in product status 'last_affected' but no score of this vulnerability covers it.", message);
    }

    [Fact]
    public void MissingScore_UnderInvestigationWithoutScore_Passes()
    {
        Assert.Empty(Findings("6.2.3", d =>
        {
            d.Vuln()["product_status"] = Node("""{ "under_investigation": [ "A" ] }""");
            d.Vuln().AsObject().Remove("scores");
        }));
    }

    [Fact]
    public void Md5Only_UpperCaseMd5InRelationshipProduct_WarnsAtFileHashes()
    {
        var message = SingleWarning("6.2.8", "/product_tree/relationships/0/full_product_name/product_identification_helper/hashes/0/file_hashes", d =>
        {
            d["product_tree"]!["relationships"] = Node(
                """[{ "category": "installed_on", "full_product_name": { "name": "A on A", "product_id": "AA", "product_identification_helper": { "hashes": [ { "file_hashes": [ { "algorithm": "MD5", "value": "6ae24620ea9656230f49234efd078935" } ], "filename": "aa.so" } ] } }, "product_reference": "A", "relates_to_product_reference": "A" }]""");
        });

        Assert.Equal("The hashes of file 'aa.so' of product 'AA' use only the algorithm 'md5'; add a second, cryptographically stronger hash.", message);
    }

    [Fact]
    public void Md5Only_Md5WithSha256_Passes()
    {
        Assert.Empty(Findings("6.2.8", d => d.Product()["product_identification_helper"]!["hashes"]![0]!["file_hashes"]!.AsArray()
            .Add(Node("""{ "algorithm": "md5", "value": "6ae24620ea9656230f49234efd078935" }"""))));
    }

    [Fact]
    public void Sha1Only_InBranchProduct_WarnsAtFileHashes()
    {
        var message = SingleWarning("6.2.9", "/product_tree/branches/0/branches/0/product/product_identification_helper/hashes/0/file_hashes", d =>
        {
            d["product_tree"]!["branches"] = Node(
                """[{ "branches": [ { "category": "product_version", "name": "1.0", "product": { "name": "A 1.0", "product_id": "A1", "product_identification_helper": { "hashes": [ { "file_hashes": [ { "algorithm": "sha1", "value": "e067035314dd8673fe1c9fc6b01414fe0950fdc4" } ], "filename": "a1.so" } ] } } } ], "category": "product_name", "name": "A" }]""");
        });

        Assert.Contains("'sha1'", message);
        Assert.Contains("'A1'", message);
    }

    [Fact]
    public void MissingHelper_BranchAndRelationshipProducts_WarnsAtEachProduct()
    {
        var findings = Findings("6.2.16", d =>
        {
            d["product_tree"]!["branches"] = Node("""[{ "category": "product_name", "name": "B", "product": { "name": "B", "product_id": "B" } }]""");
            d["product_tree"]!["relationships"] = Node(
                """[{ "category": "installed_on", "full_product_name": { "name": "A on B", "product_id": "AB" }, "product_reference": "A", "relates_to_product_reference": "B" }]""");
        });

        Assert.Equal(["/product_tree/branches/0/product", "/product_tree/relationships/0/full_product_name"], findings.Select(f => f.Path));
        Assert.Equal("The product 'B' does not provide any product identification helper.", findings[0].Message);
    }

    [Theory]
    [InlineData("vers:generic/>=1.0|<2.0", false)]
    [InlineData("vers:npm/1.2.3", false)]
    [InlineData(">4.2", true)]
    [InlineData("vers:/1.0", true)]
    [InlineData("vers:Generic/1.0", true)]
    [InlineData("vers:generic", true)]
    public void VersionRange_Name_WarnsUnlessVers(string name, bool warns)
    {
        var findings = Findings("6.2.18", d => d["product_tree"]!["branches"] = Node(
            $$"""[{ "category": "product_version_range", "name": {{JsonValue.Create(name).ToJsonString()}}, "product": { "name": "A range", "product_id": "R", "product_identification_helper": { "cpe": "cpe:/a:example:a" } } }]"""));

        Assert.Equal(warns, findings.Count == 1);
        if (warns) Assert.Equal("/product_tree/branches/0/name", findings[0].Path);
    }

    [Fact]
    public void VersionRange_OtherBranchCategory_NotChecked()
    {
        Assert.Empty(Findings("6.2.18", d => d["product_tree"]!["branches"] = Node(
            """[{ "category": "product_version", "name": ">4.2", "product": { "name": "A", "product_id": "V", "product_identification_helper": { "cpe": "cpe:/a:example:a" } } }]""")));
    }

    [Theory]
    [InlineData("""{ "baseScore": 9.8, "baseSeverity": "CRITICAL", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "version": "3.1" }""", true)]
    [InlineData("""{ "baseScore": 9.8, "baseSeverity": "CRITICAL", "environmentalScore": 0, "environmentalSeverity": "NONE", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MC:N/MI:N/MA:N", "version": "3.1" }""", false)]
    [InlineData("""{ "baseScore": 9.8, "baseSeverity": "CRITICAL", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MC:N/MI:N/MA:X", "version": "3.1" }""", true)]
    [InlineData("""{ "baseScore": 7.5, "baseSeverity": "HIGH", "vectorString": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N/MC:N", "version": "3.0" }""", false)]
    [InlineData("""{ "baseScore": 0, "baseSeverity": "NONE", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "version": "3.1" }""", false)]
    public void CvssForFixed_V3_WarnsUnlessEnvironmentalScoreIsZero(string cvss, bool warns)
    {
        var findings = Findings("6.2.19", d =>
        {
            d.Vuln()["product_status"] = Node("""{ "fixed": [ "A" ] }""");
            d.Vuln()["scores"]![0]!["cvss_v3"] = Node(cvss);
        });

        Assert.Equal(warns, findings.Count == 1);
        if (warns) Assert.Equal("/vulnerabilities/0/scores/0/cvss_v3", findings[0].Path);
        if (warns) Assert.StartsWith("This CVSS applies to the fixed product 'A' (fixed) but its environmental score is not 0", findings[0].Message);
    }

    [Theory]
    [InlineData("""{ "baseScore": 0, "collateralDamagePotential": "HIGH", "vectorString": "AV:N/AC:L/Au:N/C:N/I:N/A:N/CDP:H", "version": "2.0" }""", true)]
    [InlineData("""{ "baseScore": 0, "vectorString": "AV:N/AC:L/Au:N/C:N/I:N/A:N/CDP:ND", "version": "2.0" }""", false)]
    [InlineData("""{ "baseScore": 10, "vectorString": "AV:N/AC:L/Au:N/C:C/I:C/A:C/TD:ND", "version": "2.0" }""", true)]
    [InlineData("""{ "baseScore": 10, "targetDistribution": "NONE", "vectorString": "AV:N/AC:L/Au:N/C:C/I:C/A:C", "version": "2.0" }""", false)]
    public void CvssForFixed_V2_WarnsUnlessEnvironmentalScoreIsZero(string cvss, bool warns)
    {
        var findings = Findings("6.2.19", d =>
        {
            d.Vuln()["product_status"] = Node("""{ "first_fixed": [ "A" ] }""");
            d.Vuln()["scores"] = Node($$"""[{ "cvss_v2": {{cvss}}, "products": [ "A" ] }]""");
        });

        Assert.Equal(warns, findings.Count == 1);
        if (warns) Assert.Equal("/vulnerabilities/0/scores/0/cvss_v2", findings[0].Path);
    }

    [Fact]
    public void CvssForFixed_ProductFixedOnlyInAnotherVulnerability_Passes()
    {
        Assert.Empty(Findings("6.2.19", d =>
            d["vulnerabilities"]!.AsArray().Add(Node("""{ "cve": "CVE-2024-0002", "product_status": { "fixed": [ "A" ] } }"""))));
    }
}
