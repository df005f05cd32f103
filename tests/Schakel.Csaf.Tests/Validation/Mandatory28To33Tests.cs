using System.Text.Json.Nodes;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>Translation, product references of remediations and flags, versioning schemes, version ranges, VEX flags: 6.1.28 to 6.1.33.</summary>
public sealed partial class Mandatory18To33Tests
{
    [Theory]
    [InlineData("en-US", "en-us", 1)]
    [InlineData("nl", "nl", 1)]
    [InlineData("en-US", "en-GB", 0)]
    [InlineData("en", "nl", 0)]
    public void Test_6_1_28_SourceLanguageEqualToLanguage_Fails(string lang, string source, int expected)
    {
        var doc = BaseDocument();
        doc["document"]!["lang"] = lang;
        doc["document"]!["source_lang"] = source;

        var findings = Findings("6.1.28", doc);

        Assert.Equal(expected, findings.Count);
        Assert.All(findings, f => Assert.Equal("/document/source_lang", f.Path));
        Assert.All(findings, f => Assert.Contains($"'{lang}'", f.Message));
    }

    [Fact]
    public void Test_6_1_29_RemediationWithEmptyOrNoProductLists_ReportsEach()
    {
        var doc = WithProducts("csaf_base", """
            [ { "remediations": [
                { "category": "vendor_fix", "details": "Update.", "group_ids": [ "CSAFGID-G" ] },
                { "category": "no_fix_planned", "details": "End of life." },
                { "category": "workaround", "details": "Disable it.", "product_ids": [] } ] } ]
            """);

        var findings = Findings("6.1.29", doc);

        Assert.Equal(["/vulnerabilities/0/remediations/1", "/vulnerabilities/0/remediations/2"], findings.Select(f => f.Path));
        Assert.Contains("'no_fix_planned'", findings[0].Message);
    }

    [Fact]
    public void Test_6_1_30_SemanticDocumentVersionAfterIntegerHistory_ReportsTheVersion()
    {
        var doc = BaseDocument();
        History(doc, (1, "1"), (2, "2"));
        Tracking(doc)["version"] = "2.0.0";

        var finding = Single("6.1.30", doc);

        Assert.Equal("/document/tracking/version", finding.Path);
        Assert.Contains("'2.0.0' uses semantic versioning", finding.Message);
        Assert.Contains("integer versioning ('1'", finding.Message);
    }

    [Fact]
    public void Test_6_1_30_OldestItemByDateSetsTheScheme()
    {
        var doc = BaseDocument();
        History(doc, (2, "2"), (1, "1.0.0"));
        Tracking(doc)["version"] = "2";

        var findings = Findings("6.1.30", doc);

        Assert.Equal(["/document/tracking/revision_history/0/number", "/document/tracking/version"], findings.Select(f => f.Path));
        Assert.All(findings, f => Assert.Contains("/document/tracking/revision_history/1/number", f.Message));
    }

    [Theory]
    [InlineData(">= 2.0", ">=")]
    [InlineData("Versions 3.x", "versions")]
    [InlineData("ALL", "all")]
    [InlineData("4.2 and LATER", "later")]
    public void Test_6_1_31_RangeInProductVersion_ReportsTheNameWithTheMarker(string name, string marker)
    {
        var doc = Branches("product_version", name);

        var finding = Single("6.1.31", doc);

        Assert.Equal("/product_tree/branches/0/branches/0/branches/0/name", finding.Path);
        Assert.Contains($"'{name}'", finding.Message);
        Assert.Contains($"'{marker}'", finding.Message);
    }

    [Theory]
    [InlineData("product_version", "4.2.1-allpatches")]
    [InlineData("product_version", "install-media 2.0")]
    [InlineData("product_version", "after-eight")]
    [InlineData("product_version_range", "vers:generic/<4.2")]
    [InlineData("product_name", "All-in-one <Pro>")]
    public void Test_6_1_31_SingleVersionOrOtherCategory_Passes(string category, string name)
    {
        Assert.Empty(Findings("6.1.31", Branches(category, name)));
    }

    [Fact]
    public void Test_6_1_32_FlagWithoutProducts_ReportsTheFlag()
    {
        var doc = WithProducts("csaf_base", """
            [ { "flags": [ { "label": "component_not_present", "group_ids": [ "CSAFGID-G" ] }, { "label": "vulnerable_code_not_present" } ] } ]
            """);

        var finding = Single("6.1.32", doc);

        Assert.Equal("/vulnerabilities/0/flags/1", finding.Path);
        Assert.Contains("'vulnerable_code_not_present'", finding.Message);
    }

    [Fact]
    public void Test_6_1_33_ProductInTwoJustificationFlags_ReportsTheSecondFlagWithTheProduct()
    {
        var doc = WithProducts("csaf_vex", """
            [ { "flags": [
                { "label": "component_not_present", "product_ids": [ "CSAFPID-A" ] },
                { "label": "vulnerable_code_not_present", "group_ids": [ "CSAFGID-G" ] } ] } ]
            """);

        var finding = Single("6.1.33", doc);

        Assert.Equal("/vulnerabilities/0/flags/1", finding.Path);
        Assert.Contains("'CSAFPID-A' (also in /vulnerabilities/0/flags/0)", finding.Message);
        Assert.DoesNotContain("CSAFPID-B", finding.Message);
    }

    [Fact]
    public void Test_6_1_33_SameProductTwiceInOneFlagOrInOtherVulnerabilities_Passes()
    {
        var doc = WithProducts("csaf_vex", """
            [ { "flags": [ { "label": "component_not_present", "product_ids": [ "CSAFPID-A" ], "group_ids": [ "CSAFGID-G" ] } ] },
              { "flags": [ { "label": "vulnerable_code_not_present", "product_ids": [ "CSAFPID-A" ] } ] } ]
            """);

        Assert.Empty(Findings("6.1.33", doc));
    }

    /// <summary>vendor / product_name / a branch of <paramref name="category"/> named <paramref name="name"/>.</summary>
    private static JsonObject Branches(string category, string name)
    {
        var doc = BaseDocument();
        var leaf = new JsonObject
        {
            ["category"] = category,
            ["name"] = name,
            ["product"] = new JsonObject { ["name"] = "V P " + name, ["product_id"] = "CSAFPID-1" },
        };
        doc["product_tree"] = new JsonObject
        {
            ["branches"] = new JsonArray(new JsonObject
            {
                ["category"] = "vendor",
                ["name"] = "V",
                ["branches"] = new JsonArray(new JsonObject { ["category"] = "product_name", ["name"] = "P", ["branches"] = new JsonArray(leaf) }),
            }),
        };
        return doc;
    }
}
