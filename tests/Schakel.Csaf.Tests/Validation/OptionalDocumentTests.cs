using System.Text;
using System.Text.Json.Nodes;
using Schakel.Csaf.Validation;
using static Schakel.Csaf.Tests.Validation.OptionalTestDocuments;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>Optional tests about the document as a whole (6.2.4–6.2.7, 6.2.10–6.2.15, 6.2.17, 6.2.20), and the set of 6.2 tests.</summary>
public sealed class OptionalDocumentTests
{
    private static readonly string[] OptionalIds = Enumerable.Range(1, 20).Select(i => $"6.2.{i}").ToArray();

    [Fact]
    public void Validator_OptionalTests_AllTwentyRegisteredAsOptionalWithTitles()
    {
        var optional = CsafValidator.Tests.Where(t => t.Group == CsafTestGroup.Optional).ToList();

        Assert.Equal(OptionalIds, optional.Select(t => t.Id));
        Assert.All(optional, t => Assert.False(string.IsNullOrWhiteSpace(t.Title)));
        Assert.Equal("Use of SHA-1 as the only Hash Algorithm", optional.Single(t => t.Id == "6.2.9").Title);
    }

    [Fact]
    public void CleanDocument_EveryOptionalTest_PassesAndDocumentIsValid()
    {
        var report = Validate(Encoding.UTF8.GetBytes(Clean));

        Assert.True(report.IsValid, string.Join("; ", report.Errors));
        Assert.DoesNotContain(report.Findings, f => f.Group == CsafTestGroup.Optional);
        Assert.Equal(OptionalIds.Length, report.Runs.Count(r => r.Group == CsafTestGroup.Optional && r.Outcome == CsafTestOutcome.Passed));
    }

    [Fact]
    public void OptionalFindings_ValidDocument_AreWarningsThatKeepItValid()
    {
        var report = Validate(With(d => d.Doc().AsObject().Remove("lang")));

        Assert.True(report.IsValid);
        Assert.Equal("warning 6.2.12 /document: The document language is not defined: /document/lang is missing.", Assert.Single(report.Warnings).ToString());
    }

    [Theory]
    [InlineData("1.0.0+exp.sha.ac00785", "'+exp.sha.ac00785'")]
    [InlineData("2.0.0-rc.1+build.5", "'+build.5'")]
    public void BuildMetadata_InRevisionNumber_WarnsAtTheNumber(string number, string metadata)
    {
        var message = SingleWarning("6.2.4", "/document/tracking/revision_history/1/number", d => d.Doc()["tracking"]!["revision_history"]![1]!["number"] = number);

        Assert.Equal($"Revision number '{number}' includes the build metadata {metadata}.", message);
    }

    [Fact]
    public void BuildMetadata_PreReleaseOnly_Passes() =>
        Assert.Empty(Findings("6.2.4", d => d.Doc()["tracking"]!["revision_history"]![1]!["number"] = "2.0.0-rc.1"));

    [Fact]
    public void OlderInitialReleaseDate_SameInstantWithOffset_Passes() =>
        Assert.Empty(Findings("6.2.5", d => d.Doc()["tracking"]!["initial_release_date"] = "2024-01-01T11:00:00+01:00"));

    [Fact]
    public void OlderInitialReleaseDate_BeforeOldestRevision_WarnsAtInitialReleaseDate()
    {
        var message = SingleWarning("6.2.5", "/document/tracking/initial_release_date", d => d.Doc()["tracking"]!["initial_release_date"] = "2023-12-31T10:00:00.000Z");

        Assert.Equal("The initial release date '2023-12-31T10:00:00.000Z' is older than '2024-01-01T10:00:00.000Z', the date of the oldest revision history item.", message);
    }

    [Fact]
    public void OlderCurrentReleaseDate_NewestRevisionNotLastInList_WarnsWithItsDate()
    {
        var message = SingleWarning("6.2.6", "/document/tracking/current_release_date", d =>
        {
            var history = d.Doc()["tracking"]!["revision_history"]!.AsArray();
            history[0]!["date"] = "2024-03-01T10:00:00.000Z";
        });

        Assert.Contains("'2024-03-01T10:00:00.000Z', the date of the newest revision history item", message);
    }

