using System.Text.Json;
using System.Text.Json.Nodes;
using Schakel.Csaf.Validation;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>
/// Focused cases for the mandatory tests 6.1.18 to 6.1.33 (with 6.1.27.1 to 6.1.27.11) that the OASIS files do not
/// cover: the pointer and message of each finding, the edges of each rule, and documents that break the schema. The
/// documents are built in memory from a minimal valid CSAF Base document, so these tests need no data folder.
/// </summary>
public sealed partial class Mandatory18To33Tests
{
    /// <summary>The ids this part implements.</summary>
    internal static readonly string[] Ids =
    [
        "6.1.18", "6.1.19", "6.1.20", "6.1.21", "6.1.22", "6.1.23", "6.1.24", "6.1.25", "6.1.26",
        "6.1.27.1", "6.1.27.2", "6.1.27.3", "6.1.27.4", "6.1.27.5", "6.1.27.6", "6.1.27.7", "6.1.27.8", "6.1.27.9", "6.1.27.10", "6.1.27.11",
        "6.1.28", "6.1.29", "6.1.30", "6.1.31", "6.1.32", "6.1.33",
    ];

    /// <summary>A minimal document that is valid CSAF 2.0 (profile CSAF Base), version 1, final.</summary>
    private static JsonObject BaseDocument() => JsonNode.Parse("""
        {
          "document": {
            "category": "csaf_base",
            "csaf_version": "2.0",
            "lang": "en",
            "publisher": { "category": "vendor", "name": "Example", "namespace": "https://example.com" },
            "title": "Example",
            "tracking": {
              "current_release_date": "2024-01-01T10:00:00.000Z",
              "id": "EX-2024-0001",
              "initial_release_date": "2024-01-01T10:00:00.000Z",
              "revision_history": [ { "date": "2024-01-01T10:00:00.000Z", "number": "1", "summary": "Initial version." } ],
              "status": "final",
              "version": "1"
            }
          }
        }
        """)!.AsObject();

    private static JsonObject Tracking(JsonObject doc) => doc["document"]!["tracking"]!.AsObject();

