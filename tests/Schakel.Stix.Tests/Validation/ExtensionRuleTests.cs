using System.Text.Json.Nodes;

namespace Schakel.Stix.Tests.Validation;

/// <summary>Extensions and custom content (STIX 2.1 sections 3.2 extensions, 3.10, 7.3, 11.1, 11.2, 11.3): kept, and reported.</summary>
public class ExtensionRuleTests
{
    private const string ExtensionId = "extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e";

    /// <summary>Section 7.3: a property extension keyed by its extension definition's id is valid and clean.</summary>
    [Fact]
    public void ValidateObject_PropertyExtension_Valid()
    {
        var json = Samples.With(Samples.Indicator, o => o["extensions"] = new JsonObject
        {
            [ExtensionId] = new JsonObject { ["extension_type"] = "property-extension", ["rank"] = 5, ["toxicity"] = 8 },
        });
        Assert.Empty(Samples.Check(json));
    }

    /// <summary>Section 3.2: an extension-definition extension needs extension_type, from extension-type-enum (10.5).</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("sub-component")]
    public void ValidateObject_ExtensionTypeMissingOrUnknown_Error(string? kind)
    {
        var extension = new JsonObject { ["rank"] = 5 };
        if (kind is not null) extension["extension_type"] = kind;
        var json = Samples.With(Samples.Indicator, o => o["extensions"] = new JsonObject { [ExtensionId] = extension });
        Assert.NotEmpty(Samples.Errors(json));
    }

    /// <summary>Section 7.3: a new-sdo extension must not be used to redefine a standard type.</summary>
    [Fact]
    public void ValidateObject_NewSdoOnStandardType_Error()
    {
        var json = Samples.With(Samples.Indicator, o => o["extensions"] = new JsonObject { [ExtensionId] = new JsonObject { ["extension_type"] = "new-sdo" } });
        Assert.Contains(Samples.Errors(json), f => f.Rule == "7.3");
    }

    /// <summary>Section 7.3: a new object type defined by an extension definition is valid without warnings.</summary>
    [Fact]
    public void ValidateObject_NewSdoType_ValidWithoutWarnings()
    {
        const string json = """
            {"type":"my-favorite-sdo","spec_version":"2.1","id":"my-favorite-sdo--ac97aae4-83f1-46ca-a351-7aeb76678189",
             "created":"2014-02-20T09:16:08.989000Z","modified":"2014-02-20T09:16:08.989000Z","name":"This is the name of my favorite",
             "some_property_name1":"value1","extensions":{"extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62":{"extension_type":"new-sdo"}}}
            """;
        Assert.Empty(Samples.Check(json));
    }

    /// <summary>Section 7.3: a new SCO type needs only the SCO common properties (no created/modified).</summary>
    [Fact]
    public void ValidateObject_NewScoType_Valid()
    {
        const string json = """
            {"type":"my-favorite-sco","spec_version":"2.1","id":"my-favorite-sco--f9dbe89c-0030-4a9d-8b78-0dcd0a0de874",
             "name":"This is the name of my favorite SCO","some_network_protocol_field":"value",
             "extensions":{"extension-definition--c5333451-c08c-4c48-be5e-9ad4c947776a":{"extension_type":"new-sco"}}}
            """;
        Assert.Empty(Samples.Errors(json));
    }

    /// <summary>Sections 3.10 and 11.3: predefined extensions are fine; a custom *-ext on an SCO is a warning (deprecated), on an SDO an error.</summary>
    [Fact]
    public void ValidateObject_CustomExtension_WarningOnScoErrorOnSdo()
    {
        // (Extensions are ID contributing properties of a file, so the sample's id no longer matches: a 3.4 warning.)
        Assert.DoesNotContain(Samples.Check(Samples.With(Samples.File, o => o["extensions"] = JsonNode.Parse("""{"ntfs-ext":{"sid":"1234567"}}"""))), f => f.Rule != "3.4");
        var onSco = Samples.Check(Samples.With(Samples.File, o => o["extensions"] = JsonNode.Parse("""{"x-example-com-foo-ext":{"foo_val":"foo"}}""")));
        Assert.DoesNotContain(onSco, f => f.Severity == StixSeverity.Error);
        Assert.Contains(onSco, f => f.Rule == "11.3" && f.Severity == StixSeverity.Warning);
        var onSdo = Samples.Errors(Samples.With(Samples.Campaign, o => o["extensions"] = JsonNode.Parse("""{"x-example-com-foo-ext":{"foo_val":"foo"}}""")));
        Assert.Contains(onSdo, f => f.Rule == "11.3");
    }

