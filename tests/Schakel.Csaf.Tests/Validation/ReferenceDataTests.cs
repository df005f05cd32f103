using System.IO.Compression;
using System.Text;
using Schakel.Csaf.Validation;
using Schakel.Csaf.Validation.ReferenceData;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>The outside data that ships with Schakel.Csaf: IANA language subtag registry, CWE catalogue, hunspell.</summary>
public sealed class ReferenceDataTests
{
    private static ILanguageRegistry Languages => CsafReferenceData.Default.Languages ?? throw new InvalidOperationException("no language registry");

    [Fact]
    public void Default_EmbeddedRegistry_LoadsWithItsFileDate()
    {
        var registry = Assert.IsType<IanaLanguageRegistry>(CsafReferenceData.Default.Languages);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", registry.FileDate);
        Assert.True(registry.Count > 8000, $"only {registry.Count} entries");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("EN-us")]
    [InlineData("nl-NL")]
    [InlineData("de-CH-1901")]
    [InlineData("zh-Hant-TW")]
    [InlineData("zh-yue-HK")] // extlang
    [InlineData("sr-Latn-RS")]
    [InlineData("es-419")] // UN M.49 region
    [InlineData("sl-rozaj-biske")] // two variants
    [InlineData("en-US-u-islamcal")] // extension: not registry-checked
    [InlineData("de-DE-x-ncsc")] // private use sequence
    [InlineData("x-whatever")] // private use as a whole
    [InlineData("i-klingon")] // grandfathered, irregular
    [InlineData("art-lojban")] // grandfathered, regular
    [InlineData("qtx")] // private use language: registered (as a range) so valid
    [InlineData("i-default")]
    public void IsValidTag_RegisteredTag_True(string tag) => Assert.True(Languages.IsValidTag(tag), tag);

    [Theory]
    [InlineData("")]
    [InlineData("EZ")] // CSAF 2.0 example 60: a region, not a language
    [InlineData("xx")] // well-formed, not registered
    [InlineData("en-UK")] // unregistered region (GB is)
    [InlineData("en-Abcd")] // unregistered script
    [InlineData("de-1902")] // unregistered variant
    [InlineData("en-US-US")] // second region is not a variant
    [InlineData("de-1901-1901")] // duplicate variant
    [InlineData("en-a-bbb-a-ccc")] // duplicate singleton
    [InlineData("zh-yue-yue")] // second extlang position is permanently reserved
    [InlineData("abcd")] // 4-letter language subtag is reserved
    [InlineData("en-")]
    [InlineData("en_US")]
    [InlineData("en-x")]
    [InlineData("en-a")]
    [InlineData("toolongsubtag")]
    [InlineData("é")]
    public void IsValidTag_UnregisteredOrMalformed_False(string tag) => Assert.False(Languages.IsValidTag(tag), tag);

    [Theory]
    [InlineData("qtx", true)]
    [InlineData("QAA", true)]
    [InlineData("en-Qabx", true)]
    [InlineData("en-AA", true)]
    [InlineData("en-XP", true)]
    [InlineData("en-ZZ", true)]
    [InlineData("en-QM", true)]
    [InlineData("en-x-ours", true)]
    [InlineData("x-ours", true)]
    [InlineData("qua", false)] // Quapaw: registered, just past qtz
    [InlineData("en", false)]
    [InlineData("nl-NL", false)]
    [InlineData("en-Qaby", false)] // past Qabx (and unregistered)
    [InlineData("not a tag", false)]
    public void IsPrivateUse_Tag_AsRfc5646Registry(string tag, bool expected) => Assert.Equal(expected, Languages.IsPrivateUse(tag));

    [Fact]
    public void Parse_RangeRow_ExpandsEveryMember()
    {
        var registry = IanaLanguageRegistry.Parse(new StringReader("# IANA, File-Date: 2001-02-03\nlanguage\tqaa..qtz\tprivate-use\nregion\tXA..XZ\tprivate-use\nlanguage\ten\t\n"));
        Assert.Equal("2001-02-03", registry.FileDate);
        Assert.Equal(20 * 26 + 26 + 1, registry.Count);
        Assert.True(registry.IsValidTag("qbz-XK"));
        Assert.True(registry.IsPrivateUse("en-XK"));
        Assert.False(registry.IsValidTag("qua"));
    }

    [Fact]
    public void Parse_NoFileDate_Throws() =>
        Assert.Throws<InvalidDataException>(() => IanaLanguageRegistry.Parse(new StringReader("language\ten\t\n")));

    [Fact]
    public void Default_EmbeddedCwe_NamesAsMitreSpellsThem()
    {
        var names = CsafReferenceData.Default.CweNames ?? throw new InvalidOperationException("no CWE catalogue");
        Assert.Equal("Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", names["CWE-79"]);
        Assert.Equal("Improper Input Validation", names["CWE-20"]);
        Assert.Equal("Configuration", names["CWE-16"]); // a category: CSAF documents use those too
        Assert.Equal("Research Concepts", names["CWE-1000"]); // a view
        Assert.False(names.ContainsKey("CWE-0"));
        Assert.True(names.Count > 1400, $"only {names.Count} CWE entries");
        Assert.Matches(@"^MITRE CWE Version 4\.\d+, Date \d{4}-\d{2}-\d{2}", CsafReferenceData.Default.CweSource);
    }

    [Fact]
    public void CweLoad_GzipTsv_ReadsVersionKindAndName()
    {
        using var gz = new MemoryStream();
        using (var writer = new StreamWriter(new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true), Encoding.UTF8))
        {
            writer.Write("# CWE Version 9.9, Date 2030-01-01\n# Id\tKind\tName\nCWE-1\tweakness\tOne\nCWE-2\tcategory\tTwo\n");
        }

        gz.Position = 0;
        var catalogue = CweCatalogue.Load(gz);
        Assert.Equal("CWE Version 9.9, Date 2030-01-01", catalogue.Version);
        Assert.Equal("Two", catalogue.Names["CWE-2"]);
        Assert.Equal("category", catalogue.Kinds["CWE-2"]);
    }

    [Theory]
    [InlineData("CWE-1\tweakness\n")]
    [InlineData("# v\n79\tweakness\tName\n")]
    [InlineData("# v\nCWE-1\tweakness\tA\nCWE-1\tweakness\tB\n")]
    [InlineData("# only a comment\n")]
    public void CweParse_BadData_Throws(string tsv) => Assert.Throws<InvalidDataException>(() => CweCatalogue.Parse(new StringReader(tsv)));

    [Fact]
    public void Notice_Embedded_NamesBothSourcesAndMitreTerms()
    {
        using var stream = typeof(CsafValidator).Assembly.GetManifestResourceStream("Schakel.Csaf.Data.NOTICE.md");
        Assert.NotNull(stream);
        var text = new StreamReader(stream).ReadToEnd();
        Assert.Contains("language-subtag-registry", text);
        Assert.Contains("File-Date: " + Languages.FileDate, text);
        Assert.Contains(CsafReferenceData.Default.CweSource!["MITRE ".Length..].Split(';')[0], text);
        Assert.Contains("The MITRE Corporation (MITRE) hereby grants you a non-exclusive, royalty-free license", text);
    }
}
