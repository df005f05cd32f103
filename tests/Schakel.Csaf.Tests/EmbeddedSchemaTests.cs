using System.Text.Json;

namespace Schakel.Csaf.Tests;

/// <summary>The schemas and their notices ship inside the assembly.</summary>
public sealed class EmbeddedSchemaTests
{
    [Theory]
    [InlineData("csaf_json_schema.json", "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json")]
    [InlineData("cvss-v2.0.json", "https://www.first.org/cvss/cvss-v2.0.json?20170531")]
    [InlineData("cvss-v3.0.json", "https://www.first.org/cvss/cvss-v3.0.json?20170531")]
    [InlineData("cvss-v3.1.json", "https://www.first.org/cvss/cvss-v3.1.json?20211103")]
    public void ReadEmbedded_Schema_IsTheUnchangedOfficialFile(string name, string id)
    {
        using var schema = JsonDocument.Parse(CsafSchema.ReadEmbedded(name));

        var root = schema.RootElement;
        var actualId = root.TryGetProperty("$id", out var dollarId) ? dollarId : root.GetProperty("id");
        Assert.Equal(id, actualId.GetString());
    }

    [Fact]
    public void ReadEmbedded_Notice_NamesOasisAndFirstLicences()
    {
        var notice = CsafSchema.ReadEmbedded("NOTICE.md");

        Assert.Contains("Copyright © OASIS Open 2022", notice);
        Assert.Contains("Copyright (c) 2021, FIRST.ORG, INC.", notice);
        Assert.Contains("Neither the name of the copyright holder", notice);
    }

    [Fact]
    public void ReadEmbedded_UnknownName_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => CsafSchema.ReadEmbedded("nope.json"));
    }

    [DataFact]
    public void ReadEmbedded_Schemas_MatchSharedDataByteForByte()
    {
        // Guards against a hand-edited copy: the embedded files must equal the upstream ones.
        foreach (var (embedded, shared) in new[]
                 {
                     ("csaf_json_schema.json", "csaf/schema/csaf_json_schema.json"),
                     ("cvss-v2.0.json", "csaf/schema/first/cvss-v2.0.json"),
                     ("cvss-v3.0.json", "csaf/schema/first/cvss-v3.0.json"),
                     ("cvss-v3.1.json", "csaf/schema/first/cvss-v3.1.json"),
                 })
        {
            Assert.Equal(File.ReadAllText(TestData.Path(shared)), CsafSchema.ReadEmbedded(embedded));
        }
    }
}
