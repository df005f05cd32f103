using System.Text.Json.Nodes;
using Schakel.Csaf.Validation;
using static Schakel.Csaf.Tests.Validation.Mandatory03To17Support;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>Mandatory tests 6.1.11, 6.1.12 and 6.1.14–6.1.17 (CWE, language, revision history, translator, status) on small documents.</summary>
public sealed class Mandatory03To17DocumentTests
{
    private const string Xss = "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')";

    private static readonly CsafReferenceData Data = new()
    {
        CweNames = new Dictionary<string, string> { ["CWE-79"] = Xss, ["CWE-20"] = "Improper Input Validation" },
        CweSource = "test catalogue",
        Languages = new FakeRegistry("en", "en-US", "nl", "de-DE"),
    };

    private static JsonObject WithCwe(string id, string name)
    {
        var doc = Document();
        doc["vulnerabilities"]![0]!["cwe"] = new JsonObject { ["id"] = id, ["name"] = name };
        return doc;
    }

    [Fact]
    public void Cwe_KnownIdWithItsName_Passes() => Run(WithCwe("CWE-79", Xss), "6.1.11", Data).AssertPassed();

    [Fact]
    public void Cwe_WrongName_ReportsTheNameWithTheCatalogueName()
    {
        var finding = Run(WithCwe("CWE-79", "Improper Input Validation"), "6.1.11", Data).Single;

        Assert.Equal("/vulnerabilities/0/cwe/name", finding.Path);
        Assert.Contains(Xss, finding.Message);
    }

    [Fact]
    public void Cwe_UnknownId_ReportsTheId()
    {
        var finding = Run(WithCwe("CWE-999999", "Nothing"), "6.1.11", Data).Single;

        Assert.Equal("/vulnerabilities/0/cwe/id", finding.Path);
        Assert.Contains("test catalogue", finding.Message);
    }

    [Fact]
    public void Cwe_NoCatalogue_NotRunWhenACweIsPresentAndPassedWhenNone()
    {
        var run = Run(WithCwe("CWE-79", Xss), "6.1.11", CsafReferenceData.None).Run;
        Assert.Equal(CsafTestOutcome.NotRun, run.Outcome);
        Assert.Contains("CWE", run.Reason);

        Run(Document(), "6.1.11", CsafReferenceData.None).AssertPassed();
    }

    [Theory]
    [InlineData("lang", "EZ")]
    [InlineData("source_lang", "xx-YY")]
    public void Language_UnknownTag_ReportsThatMember(string member, string tag)
    {
        var doc = Document();
        doc["document"]![member] = tag;

        var finding = Run(doc, "6.1.12", Data).Single;

        Assert.Equal("/document/" + member, finding.Path);
        Assert.Contains($"'{tag}'", finding.Message);
    }

    [Fact]
    public void Language_KnownTags_Pass()
    {
        var doc = Document();
        doc["document"]!["source_lang"] = "nl";

        Run(doc, "6.1.12", Data).AssertPassed();
    }

    [Fact]
    public void Language_NoRegistry_NotRun()
    {
        var run = Run(Document(), "6.1.12", CsafReferenceData.None).Run;

        Assert.Equal(CsafTestOutcome.NotRun, run.Outcome);
        Assert.Contains("language", run.Reason);
    }