    [Fact]
    public void MissingDateInInvolvements_SecondItem_WarnsAtThatItem()
    {
        var message = SingleWarning("6.2.7", "/vulnerabilities/0/involvements/1", d => d.Vuln()["involvements"] = Node(
            """[{ "date": "2024-01-01T10:00:00.000Z", "party": "vendor", "status": "completed" }, { "party": "coordinator", "status": "in_progress" }]"""));

        Assert.Equal("The involvement (party 'coordinator') has no 'date'.", message);
    }

    [Theory]
    [InlineData("CLEAR", "/document/distribution/tlp/label", "The TLP label 'CLEAR' is not valid; expected one of AMBER, GREEN, RED, WHITE.")]
    [InlineData(null, "/document/distribution/tlp", "The document has no TLP label; /document/distribution/tlp/label is missing.")]
    public void MissingTlpLabel_InvalidOrAbsent_Warns(string? label, string path, string expected)
    {
        var message = SingleWarning("6.2.10", path, d =>
        {
            if (label is null) d.Doc()["distribution"]!["tlp"]!.AsObject().Remove("label");
            else d.Doc()["distribution"]!["tlp"]!["label"] = label;
        });

        Assert.Equal(expected, message);
    }

    [Theory]
    [InlineData("ACME: #2024/1", "https://example.com/csaf/acme_2024_1.json", false)]
    [InlineData("EXAMPLE-2024-0001", "http://example.com/csaf/example-2024-0001.json", true)]
    [InlineData("EXAMPLE-2024-0001", "https://example.com/csaf/xexample-2024-0001.json", true)]
    [InlineData("EXAMPLE-2024-0001", "https://example.com/csaf/EXAMPLE-2024-0001.json", true)]
    public void MissingCanonicalUrl_SelfUrl_MustBeHttpsAndEndInTheFileName(string trackingId, string url, bool warns)
    {
        var findings = Findings("6.2.11", d =>
        {
            d.Doc()["tracking"]!["id"] = trackingId;
            d.Doc()["references"]![0]!["url"] = url;
        });

        Assert.Equal(warns, findings.Count == 1);
        if (warns) Assert.Equal("/document/references", findings[0].Path);
    }

    [Fact]
    public void MissingCanonicalUrl_NoSelfReference_SaysSo()
    {
        var message = SingleWarning("6.2.11", "/document/references", d => d.Doc()["references"]![0]!["category"] = "external");

        Assert.Equal("The document has no canonical URL: no reference has the category 'self'.", message);
    }

    [Fact]
    public void MissingCanonicalUrl_NoTrackingIdAndNoSelfReference_StillWarns() =>
        Assert.Single(Findings("6.2.11", d =>
        {
            d.Doc()["tracking"]!.AsObject().Remove("id");
            d.Doc().AsObject().Remove("references");
        }));

    [Fact]
    public void MissingDocumentLanguage_Empty_WarnsAtLang() =>
        Assert.Equal("The document language is not set: /document/lang is \"\".", SingleWarning("6.2.12", "/document/lang", d => d.Doc()["lang"] = ""));

    [Fact]
    public void Sorting_UnsortedObjectInsideArray_OneWarningAtTheMisplacedKey()
    {
        var bytes = Encoding.UTF8.GetBytes(Clean.Replace(
            """{ "date": "2024-01-01T10:00:00.000Z", "number": "1", "summary": "Initial version." }""",
            """{ "summary": "Initial version.", "number": "1", "date": "2024-01-01T10:00:00.000Z" }""", StringComparison.Ordinal));
        var findings = Validate(bytes).Findings.Where(f => f.TestId == "6.2.13").ToList();

        var finding = Assert.Single(findings);
        Assert.Equal("/document/tracking/revision_history/0/number", finding.Path);
        Assert.Equal("The key 'number' is not at the right place: it comes after 'summary' but sorts before it.", finding.Message);
    }

    [Theory]
    [InlineData("en-x-internal")]
    [InlineData("x-klingon")]
    [InlineData("de-Qaaa")]
    [InlineData("zh-yue-XZ")]
    [InlineData("qtx")]
    [InlineData("en-QM")]
    [InlineData("fr-ZZ")]
    [InlineData("en-AA")]
    public void PrivateLanguage_PrivateUseSubtag_Warns(string lang) =>
        Assert.Equal($"The language code '{lang}' contains a subtag reserved for private use.",
            SingleWarning("6.2.14", "/document/lang", d => d.Doc()["lang"] = lang));

