using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Schakel.Csaf.Validation;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>
/// Builds small CSAF documents in memory (no data folder needed) and runs one mandatory test of 6.1.3–6.1.17 on them.
/// </summary>
internal static class Mandatory03To17Support
{
    /// <summary>A minimal valid csaf_base document with one product <c>P1</c> and one vulnerability.</summary>
    public static JsonObject Document() => JsonNode.Parse("""
        {
          "document": {
            "category": "csaf_base",
            "csaf_version": "2.0",
            "lang": "en",
            "publisher": { "category": "vendor", "name": "Example", "namespace": "https://example.com" },
            "title": "Test document",
            "tracking": {
              "current_release_date": "2024-01-02T10:00:00.000Z",
              "id": "EX-2024-0001",
              "initial_release_date": "2024-01-01T10:00:00.000Z",
              "revision_history": [
                { "date": "2024-01-01T10:00:00.000Z", "number": "1", "summary": "Initial version." },
                { "date": "2024-01-02T10:00:00.000Z", "number": "2", "summary": "Update." }
              ],
              "status": "final",
              "version": "2"
            }
          },
          "product_tree": {
            "full_product_names": [ { "name": "Product 1", "product_id": "P1" }, { "name": "Product 2", "product_id": "P2" } ]
          },
          "vulnerabilities": [ { "cve": "CVE-2024-0001" } ]
        }
        """)!.AsObject();

    /// <summary>Runs test <paramref name="testId"/> (and the schema) with <paramref name="data"/> (default: none).</summary>
    public static Outcome Run(JsonNode document, string testId, CsafReferenceData? data = null)
    {
        var validator = new CsafValidator(data ?? CsafReferenceData.None, new CsafValidatorOptions { OnlyTests = new HashSet<string> { testId } });
        using var json = JsonDocument.Parse(Encoding.UTF8.GetBytes(document.ToJsonString()));
        var report = validator.Validate(json.RootElement);
        return new Outcome(Assert.Single(report.Runs), report.Findings.Where(f => f.TestId == testId).ToList(), report.Findings.Where(f => f.TestId == "schema").ToList());
    }

    /// <summary>A CVSS score item for <c>/vulnerabilities/0/scores</c>.</summary>
    public static JsonObject Score(string member, string json, params string[] products)
    {
        var score = new JsonObject { ["products"] = new JsonArray(products.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()) };
        score[member] = JsonNode.Parse(json);
        return score;
    }

    /// <summary>Sets <c>/vulnerabilities/0/scores</c>.</summary>
    public static JsonObject WithScores(this JsonObject document, params JsonObject[] scores)
    {
        document["vulnerabilities"]![0]!["scores"] = new JsonArray(scores.Cast<JsonNode>().ToArray());
        return document;
    }

    internal sealed record Outcome(CsafTestRun Run, IReadOnlyList<CsafTestFinding> Findings, IReadOnlyList<CsafTestFinding> SchemaErrors)
    {
        public CsafTestFinding Single => Assert.Single(Findings);

        public void AssertPassed()
        {
            Assert.True(Findings.Count == 0, string.Join(Environment.NewLine, Findings));
            Assert.Equal(CsafTestOutcome.Passed, Run.Outcome);
        }
    }
}
