using System.Text;
using System.Text.Json.Nodes;
using Schakel.Csaf.Validation;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>
/// A small, schema-valid CSAF 2.0 security advisory that passes every optional test of section 6.2 (keys sorted, TLP,
/// canonical URL, language, helpers, remediation, score), changed per test case to break exactly one rule.
/// </summary>
internal static class OptionalTestDocuments
{
    public const string Clean = """
        {
          "document": {
            "category": "csaf_base",
            "csaf_version": "2.0",
            "distribution": { "tlp": { "label": "WHITE" } },
            "lang": "en",
            "publisher": { "category": "vendor", "name": "Example", "namespace": "https://example.com" },
            "references": [
              { "category": "self", "summary": "Canonical URL.", "url": "https://example.com/.well-known/csaf/white/2024/example-2024-0001.json" }
            ],
            "title": "Example advisory",
            "tracking": {
              "current_release_date": "2024-02-01T10:00:00.000Z",
              "id": "EXAMPLE-2024-0001",
              "initial_release_date": "2024-01-01T10:00:00.000Z",
              "revision_history": [
                { "date": "2024-01-01T10:00:00.000Z", "number": "1", "summary": "Initial version." },
                { "date": "2024-02-01T10:00:00.000Z", "number": "2", "summary": "Update." }
              ],
              "status": "final",
              "version": "2"
            }
          },
          "product_tree": {
            "full_product_names": [
              {
                "name": "Product A 1.0",
                "product_id": "A",
                "product_identification_helper": {
                  "hashes": [
                    { "file_hashes": [ { "algorithm": "sha256", "value": "0000000000000000000000000000000000000000000000000000000000000000" } ], "filename": "a.so" }
                  ]
                }
              }
            ]
          },
          "vulnerabilities": [
            {
              "cve": "CVE-2024-0001",
              "product_status": { "known_affected": [ "A" ] },
              "remediations": [ { "category": "vendor_fix", "details": "Update to 1.1.", "product_ids": [ "A" ] } ],
              "scores": [
                {
                  "cvss_v3": { "baseScore": 9.8, "baseSeverity": "CRITICAL", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "version": "3.1" },
                  "products": [ "A" ]
                }
              ]
            }
          ]
        }
        """;

    private static readonly CsafValidator Validator = new(CsafReferenceData.Default, new CsafValidatorOptions { Informative = false });

    /// <summary>The clean document with <paramref name="change"/> applied, as JSON bytes.</summary>
    public static byte[] With(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Clean)!;
        change(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>Parses a JSON fragment (for replacing a part of the document).</summary>
    public static JsonNode Node(string json) => JsonNode.Parse(json)!;

    /// <summary>Validates with every mandatory and optional test (with the shipped outside data) and returns the report.</summary>
    public static CsafValidationReport Validate(byte[] bytes) => Validator.Validate(bytes);

    /// <summary>The findings of test <paramref name="testId"/> on the changed document, after checking that the test ran.</summary>
    public static IReadOnlyList<CsafTestFinding> Findings(string testId, Action<JsonNode> change)
    {
        var report = Validate(With(change));
        var run = Assert.Single(report.Runs, r => r.TestId == testId);
        Assert.NotEqual(CsafTestOutcome.NotRun, run.Outcome);
        return report.Findings.Where(f => f.TestId == testId).ToList();
    }

    /// <summary>Asserts exactly one finding of <paramref name="testId"/>, a warning at <paramref name="path"/>, and returns its message.</summary>
    public static string SingleWarning(string testId, string path, Action<JsonNode> change)
    {
        var finding = Assert.Single(Findings(testId, change));
        Assert.Equal(CsafSeverity.Warning, finding.Severity);
        Assert.Equal(CsafTestGroup.Optional, finding.Group);
        Assert.Equal(path, finding.Path);
        return finding.Message;
    }

    public static JsonNode Doc(this JsonNode root) => root["document"]!;

    public static JsonNode Vuln(this JsonNode root, int i = 0) => root["vulnerabilities"]![i]!;

    public static JsonNode Product(this JsonNode root, int i = 0) => root["product_tree"]!["full_product_names"]![i]!;
}