    [Theory]
    [InlineData("de-CH-1901")]
    [InlineData("zh-Hant-TW")]
    [InlineData("es-419")]
    [InlineData("sr-Latn-RS-u-nu-latn")]
    [InlineData("qua")]
    [InlineData("en-QA")]
    public void PrivateLanguage_RegisteredTags_Pass(string lang) =>
        Assert.Empty(Findings("6.2.14", d => d.Doc()["lang"] = lang));

    [Fact]
    public void PrivateLanguage_NoRegistry_NotRun()
    {
        var report = new CsafValidator(CsafReferenceData.None, new CsafValidatorOptions { OnlyTests = new HashSet<string> { "6.2.14" } })
            .Validate(With(d => d.Doc()["lang"] = "qtx"));

        var run = Assert.Single(report.Runs);
        Assert.Equal(CsafTestOutcome.NotRun, run.Outcome);
        Assert.Equal("not run: no IANA language subtag registry", run.Reason);
    }

    [Fact]
    public void DefaultLanguage_UpperCaseInSourceLang_WarnsAtSourceLang() =>
        Assert.Equal("The language code 'I-DEFAULT' is used; name the actual language instead.",
            SingleWarning("6.2.15", "/document/source_lang", d => d.Doc()["source_lang"] = "I-DEFAULT"));

    [Theory]
    [InlineData("CVE-2021-44228", true)]
    [InlineData("CVE-2021-123456", true)]
    [InlineData("CVE-2021-123", false)]
    [InlineData("GHSA-jfh8-c2jp-5v3q", false)]
    [InlineData("CVE-2021-44228 (Log4Shell)", false)]
    public void CveInIds_Text_WarnsWhenItIsACveId(string text, bool warns)
    {
        var findings = Findings("6.2.17", d => d.Vuln()["ids"] = Node($$"""[{ "system_name": "Example", "text": {{JsonValue.Create(text).ToJsonString()}} }]"""));

        Assert.Equal(warns, findings.Count == 1);
        if (warns) Assert.Equal($"'{text}' is listed in an item of 'ids' instead of under 'cve'.", findings[0].Message);
        if (warns) Assert.Equal("/vulnerabilities/0/ids/0/text", findings[0].Path);
    }

    [Fact]
    public void AdditionalProperties_InCvssAndInNestedBranchHelper_WarnsAtEachKey()
    {
        var findings = Findings("6.2.20", d =>
        {
            d.Vuln()["scores"]![0]!["cvss_v3"]!["x_vendor_score"] = 3;
            d["product_tree"]!["branches"] = Node(
                """[{ "branches": [ { "category": "product_version", "name": "1", "product": { "name": "B 1", "product_id": "B1", "product_identification_helper": { "cpe": "cpe:/a:example:b:1", "x_internal": true } } } ], "category": "product_name", "name": "B" }]""");
        });

        Assert.Equal(["/product_tree/branches/0/branches/0/product/product_identification_helper/x_internal", "/vulnerabilities/0/scores/0/cvss_v3/x_vendor_score"],
            findings.Select(f => f.Path));
        Assert.Equal("The key 'x_vendor_score' is not defined in the JSON schema.", findings[1].Message);
    }

    [Fact]
    public void AdditionalProperties_EveryPropertyOfTheSchemaUsed_Passes() =>
        Assert.Empty(Findings("6.2.20", d =>
        {
            d.Vuln()["scores"]![0]!["cvss_v3"] = Node(
                """{ "attackComplexity": "LOW", "attackVector": "NETWORK", "availabilityImpact": "HIGH", "baseScore": 9.8, "baseSeverity": "CRITICAL", "confidentialityImpact": "HIGH", "environmentalScore": 0, "environmentalSeverity": "NONE", "integrityImpact": "HIGH", "modifiedAvailabilityImpact": "NONE", "privilegesRequired": "NONE", "scope": "UNCHANGED", "userInteraction": "NONE", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MA:N", "version": "3.1" }""");
            d.Doc()["aggregate_severity"] = Node("""{ "namespace": "https://example.com/severity", "text": "Urgent" }""");
        }));
}
