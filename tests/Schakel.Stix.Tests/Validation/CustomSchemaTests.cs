using System.Text.Json;
using System.Text.Json.Nodes;
using Schakel.Stix.Validation;

namespace Schakel.Stix.Tests.Validation;

/// <summary>
/// The OASIS validator's custom-schema fixtures (<c>validator-tests/test_schemas</c>) used as extra schemas (STIX 2.1
/// section 7.3: an extension's schema is its normative definition; 11.x: custom content). Each file is keyed by its name,
/// as the OASIS validator keys its schema folder: a type name or an extension definition id.
/// </summary>
public class CustomSchemaTests
{
    private static StixValidator ValidatorWithFixtures()
    {
        var files = TestData.Files("stix/validator-tests/test_schemas", "*.json")
            .Where(f => !f.EndsWith("/x-foo-bar.json", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => File.ReadAllText(TestData.Path(f)));
        return new StixValidator(new StixValidatorOptions { ExtraSchemas = StixValidatorOptions.BuildExtraSchemas(files) });
    }

    private static IReadOnlyList<StixFinding> Errors(StixValidator validator, string json)
    {
        using var doc = JsonDocument.Parse(json);
        return validator.ValidateObject(doc.RootElement).Where(f => f.Severity == StixSeverity.Error).ToList();
    }

    /// <summary>tool.json requires foo_value and, through its $ref to bar.json, a string bar_value: the OASIS tool example passes.</summary>
    [DataFact]
    public void ExtraSchema_ToolExample_PassesAndBreaks()
    {
        var validator = ValidatorWithFixtures();
        var tool = File.ReadAllText(TestData.Path("stix/validator-tests/test_examples/tool.json"));
        Assert.Empty(Errors(validator, tool));
        Assert.Contains(Errors(validator, Samples.With(tool, o => o.Remove("foo_value"))), f => f.Message.Contains("'tool' extra", StringComparison.Ordinal));
        Assert.Contains(Errors(validator, Samples.With(tool, o => o["bar_value"] = 5)), f => f.Path == "/bar_value");
        Assert.Empty(Errors(StixValidator.Default, Samples.With(tool, o => o.Remove("foo_value")))); // only the extra schema cares
    }

    /// <summary>indicator.json narrows the name to "Foobar".</summary>
    [DataFact]
    public void ExtraSchema_IndicatorName_Checked()
    {
        var validator = ValidatorWithFixtures();
        Assert.Contains(Errors(validator, Samples.Indicator), f => f.Path == "/name");
        Assert.Empty(Errors(validator, Samples.With(Samples.Indicator, o => o["name"] = "Foobar")));
    }

    /// <summary>An extension's schema, keyed by the extension definition id, applies to every object carrying that extension (7.3).</summary>
    [DataFact]
    public void ExtraSchema_ByExtensionId_AppliesToCarriers()
    {
        var validator = ValidatorWithFixtures();
        const string ext = "extension-definition--993ce403-6fdd-4efa-8279-31cf2d91b1c8";
        string Graded(string grade) => Samples.With(Samples.Campaign, o =>
        {
            o["grade"] = grade;
            o["extensions"] = new JsonObject { [ext] = new JsonObject { ["extension_type"] = "toplevel-property-extension" } };
        });
        Assert.Empty(Errors(validator, Graded("B")));
        Assert.Contains(Errors(validator, Graded("E")), f => f.Path == "/grade");
    }

    /// <summary>file.json checks the property extension d83fce45 on files: foo_value is required there.</summary>
    [DataFact]
    public void ExtraSchema_FilePropertyExtension_Checked()
    {
        var validator = ValidatorWithFixtures();
        string WithExtension(JsonObject value) => Samples.With(Samples.File, o => o["extensions"] = new JsonObject { ["extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e"] = value });
        Assert.Empty(Errors(validator, WithExtension(new JsonObject { ["extension_type"] = "property-extension", ["foo_value"] = "x" })));
        Assert.NotEmpty(Errors(validator, WithExtension(new JsonObject { ["extension_type"] = "property-extension", ["bar_value"] = "x" })));
    }

    /// <summary>A schema for a new type (x-new-type, property2 an integer) applies to objects of that type.</summary>
    [DataFact]
    public void ExtraSchema_NewType_Checked()
    {
        var validator = ValidatorWithFixtures();
        string NewType(JsonNode property2) => Samples.With(Samples.CustomObject, o =>
        {
            o["type"] = "x-new-type";
            o["id"] = "x-new-type--4527e5de-8572-446a-a57a-706f15467461";
            o["property2"] = property2;
            o["extensions"] = new JsonObject { ["extension-definition--ba73205e-96bb-40d3-8168-0056d862b229"] = new JsonObject { ["extension_type"] = "new-sdo" } };
        });
        Assert.Empty(Errors(validator, NewType(5)));
        Assert.Contains(Errors(validator, NewType("five")), f => f.Path == "/property2");
    }

    /// <summary>x-foo-bar.json is not JSON (the OASIS fixture for a broken schema): building it fails.</summary>
    [DataFact]
    public void BuildExtraSchemas_BrokenFile_Throws()
    {
        var broken = File.ReadAllText(TestData.Path("stix/validator-tests/test_schemas/x-foo-bar.json"));
        Assert.ThrowsAny<JsonException>(() => StixValidatorOptions.BuildExtraSchemas(new Dictionary<string, string> { ["x-foo-bar"] = broken }));
    }

    /// <summary>The fixtures' TLP 2.0 extension schema is the one embedded (and applied to every TLP 2.0 marking, 7.2.1).</summary>
    [DataFact]
    public void Tlp2Fixture_SameAsEmbedded() =>
        Assert.Equal(
            File.ReadAllText(TestData.Path("stix/validator-tests/test_schemas/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json")),
            StixSchemas.ReadEmbedded("tlp2/tlp2-extension-schema.json"));
}
