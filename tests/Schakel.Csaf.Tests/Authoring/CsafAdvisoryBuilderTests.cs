using System.Text.Json.Nodes;
using Schakel.Csaf.Authoring;
using static Schakel.Csaf.Tests.Authoring.AuthoredSamples;

namespace Schakel.Csaf.Tests.Authoring;

public sealed class CsafAdvisoryBuilderTests
{
    private static JsonNode Build(AuthoredAdvisory a, AuthoringContext? c = null)
    {
        var bytes = CsafAdvisoryBuilder.BuildBytes(a, c ?? Context());
        AssertValid(bytes);
        return JsonNode.Parse(bytes)!;
    }

    private static string? S(JsonNode? n) => n?.GetValue<string>();

    [Fact]
    public void Build_FullAdvisory_DocumentFieldsLandWhereCsafSays()
    {
        var doc = Build(Full())["document"]!;

        Assert.Equal("csaf_security_advisory", S(doc["category"]));
        Assert.Equal("2.0", S(doc["csaf_version"]));
        Assert.Equal("nl", S(doc["lang"]));
        Assert.Null(doc["source_lang"]);
        Assert.Equal("Kwetsbaarheden verholpen in Citrix NetScaler ADC", S(doc["title"]));
        Assert.Equal("coordinator", S(doc["publisher"]!["category"]));
        Assert.Equal("Nationaal Cyber Security Centrum", S(doc["publisher"]!["name"]));
        Assert.Equal("https://www.ncsc.nl", S(doc["publisher"]!["namespace"]));
        Assert.Equal("Urgent", S(doc["aggregate_severity"]!["text"]));
        Assert.Equal("GREEN", S(doc["distribution"]!["tlp"]!["label"]));
        var notes = doc["notes"]!.AsArray();
        Assert.Contains(notes, n => S(n!["category"]) == "summary" && S(n["title"]) == "Samenvatting" && S(n["text"])!.StartsWith("Citrix heeft"));
        Assert.Contains(notes, n => S(n!["category"]) == "general" && S(n["title"]) == "Gevolgen" && S(n["text"])!.StartsWith("Een kwaadwillende"));
        Assert.Contains(notes, n => S(n!["category"]) == "general" && S(n["title"]) == "Oplossingen");
        Assert.Contains(notes, n => S(n!["category"]) == "other" && S(n["title"]) == "Kans en schade" && S(n["text"]) == "Kans: hoog\nSchade: gemiddeld");
        var reference = doc["references"]!.AsArray().Single();
        Assert.Equal("external", S(reference!["category"]));
        Assert.Equal("https://support.citrix.com/article/CTX579459", S(reference["url"]));
    }

    [Fact]
    public void Build_NewDocument_TrackingIsVersion1WithOneRevision()
    {
        var tracking = Build(Full())["document"]!["tracking"]!;

        Assert.Equal("NCSC-2026-0001", S(tracking["id"]));
        Assert.Equal("1", S(tracking["version"]));
        Assert.Equal("final", S(tracking["status"]));
        Assert.Equal("2026-03-01T09:30:15.123Z", S(tracking["initial_release_date"]));
        Assert.Equal("2026-03-01T09:30:15.123Z", S(tracking["current_release_date"]));
        Assert.Equal("Schakel", S(tracking["generator"]!["engine"]!["name"]));
        var revision = tracking["revision_history"]!.AsArray().Single()!;
        Assert.Equal("1", S(revision["number"]));
        Assert.Equal("Eerste versie", S(revision["summary"]));
    }

    [Fact]
    public void Build_ProductTree_VendorProductVersionWithIdsAndUnknownVersionsAsProductNameLeaf()
    {
        var root = Build(Full());
        var vendors = root["product_tree"]!["branches"]!.AsArray();

        Assert.Equal(["Citrix", "Ivanti"], vendors.Select(v => S(v!["name"])));
        var citrix = vendors[0]!["branches"]!.AsArray();
        Assert.Equal("product_name", S(citrix[0]!["category"]));
        var adc = citrix[0]!["branches"]!.AsArray();
        Assert.Equal("product_version", S(adc[0]!["category"]));
        Assert.Equal("14.1-8.50", S(adc[0]!["name"]));
        Assert.Equal("CSAFPID-0001", S(adc[0]!["product"]!["product_id"]));
        Assert.Equal("Citrix NetScaler ADC 14.1-8.50", S(adc[0]!["product"]!["name"]));
        Assert.Equal("product_version_range", S(adc[1]!["category"]));
        var gateway = citrix[1]!;
        Assert.Null(gateway["branches"]);
        Assert.Equal("CSAFPID-0003", S(gateway["product"]!["product_id"]));
        Assert.Equal("Citrix NetScaler Gateway", S(gateway["product"]!["name"]));
    }