    /// <summary>Section 11.1: a custom property with x_ prefix is clean, without it a warning, with a bad name an error.</summary>
    [Theory]
    [InlineData("x_acme_org_risk_score", null)]
    [InlineData("risk_score", StixSeverity.Warning)]
    [InlineData("Risk", StixSeverity.Error)]
    [InlineData("x-acme", StixSeverity.Error)]
    public void ValidateObject_CustomProperty_NameRules(string name, StixSeverity? expected)
    {
        var findings = Samples.Check(Samples.With(Samples.Campaign, o => o[name] = 10));
        var custom = findings.Where(f => f.Rule == "11.1").ToList();
        if (expected is null) Assert.Empty(custom);
        else Assert.Contains(custom, f => f.Severity == expected && f.Path == "/" + name);
    }

    /// <summary>Section 7.3: properties added by a toplevel-property-extension need no x_ prefix.</summary>
    [Fact]
    public void ValidateObject_TopLevelPropertyExtension_NoPrefixWarning()
    {
        var json = Samples.With(Samples.Indicator, o =>
        {
            o["rank"] = 1;
            o["extensions"] = new JsonObject { ["extension-definition--71736db5-10db-43d3-b0e3-65cf81601fe1"] = new JsonObject { ["extension_type"] = "toplevel-property-extension" } };
        });
        Assert.Empty(Samples.Check(json));
    }

    /// <summary>Section 11.2: a custom object is valid (common properties required) and warned about as deprecated.</summary>
    [Fact]
    public void ValidateObject_CustomObject_ValidWithDeprecationWarning()
    {
        var findings = Samples.Check(Samples.CustomObject);
        Assert.DoesNotContain(findings, f => f.Severity == StixSeverity.Error);
        Assert.Contains(findings, f => f.Rule == "11.2" && f.Severity == StixSeverity.Warning);
    }

    /// <summary>Section 11.2.1: custom objects support the common properties, so created and modified are required.</summary>
    [Theory]
    [InlineData("created")]
    [InlineData("modified")]
    [InlineData("spec_version")]
    public void ValidateObject_CustomObjectWithoutCommonProperty_Error(string property) =>
        Assert.NotEmpty(Samples.Errors(Samples.With(Samples.CustomObject, o => o.Remove(property))));

    /// <summary>Section 11.2.1: a custom type without the x- prefix is a warning (SHOULD), not an error.</summary>
    [Fact]
    public void ValidateObject_CustomTypeWithoutPrefix_Warning()
    {
        var json = Samples.With(Samples.CustomObject, o => { o["type"] = "corporation"; o["id"] = "corporation--4527e5de-8572-446a-a57a-706f15467461"; });
        Assert.Empty(Samples.Errors(json));
        Assert.Contains(Samples.Warnings(json), f => f.Rule == "11.2" && f.Message.Contains("x-", StringComparison.Ordinal));
    }

    /// <summary>Section 7.3.1: extension_properties only with a toplevel-property-extension.</summary>
    [Fact]
    public void ValidateObject_ExtensionPropertiesWithoutTopLevel_Error()
    {
        const string json = """
            {"id":"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e","type":"extension-definition","spec_version":"2.1",
             "name":"Extension Foo 1","created":"2014-02-20T09:16:08.989000Z","modified":"2014-02-20T09:16:08.989000Z",
             "created_by_ref":"identity--11b76a96-5d2b-45e0-8a5a-f6994f370731","schema":"https://www.example.com/schema-foo-1/v1/",
             "version":"1.2.1","extension_types":["property-extension"],"extension_properties":["rank"]}
            """;
        Assert.Contains(Samples.Errors(json), f => f.Rule == "7.3.1");
        Assert.Empty(Samples.Errors(json.Replace("[\"property-extension\"]", "[\"toplevel-property-extension\"]", StringComparison.Ordinal)));
    }
}
