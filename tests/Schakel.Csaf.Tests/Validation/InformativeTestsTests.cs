using System.Text.Json;
using Schakel.Csaf.Validation;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>The informative tests of CSAF 2.0 section 6.3, on cases the OASIS files do not cover: ids, pointers, messages, "not run".</summary>
public sealed class InformativeTestsTests
{
    private static CsafValidationReport Run(string testId, string json, CsafReferenceData? data = null)
    {
        using var doc = JsonDocument.Parse(json);
        var validator = new CsafValidator(data ?? CsafReferenceData.Default, new CsafValidatorOptions { OnlyTests = new HashSet<string> { testId } });
        return validator.Validate(doc.RootElement);
    }

    private static List<CsafTestFinding> Findings(string testId, string json, CsafReferenceData? data = null) =>
        Run(testId, json, data).Findings.Where(f => f.TestId == testId).ToList();

    private static CsafTestRun Outcome(string testId, string json, CsafReferenceData? data = null) =>
        Run(testId, json, data).Runs.Single(r => r.TestId == testId);

    [Fact]
    public void Validator_InformativeTests_AllElevenPresentAsWarnings()
    {
        var ids = CsafValidator.Tests.Where(t => t.Group == CsafTestGroup.Informative).Select(t => t.Id).ToList();
        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"6.3.{i}"), ids);
        var finding = Findings("6.3.3", """{"vulnerabilities":[{"title":"X"}]}""").Single();
        Assert.Equal(CsafSeverity.Warning, finding.Severity);
    }

    [Fact]
    public void CvssV2Only_OtherProductHasV3_ReportsOnlyTheV2OnlyProduct()
    {
        var f = Findings("6.3.1", """
            {"vulnerabilities":[{"scores":[
              {"products":["A","B"],"cvss_v2":{"version":"2.0"}},
              {"products":["B"],"cvss_v3":{"version":"3.1"}}]},
              {"scores":[{"products":["B"],"cvss_v2":{"version":"2.0"}}]}]}
            """);
        Assert.Equal(["/vulnerabilities/0/scores/0/products/0", "/vulnerabilities/1/scores/0/products/0"], f.Select(x => x.Path));
        Assert.Contains("'A'", f[0].Message);
        Assert.Contains("'B'", f[1].Message); // B has v3 only in the other vulnerability: per vulnerability
    }

    [Theory]
    [InlineData("""{"version":"3.0","vectorString":"CVSS:3.0/AV:N"}""", "/vulnerabilities/0/scores/1/cvss_v3/version")]
    [InlineData("""{"version":"3.1","vectorString":"CVSS:3.0/AV:N"}""", "/vulnerabilities/0/scores/1/cvss_v3/vectorString")]
    public void CvssV30_VersionOrVector_ReportedAtThatValue(string cvss, string pointer)
    {
        var f = Findings("6.3.2", $$$"""{"vulnerabilities":[{"scores":[{"cvss_v3":{"version":"3.1"}},{"cvss_v3":{{{cvss}}}}]}]}""");
        Assert.Equal(pointer, Assert.Single(f).Path);
    }

    [Fact]
    public void MissingCveAndCwe_ReportEachVulnerabilityByName()
    {
        const string Json = """{"vulnerabilities":[{"title":"BlueKeep"},{"cve":"CVE-2014-0160","cwe":{"id":"CWE-119","name":"x"}},{"cve":"CVE-2017-0144"}, 7]}""";
        var cve = Assert.Single(Findings("6.3.3", Json));
        Assert.Equal("/vulnerabilities/0", cve.Path);
        Assert.Contains("'BlueKeep'", cve.Message);
        Assert.Equal(["/vulnerabilities/0", "/vulnerabilities/2"], Findings("6.3.4", Json).Select(x => x.Path));
        Assert.Contains("'CVE-2017-0144'", Findings("6.3.4", Json)[1].Message);
    }

    [Fact]
    public void ShortHash_InBranchesAndRelationships_ReportedWithLength()
    {
        var helper = """{"hashes":[{"filename":"a","file_hashes":[{"algorithm":"sha256","value":"%LONG%"},{"algorithm":"md5","value":"abc"}]}]}"""
            .Replace("%LONG%", new string('a', 64), StringComparison.Ordinal);
        var f = Findings("6.3.5", $$$"""
            {"product_tree":{"branches":[{"category":"vendor","name":"V","branches":[{"category":"product_name","name":"P",
              "product":{"product_id":"P1","name":"P","product_identification_helper":{{{helper}}}}}]}],
             "relationships":[{"full_product_name":{"product_id":"R","name":"R","product_identification_helper":{{{helper}}}}}]}}
            """);
        Assert.Equal(
            ["/product_tree/branches/0/branches/0/product/product_identification_helper/hashes/0/file_hashes/1/value",
             "/product_tree/relationships/0/full_product_name/product_identification_helper/hashes/0/file_hashes/1/value"],
            f.Select(x => x.Path));
        Assert.Contains("md5 hash value is only 3 characters", f[0].Message);
    }

    [Theory]
    [InlineData("6.3.6")]
    [InlineData("6.3.7")]
    public void UrlTests_Always_NotRunOffline(string id)
    {
        var run = Outcome(id, """{"document":{"references":[{"category":"self","url":"https://example.invalid"}]}}""");
        Assert.Equal(CsafTestOutcome.NotRun, run.Outcome);
        Assert.Equal("not run (offline)", run.Reason);
    }

    [Fact]
    public void BranchCategories_WrongOrderOrMissing_ReportedAtProduct()
    {
        var f = Findings("6.3.9", """
            {"product_tree":{"branches":[{"category":"vendor","name":"V","branches":[
              {"category":"product_version","name":"1","branches":[{"category":"product_name","name":"A","product":{"product_id":"A1","name":"A 1"}}]},
              {"category":"product_family","name":"F","branches":[{"category":"product_name","name":"B","branches":[
                {"category":"architecture","name":"x64","branches":[{"category":"product_version","name":"2","product":{"product_id":"B2","name":"B 2"}}]}]}]}]}]}}
            """);
        var finding = Assert.Single(f);
        Assert.Equal("/product_tree/branches/0/branches/0/branches/0/product", finding.Path);
        Assert.Contains("'A1'", finding.Message);
        Assert.Contains("'product_version' below its 'product_name' branch", finding.Message);
    }

    [Fact]
    public void VersionRangeAndVPrefix_ReportedAtCategoryAndName()
    {
        const string Json = """
            {"product_tree":{"branches":[{"category":"vendor","name":"V","branches":[{"category":"product_name","name":"P","branches":[
              {"category":"product_version_range","name":"<=4.2","product":{"product_id":"R","name":"R"}},
              {"category":"product_version","name":"v4.2","product":{"product_id":"A","name":"A"}},
              {"category":"product_version","name":"version 4","product":{"product_id":"B","name":"B"}},
              {"category":"product_name","name":"V8","product":{"product_id":"C","name":"C"}}]}]}]}}
            """;
        Assert.Equal("/product_tree/branches/0/branches/0/branches/0/category", Assert.Single(Findings("6.3.10", Json)).Path);
        var v = Assert.Single(Findings("6.3.11", Json));
        Assert.Equal("/product_tree/branches/0/branches/0/branches/1/name", v.Path);
        Assert.Contains("'v4.2' starts with 'v'", v.Message);
    }

    [Fact]
    public void Tests_BrokenShapes_NeverThrow()
    {
        foreach (var json in new[] { "[]", "{}", "\"x\"", """{"document":7,"product_tree":{"branches":[1,{"branches":"x"}]},"vulnerabilities":{"a":1}}""",
                     """{"document":{"lang":"en","notes":[1,{"text":5}]},"vulnerabilities":[{"scores":[{"cvss_v2":1,"products":[1]}],"cwe":"x"}]}""" })
        {
            using var doc = JsonDocument.Parse(json);
            var report = CsafValidator.Default.Validate(doc.RootElement);
            Assert.DoesNotContain(report.Runs, r => r.Reason?.StartsWith("internal error", StringComparison.Ordinal) == true);
        }
    }

    [Fact]
    public void SpellCheck_NoLanguage_NotRun()
    {
        var run = Outcome("6.3.8", """{"document":{"title":"Secruity"}}""");
        Assert.Equal(CsafTestOutcome.NotRun, run.Outcome);
        Assert.Contains("no language", run.Reason);
    }

    [Fact]
    public void SpellCheck_NoSpellChecker_NotRunNeverPassed()
    {
        var run = Outcome("6.3.8", """{"document":{"lang":"en","title":"Secruity"}}""", CsafReferenceData.None);
        Assert.Equal(CsafTestOutcome.NotRun, run.Outcome);
        Assert.Contains("no spell checker", run.Reason);
    }

    [Fact]
    public void SpellCheck_LanguageWithoutDictionary_NotRunNamingTheLanguage()
    {
        var data = new CsafReferenceData { SpellChecker = new FakeChecker() };
        var run = Outcome("6.3.8", """{"document":{"lang":"fy","title":"Wat"}}""", data);
        Assert.Equal(CsafTestOutcome.NotRun, run.Outcome);
        Assert.Equal("not run: no spell checker dictionary for 'fy' is installed", run.Reason);
    }

    [Fact]
    public void SpellCheck_TextOverTheLimit_NotRunWithoutCallingTheChecker()
    {
        var checker = new FakeChecker();
        var data = new CsafReferenceData { SpellChecker = checker };
        var words = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 20_000)); // 360,000 characters
        var run = Outcome("6.3.8", $$$"""{"document":{"lang":"en","title":"Wat","notes":[{"category":"summary","text":"{{{words}}}"}]}}""", data);
        Assert.Equal(CsafTestOutcome.NotRun, run.Outcome);
        Assert.Contains("over the spell check's limit of 262,144", run.Reason);
        Assert.Equal("", checker.Seen);
    }

    [Fact]
    public void SpellCheck_CheckerFails_NotRunWithReason()
    {
        var data = new CsafReferenceData { SpellChecker = new FakeChecker { Fail = true } };
        var run = Outcome("6.3.8", """{"document":{"lang":"en","title":"Wat"}}""", data);
        Assert.Equal(CsafTestOutcome.NotRun, run.Outcome);
        Assert.Contains("timed out", run.Reason);
    }

    [Fact]
    public void SpellCheck_Fake_OneFindingPerTextAndIdentifiersSkipped()
    {
        var checker = new FakeChecker { Wrong = ["Secruity", "CSAF", "OpenSSL", "csaf", "exampel"] };
        var f = Findings("6.3.8", """
            {"document":{"lang":"en","category":"csaf_base","title":"Secruity exampel for CSAF and OpenSSL",
              "notes":[{"category":"summary","text":"See https://exampel.invalid/Secruity and csaf_base."}]},
             "vulnerabilities":[{"title":"Secruity"}]}
            """, new CsafReferenceData { SpellChecker = checker });
        Assert.Equal(["/document/title", "/vulnerabilities/0/title"], f.Select(x => x.Path));
        Assert.Equal("Possible spelling mistakes for language 'en': 'Secruity', 'exampel'.", f[0].Message);
        Assert.DoesNotContain("exampel.invalid", checker.Seen); // URLs are not sent
        Assert.DoesNotContain("csaf_base", checker.Seen); // nor identifiers
    }

    [HunspellFact]
    public void SpellCheck_Hunspell_FindsTheSpecExampleMistake()
    {
        var f = Findings("6.3.8", """{"document":{"lang":"en","category":"csaf_base","notes":[{"category":"summary","text":"Secruity researchers found multiple vulnerabilities in XYZ."}]}}""");
        var finding = Assert.Single(f);
        Assert.Equal("/document/notes/0/text", finding.Path);
        Assert.Contains("'Secruity'", finding.Message);
    }

    [HunspellFact]
    public void SpellCheck_HunspellDutch_ChecksDutchText()
    {
        const string Json = """{"document":{"lang":"nl","title":"Kwetsbaarheid in de webinterface","notes":[{"category":"summary","text":"Een aanvaler kan code uitvoeren."}]}}""";
        var finding = Assert.Single(Findings("6.3.8", Json));
        Assert.Equal("/document/notes/0/text", finding.Path);
        Assert.Contains("'aanvaler'", finding.Message);
    }

    [DataFact]
    public void InformativeTests_RealAdvisories_RunAndOnlyWarn()
    {
        var files = TestData.Files("csaf/advisories", "*.json").Where(f => !f.EndsWith("-feed-tlp-white.json", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        var ids = Enumerable.Range(1, 11).Select(i => $"6.3.{i}").ToHashSet();
        var validator = new CsafValidator(CsafReferenceData.Default, new CsafValidatorOptions { OnlyTests = ids });
        var spellChecked = 0;
        foreach (var file in files)
        {
            var report = validator.Validate(TestData.Bytes(file));
            Assert.All(report.Findings.Where(f => f.TestId != "schema"), f => Assert.Equal(CsafSeverity.Warning, f.Severity));
            var notRun = report.NotRun.Where(r => r.TestId is not ("6.3.6" or "6.3.7")).ToList();

            // The spell check is skipped for a document without a language (as the spec says; some CISA files have none);
            // otherwise, with hunspell installed (always in CI), it runs: the corpus is English.
            notRun.RemoveAll(r => r.TestId == "6.3.8" && r.Reason == "not run: the document has no language (/document/lang)");
            if (HunspellMissing.Reason is not null && !TestData.IsCi) notRun.RemoveAll(r => r.TestId == "6.3.8");
            if (report.Runs.Any(r => r.TestId == "6.3.8" && r.Outcome != CsafTestOutcome.NotRun)) spellChecked++;
            Assert.True(notRun.Count == 0, $"{file}: " + string.Join("; ", notRun));
        }

        if (HunspellMissing.Reason is null || TestData.IsCi) Assert.True(spellChecked > 0, $"spell check ran on {spellChecked} of {files.Count}");
    }

    private sealed class FakeChecker : ISpellChecker
    {
        public IReadOnlyList<string> Wrong { get; init; } = [];

        public bool Fail { get; init; }

        public string Seen { get; private set; } = "";

        public bool Supports(string language) => language is "en" or "nl";

        public IReadOnlyList<string> Misspelled(string text, string language)
        {
            if (Fail) throw new InvalidOperationException("hunspell timed out");
            Seen += text;
            return Wrong.Where(w => text.Contains(w, StringComparison.Ordinal)).ToList();
        }
    }
}