    private static JsonObject WithHistory(string version, string status, params (string Date, string Number)[] items)
    {
        var doc = Document();
        var tracking = doc["document"]!["tracking"]!;
        tracking["version"] = version;
        tracking["status"] = status;
        tracking["revision_history"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject { ["date"] = i.Date, ["number"] = i.Number, ["summary"] = "s" }).ToArray());
        return doc;
    }

    [Fact]
    public void SortedHistory_LaterDateLowerNumber_ReportsTheLaterItem()
    {
        var doc = WithHistory("3", "final", ("2024-01-01T10:00:00Z", "1"), ("2024-01-03T10:00:00Z", "2"), ("2024-01-02T10:00:00+02:00", "3"));

        var finding = Run(doc, "6.1.14").Single;

        Assert.Equal("/document/tracking/revision_history/1/number", finding.Path);
        Assert.Contains("'2'", finding.Message);
        Assert.Contains("'3'", finding.Message);
    }

    [Fact]
    public void SortedHistory_OffsetsAndSemanticVersions_ComparedByInstantAndPrecedence()
    {
        // 09:00-02:00 is 11:00Z, after 10:00Z; 1.10.0 is after 1.9.0 and 1.0.0-rc.1 before 1.0.0.
        var doc = WithHistory("1.10.0", "final", ("2024-01-01T09:00:00-02:00", "1.10.0"), ("2024-01-01T10:00:00Z", "1.9.0"), ("2023-12-01T10:00:00Z", "1.0.0"), ("2023-11-01T10:00:00Z", "1.0.0-rc.1"));

        Run(doc, "6.1.14").AssertPassed();
    }

    [Fact]
    public void SortedHistory_MixedVersionSchemes_DoesNotThrowOrReport()
    {
        Run(WithHistory("3", "final", ("2024-01-01T10:00:00Z", "2.0.0"), ("2024-01-02T10:00:00Z", "1"), ("2024-01-03T10:00:00Z", "3")), "6.1.14").AssertPassed();
    }

    [Fact]
    public void Translator_WithoutSourceLang_ReportsSourceLang()
    {
        var doc = Document();
        doc["document"]!["publisher"]!["category"] = "translator";

        Assert.Equal("/document/source_lang", Run(doc, "6.1.15").Single.Path);

        doc["document"]!["source_lang"] = "nl";
        Run(doc, "6.1.15").AssertPassed();
    }

    [Theory]
    [InlineData("1.0.0-rc.1", "draft", "1.0.0", true)]
    [InlineData("1.0.0-rc.1", "interim", "1.0.0", false)]
    [InlineData("1.0.0+build.7", "final", "1.0.0+other", true)]
    [InlineData("2", "final", "2", true)]
    [InlineData("1", "final", "2", false)]
    public void LatestVersion_ComparedWithLatestRevision(string version, string status, string latestNumber, bool passes)
    {
        var doc = WithHistory(version, status, ("2024-01-01T10:00:00Z", "0.9.0"), ("2024-01-02T10:00:00Z", latestNumber));

        var outcome = Run(doc, "6.1.16");

        if (passes)
        {
            outcome.AssertPassed();
            return;
        }

        Assert.Equal("/document/tracking/version", outcome.Single.Path);
        Assert.Contains($"'{latestNumber}'", outcome.Single.Message);
    }

    [Theory]
    [InlineData("0", "final", false)]
    [InlineData("0.9.5", "interim", false)]
    [InlineData("1.0.0-alpha", "final", false)]
    [InlineData("1.0.0-alpha", "draft", true)]
    [InlineData("0", "draft", true)]
    [InlineData("1.0.0+0-build", "final", true)]
    [InlineData("10", "final", true)]
    public void StatusDraft_ZeroOrPreReleaseVersions_MustBeDraft(string version, string status, bool passes)
    {
        var doc = WithHistory(version, status, ("2024-01-01T10:00:00Z", version));

        var outcome = Run(doc, "6.1.17");

        if (passes)
        {
            outcome.AssertPassed();
            return;
        }

        Assert.Equal("/document/tracking/status", outcome.Single.Path);
        Assert.Contains($"'{status}'", outcome.Single.Message);
    }

    [Fact]
    public void DocumentTests_BrokenShapes_NeverThrow()
    {
        var shapes = new[]
        {
            """{ "document": 1 }""",
            """{ "document": { "tracking": { "version": 2, "revision_history": [1, { "date": "yesterday", "number": "1" }, { "date": "2024-13-45T99:00:00Z", "number": "x" }] }, "publisher": [] } }""",
            """{ "document": { "lang": 5, "tracking": { "version": "1", "revision_history": {} } }, "vulnerabilities": [{ "cwe": "CWE-79" }, 3] }""",
            """{ "document": { "tracking": { "version": "1", "revision_history": [{ "date": "2024-01-01T23:59:60Z", "number": "1" }] } } }""",
        };
        foreach (var shape in shapes)
        {
            foreach (var id in Enumerable.Range(3, 15).Select(i => $"6.1.{i}"))
            {
                var run = Run(JsonNode.Parse(shape)!, id, Data).Run;
                Assert.False(run.Reason?.StartsWith("internal error", StringComparison.Ordinal) == true, $"{id} on {shape}: {run.Reason}");
            }
        }
    }

    private sealed class FakeRegistry(params string[] valid) : ILanguageRegistry
    {
        public string FileDate => "2024-01-01";

        public bool IsValidTag(string tag) => valid.Contains(tag, StringComparer.OrdinalIgnoreCase);

        public bool IsPrivateUse(string tag) => false;
    }
}