    /// <summary>Sets the revision history to (date day in January 2024, number) items, in the order given.</summary>
    private static void History(JsonObject doc, params (int Day, string Number)[] items) =>
        Tracking(doc)["revision_history"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
        {
            ["date"] = $"2024-01-{i.Day:00}T10:00:00.000Z",
            ["number"] = i.Number,
            ["summary"] = "Change.",
        }).ToArray());

    /// <summary>A document with one product A (CSAFPID-A) and B (CSAFPID-B), group G = {A, B}, and the given vulnerabilities.</summary>
    private static JsonObject WithProducts(string category, string vulnerabilitiesJson)
    {
        var doc = BaseDocument();
        doc["document"]!["category"] = category;
        doc["product_tree"] = JsonNode.Parse("""
            {
              "full_product_names": [
                { "name": "Product A", "product_id": "CSAFPID-A" },
                { "name": "Product B", "product_id": "CSAFPID-B" }
              ],
              "product_groups": [ { "group_id": "CSAFGID-G", "product_ids": [ "CSAFPID-A", "CSAFPID-B" ] } ]
            }
            """);
        doc["vulnerabilities"] = JsonNode.Parse(vulnerabilitiesJson);
        return doc;
    }

    /// <summary>Runs only test <paramref name="id"/> on <paramref name="doc"/>; returns its findings (asserting it ran).</summary>
    private static IReadOnlyList<CsafTestFinding> Findings(string id, JsonNode doc)
    {
        using var json = JsonDocument.Parse(doc.ToJsonString());
        var validator = new CsafValidator(CsafReferenceData.None, new CsafValidatorOptions { OnlyTests = new HashSet<string> { id } });
        var report = validator.Validate(json.RootElement);
        var run = Assert.Single(report.Runs);
        Assert.Equal(id, run.TestId);
        Assert.NotEqual(CsafTestOutcome.NotRun, run.Outcome);
        return report.Findings.Where(f => f.TestId == id).ToList();
    }

    private static CsafTestFinding Single(string id, JsonNode doc)
    {
        var finding = Assert.Single(Findings(id, doc));
        Assert.Equal(CsafTestGroup.Mandatory, finding.Group);
        Assert.Equal(CsafSeverity.Error, finding.Severity);
        return finding;
    }

    [Fact]
    public void Validator_Tests18To33_EachIsImplementedOnceWithItsSectionTitle()
    {
        var titles = new Dictionary<string, string>
        {
            ["6.1.18"] = "Released Revision History", ["6.1.19"] = "Revision History Entries for Pre-release Versions",
            ["6.1.20"] = "Non-draft Document Version", ["6.1.21"] = "Missing Item in Revision History",
            ["6.1.22"] = "Multiple Definition in Revision History", ["6.1.23"] = "Multiple Use of Same CVE",
            ["6.1.24"] = "Multiple Definition in Involvements", ["6.1.25"] = "Multiple Use of Same Hash Algorithm",
            ["6.1.26"] = "Prohibited Document Category Name", ["6.1.27.1"] = "Document Notes", ["6.1.27.2"] = "Document References",
            ["6.1.27.3"] = "Vulnerabilities", ["6.1.27.4"] = "Product Tree", ["6.1.27.5"] = "Vulnerability Notes",
            ["6.1.27.6"] = "Product Status", ["6.1.27.7"] = "VEX Product Status", ["6.1.27.8"] = "Vulnerability ID",
            ["6.1.27.9"] = "Impact Statement", ["6.1.27.10"] = "Action Statement", ["6.1.27.11"] = "Vulnerabilities",
            ["6.1.28"] = "Translation", ["6.1.29"] = "Remediation without Product Reference",
            ["6.1.30"] = "Mixed Integer and Semantic Versioning", ["6.1.31"] = "Version Range in Product Version",
            ["6.1.32"] = "Flag without Product Reference", ["6.1.33"] = "Multiple Flags with VEX Justification Codes per Product",
        };
        Assert.Equal(Ids.Order(), titles.Keys.Order());
        foreach (var (id, title) in titles)
        {
            var test = Assert.Single(CsafValidator.Tests, t => t.Id == id);
            Assert.Equal(title, test.Title);
            Assert.Equal(CsafTestGroup.Mandatory, test.Group);
        }
    }

    [Fact]
    public void Validate_MinimalBaseDocument_NoFindingFromTests18To33()
    {
        using var json = JsonDocument.Parse(BaseDocument().ToJsonString());
        var report = new CsafValidator(CsafReferenceData.None).Validate(json.RootElement);

        Assert.DoesNotContain(report.Findings, f => f.TestId == "schema");
        Assert.DoesNotContain(report.Findings, f => Ids.Contains(f.TestId));
        Assert.All(Ids, id => Assert.Equal(CsafTestOutcome.Passed, Assert.Single(report.Runs, r => r.TestId == id).Outcome));
    }

    [Theory]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""{ "document": [], "product_tree": "x", "vulnerabilities": {} }""")]
    [InlineData("""{ "document": { "category": "csaf_vex", "lang": 5, "source_lang": null, "tracking": { "status": "final", "version": 1, "revision_history": [ 1, { "number": 2, "date": "yesterday" }, { "number": "0", "date": "2024-13-45" } ] } }, "vulnerabilities": [ 1, { "flags": [ 1, { "label": 3, "product_ids": [ 1 ], "group_ids": "G" } ], "involvements": [ { "party": "vendor" } ], "product_status": { "known_not_affected": [ 1, "A" ], "known_affected": "A" }, "remediations": [ 2 ], "threats": { } } ] }""")]
    [InlineData("""{ "document": { "category": "csaf_informational_advisory", "notes": "x", "references": [ 1, "a" ] }, "product_tree": { "branches": [ 1, { "category": "product_version", "name": 7, "branches": { } }, { "branches": [ { "category": "product_version", "name": "<1" } ] } ], "full_product_names": [ { "product_id": "A", "product_identification_helper": { "hashes": [ 1, { "file_hashes": [ 1, { "algorithm": 5 } ] } ] } } ], "product_groups": [ { "group_id": "G", "product_ids": "A" } ] } }""")]
    public void Validate_DocumentBreakingTheSchema_Tests18To33RunWithoutInternalError(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        var report = new CsafValidator(CsafReferenceData.None).Validate(parsed.RootElement);

        foreach (var id in Ids)
        {
            var run = Assert.Single(report.Runs, r => r.TestId == id);
            Assert.True(run.Outcome != CsafTestOutcome.NotRun, $"{id}: {run.Reason}");
        }
    }
}
