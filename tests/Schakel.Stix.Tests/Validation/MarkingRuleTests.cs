using System.Text.Json.Nodes;
using Schakel.Stix.Markings;
using Schakel.Stix.Validation;

namespace Schakel.Stix.Tests.Validation;

/// <summary>Data markings (STIX 2.1 section 7.2): granular selectors, the standard TLP 1.0 and TLP 2.0 definitions.</summary>
public class MarkingRuleTests
{
    private static string Marked(params string[] selectors) => Samples.With(Samples.Campaign, o =>
    {
        var list = new JsonArray(selectors.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        o["granular_markings"] = new JsonArray(new JsonObject { ["marking_ref"] = TlpMarkings.Tlp2Red, ["selectors"] = list });
    });

    /// <summary>Section 7.2.3: selectors that reach present content are valid (property, list item, nested property).</summary>
    [Theory]
    [InlineData("description")]
    [InlineData("labels")]
    [InlineData("labels.[1]")]
    [InlineData("id")]
    public void ValidateObject_SelectorPresent_Valid(string selector) => Assert.Empty(Samples.Errors(Marked(selector)));

    /// <summary>Section 7.2.3: the specification's invalid selectors — absent content, indexing a string, naming into a list.</summary>
    [Theory]
    [InlineData("pattern")]
    [InlineData("labels.[2]")]
    [InlineData("description.[0]")]
    [InlineData("labels.name")]
    public void ValidateObject_SelectorAbsent_Error(string selector) =>
        Assert.Contains(Samples.Errors(Marked(selector)), f => f.Rule == "7.2.3" && f.Path == "/granular_markings/0/selectors/0");

    /// <summary>Section 7.2.3: a language marking (lang instead of marking_ref) is valid; both or neither is not.</summary>
    [Fact]
    public void ValidateObject_GranularLangOrMarkingRef_ExactlyOne()
    {
        static string WithMarking(string marking) => Samples.With(Samples.Campaign, o => o["granular_markings"] = JsonNode.Parse($"[{marking}]"));
        Assert.Empty(Samples.Errors(WithMarking("""{"lang":"de","selectors":["description"]}""")));
        Assert.NotEmpty(Samples.Errors(WithMarking($$"""{"lang":"de","marking_ref":"{{TlpMarkings.Tlp2Red}}","selectors":["description"]}""")));
        Assert.NotEmpty(Samples.Errors(WithMarking("""{"selectors":["description"]}""")));
    }

    /// <summary>Section 3.2: a marking definition does not mark itself.</summary>
    [Fact]
    public void ValidateObject_MarkingDefinitionMarksItself_Error()
    {
        var json = Samples.With(Samples.Statement, o => o["object_marking_refs"] = new JsonArray("marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd"));
        Assert.Contains(Samples.Errors(json), f => f.Rule == "3.2" && f.Path == "/object_marking_refs");
    }

    /// <summary>The embedded TLP 2.0 definitions (the OASIS objects) are valid.</summary>
    [Theory]
    [InlineData("tlp-clear.json")]
    [InlineData("tlp-green.json")]
    [InlineData("tlp-amber.json")]
    [InlineData("tlp-amber+strict.json")]
    [InlineData("tlp-red.json")]
    public void Validate_EmbeddedTlp2Definition_Valid(string file)
    {
        var report = StixValidator.Default.Validate(System.Text.Encoding.UTF8.GetBytes(StixSchemas.ReadEmbedded("tlp2/" + file)));
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(1, report.ObjectCount);
    }

    /// <summary>
    /// Section 7.2.1 with the TLP 2.0 extension: a definition under the standard TLP:RED id that says "clear" is forged and
    /// fails, as does a made-up id with the TLP 2.0 extension.
    /// </summary>
    [Theory]
    [InlineData(TlpMarkings.Tlp2Red, "clear", "TLP:RED")]
    [InlineData("marking-definition--1b2a3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", "red", "TLP:RED")]
    [InlineData(TlpMarkings.Tlp2Red, "red", "TLP:CLEAR")]
    public void ValidateObject_ForgedTlp2Definition_Error(string id, string tlp, string name)
    {
        var json = new JsonObject
        {
            ["type"] = "marking-definition", ["spec_version"] = "2.1", ["id"] = id, ["created"] = "2022-10-01T00:00:00.000Z", ["name"] = name,
            ["extensions"] = new JsonObject
            {
                [TlpMarkings.Tlp2ExtensionId] = new JsonObject { ["extension_type"] = "property-extension", ["tlp_2_0"] = tlp },
            },
        }.ToJsonString();
        Assert.Contains(Samples.Errors(json), f => f.Rule == "7.2.1");
    }

    /// <summary>Section 7.2.1.4: the standard TLP 1.0 definitions are valid; a standard id with another label is not.</summary>
    [Theory]
    [InlineData(TlpMarkings.Tlp1Green, "green", "TLP:GREEN", true)]
    [InlineData(TlpMarkings.Tlp1White, "white", "TLP:WHITE", true)]
    [InlineData(TlpMarkings.Tlp1Green, "white", "TLP:GREEN", false)]
    [InlineData("marking-definition--1b2a3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", "green", "TLP:GREEN", false)]
    public void ValidateObject_Tlp1Definition_OnlyStandardOnes(string id, string tlp, string name, bool valid)
    {
        var json = $$$"""
            {"type":"marking-definition","spec_version":"2.1","id":"{{{id}}}","created":"2017-01-20T00:00:00.000Z",
             "definition_type":"tlp","name":"{{{name}}}","definition":{"tlp":"{{{tlp}}}"}}
            """;
        Assert.Equal(valid, Samples.Errors(json).Count == 0);
    }
}