    [Fact]
    public void Build_Vulnerabilities_CveNotesKnownAffectedAndRemediationsPerProductAndCve()
    {
        var vulns = Build(Full())["vulnerabilities"]!.AsArray();

        Assert.Equal(["CVE-2023-4966", "CVE-2023-4967"], vulns.Select(v => S(v!["cve"])));
        Assert.Equal(["CSAFPID-0001", "CSAFPID-0002", "CSAFPID-0003", "CSAFPID-0004"], vulns[0]!["product_status"]!["known_affected"]!.AsArray().Select(S));
        Assert.Equal("Informatielek in de sessieafhandeling.", S(vulns[0]!["notes"]![0]!["text"]));
        // Without its own description a CVE carries the summary, since a security advisory needs vulnerability notes (6.1.27.5).
        Assert.StartsWith("Citrix heeft", S(vulns[1]!["notes"]![0]!["text"]));
        var first = vulns[0]!["remediations"]!.AsArray();
        Assert.Equal(2, first.Count);
        Assert.Equal("vendor_fix", S(first[0]!["category"]));
        Assert.Equal(["CSAFPID-0001", "CSAFPID-0002"], first[0]!["product_ids"]!.AsArray().Select(S));
        Assert.Equal("https://support.citrix.com/article/CTX579459", S(first[0]!["url"]));
        Assert.Equal("workaround", S(first[1]!["category"]));
        Assert.Equal(4, first[1]!["product_ids"]!.AsArray().Count);
        Assert.Equal("vendor_fix", S(vulns[1]!["remediations"]!.AsArray().Single()!["category"]));
    }

    [Fact]
    public void Build_NewRevision_VersionPlusOneHistoryAppendedIdAndInitialDateKept()
    {
        var first = CsafAdvisoryBuilder.BuildBytes(Full(), Context());
        var read = CsafAdvisoryReader.Read(first);
        var later = Now.AddDays(2);

        var second = Build(read.Advisory with { Title = "Gewijzigd" }, new AuthoringContext(read.Publisher, "IGNORED", later, "CVE toegevoegd") { Previous = read.Tracking });
        var tracking = second["document"]!["tracking"]!;

        Assert.Equal("NCSC-2026-0001", S(tracking["id"]));
        Assert.Equal("2", S(tracking["version"]));
        Assert.Equal("2026-03-01T09:30:15.123Z", S(tracking["initial_release_date"]));
        Assert.Equal(CsafAdvisoryBuilder.Date(later), S(tracking["current_release_date"]));
        var history = tracking["revision_history"]!.AsArray();
        Assert.Equal(["1", "2"], history.Select(h => S(h!["number"])));
        Assert.Equal(["Eerste versie", "CVE toegevoegd"], history.Select(h => S(h!["summary"])));
        Assert.Equal("Gewijzigd", S(second["document"]!["title"]));
    }

    [Fact]
    public void Build_Translation_LangSourceLangTranslatorAndReferenceToOriginal()
    {
        var context = new AuthoringContext(Ncsc with { Category = "translator" }, "NCSC-2026-0001-EN", Now, "Translation")
        {
            TranslationOf = new TranslationSource("nl", "NCSC-2026-0001", "https://schakel.example.nl/items/abc"),
        };

        var doc = Build(Full() with { Lang = "en", Rating = AdvisoryRating.Normaal }, context)["document"]!;

        Assert.Equal("en", S(doc["lang"]));
        Assert.Equal("nl", S(doc["source_lang"]));
        Assert.Equal("translator", S(doc["publisher"]!["category"]));
        Assert.Equal("NCSC-2026-0001-EN", S(doc["tracking"]!["id"]));
        Assert.Equal("Normal", S(doc["aggregate_severity"]!["text"]));
        Assert.Contains(doc["notes"]!.AsArray(), n => S(n!["title"]) == "Summary");
        var link = doc["references"]!.AsArray()[0]!;
        Assert.Equal("external", S(link["category"]));
        Assert.Equal("https://schakel.example.nl/items/abc", S(link["url"]));
        Assert.Contains("NCSC-2026-0001", S(link["summary"]));
    }

    [Fact]
    public void Build_RemediationForUnknownProduct_Throws()
    {
        var a = Full() with { Remediations = [new(RemediationCategory.Mitigation, "x", ProductIndex: 7)] };

        Assert.Throws<ArgumentException>(() => CsafAdvisoryBuilder.Build(a, Context()));
    }

    [Theory]
    [InlineData("14.1-8.50", false)]
    [InlineData("vers:generic/<2.3", true)]
    [InlineData("< 13.1-49.15", true)]
    [InlineData("all versions", true)]
    [InlineData("before 2.4", true)]
    public void IsRange_VersionText_RangeWhenOperatorsOrWords(string version, bool expected) =>
        Assert.Equal(expected, CsafAdvisoryBuilder.IsRange(version));
}
