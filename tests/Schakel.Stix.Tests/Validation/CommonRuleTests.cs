using System.Text.Json.Nodes;

namespace Schakel.Stix.Tests.Validation;

/// <summary>
/// The common properties (STIX 2.1 sections 2.9 identifier, 2.16 timestamp, 3.1 names, 3.2 common properties, 3.6
/// versioning, 3.8 reserved names), each with a valid and a broken object.
/// </summary>
public class CommonRuleTests
{
    /// <summary>The specification's examples are valid and clean.</summary>
    [Theory]
    [InlineData(Samples.Indicator)]
    [InlineData(Samples.Identity)]
    [InlineData(Samples.Campaign)]
    [InlineData(Samples.Relationship)]
    [InlineData(Samples.File)]
    [InlineData(Samples.NetworkTraffic)]
    [InlineData(Samples.Statement)]
    public void ValidateObject_SpecificationExample_NoFindings(string json) => Assert.Empty(Samples.Check(json));

    /// <summary>Section 2.9: the id's type part equals the object's type.</summary>
    [Fact]
    public void ValidateObject_IdPrefixOtherType_Error()
    {
        var json = Samples.With(Samples.Campaign, o => o["id"] = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
        Assert.Contains(Samples.Errors(json), f => f.Rule == "2.9" && f.Path == "/id");
    }

    /// <summary>Section 2.9: the UUID is an RFC 4122 UUID (version 1–5, variant 10).</summary>
    [Theory]
    [InlineData("campaign--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f")] // version 0
    [InlineData("campaign--8e2e2d2b-17d4-4cbf-138f-98ee46b3cd3f")] // variant 0xxx
    [InlineData("campaign--8e2e2d2b17d44cbf938f98ee46b3cd3f")]
    [InlineData("campaign-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")]
    public void ValidateObject_IdNotRfc4122_Error(string id)
    {
        var json = Samples.With(Samples.Campaign, o => o["id"] = id);
        Assert.Contains(Samples.Errors(json), f => f.Rule == "2.9" && f.Path == "/id");
    }

    /// <summary>Section 2.9: SDOs SHOULD use UUIDv4; another version is a warning only.</summary>
    [Fact]
    public void ValidateObject_SdoWithUuidV1_WarningOnly()
    {
        var json = Samples.With(Samples.Campaign, o => o["id"] = "campaign--1621d4d4-b67d-11e3-9670-f01faf20d111");
        Assert.Empty(Samples.Errors(json));
        Assert.Contains(Samples.Warnings(json), f => f.Rule == "2.9");
    }

    /// <summary>Section 2.16: a timestamp is RFC 3339 in UTC with 'Z'; the calendar must be real.</summary>
    [Theory]
    [InlineData("2016-04-06T20:03:48.000+01:00")]
    [InlineData("2016-02-30T20:03:48.000Z")]
    [InlineData("2016-04-06 20:03:48.000Z")]
    [InlineData("2016-04-06T20:03:48.Z")]
    public void ValidateObject_CreatedNotStixTimestamp_Error(string created)
    {
        var json = Samples.With(Samples.Campaign, o => { o["created"] = created; o["modified"] = "2016-04-07T00:00:00.000Z"; });
        Assert.Contains(Samples.Errors(json), f => f.Rule == "2.16" && f.Path == "/created");
    }

    /// <summary>Section 2.16 applies to every timestamp property, e.g. valid_from.</summary>
    [Fact]
    public void ValidateObject_ValidFromImpossibleDate_Error()
    {
        var json = Samples.With(Samples.Indicator, o => o["valid_from"] = "2016-02-30T00:00:00Z");
        Assert.Contains(Samples.Errors(json), f => f.Rule == "2.16" && f.Path == "/valid_from");
    }

    /// <summary>Section 2.16 applies where STIX defines a timestamp: a custom object's own "date" property may be anything.</summary>
    [Fact]
    public void ValidateObject_CustomObjectDateProperty_NotATimestampRule()
    {
        var json = Samples.With(Samples.CustomObject, o => o["date"] = "last tuesday");
        Assert.DoesNotContain(Samples.Errors(json), f => f.Rule == "2.16");
        var email = """{"type":"email-message","spec_version":"2.1","id":"email-message--cf9b4b7f-14c8-5955-8065-020e0316b559","is_multipart":false,"date":"last tuesday"}""";
        Assert.Contains(Samples.Errors(email), f => f.Rule == "2.16" && f.Path == "/date");
    }

    /// <summary>Section 3.2: created and modified are precise to at least milliseconds; more digits are fine.</summary>
    [Theory]
    [InlineData("2016-04-06T20:03:48Z", false)]
    [InlineData("2016-04-06T20:03:48.1Z", false)]
    [InlineData("2016-04-06T20:03:48.123Z", true)]
    [InlineData("2016-04-06T20:03:48.123456789Z", true)]
    public void ValidateObject_ModifiedPrecision_MillisecondsRequired(string modified, bool valid)
    {
        var json = Samples.With(Samples.Campaign, o => o["modified"] = modified);
        Assert.Equal(valid, !Samples.Errors(json).Any(f => f.Rule == "3.2" && f.Path == "/modified"));
    }

    /// <summary>Section 3.6.1: modified is not earlier than created; equal is fine, and compared at full precision.</summary>
    [Theory]
    [InlineData("2016-04-06T20:03:00.000Z", "2016-04-06T20:03:00.000Z", true)]
    [InlineData("2016-04-06T20:03:00.0001Z", "2016-04-06T20:03:00.000Z", false)]
    [InlineData("2016-04-06T20:03:00.000Z", "2016-04-05T20:03:00.000Z", false)]
    [InlineData("2016-04-06T20:03:00.000Z", "2016-04-06T20:03:00.000000001Z", true)]
    public void ValidateObject_ModifiedBeforeCreated_Error(string created, string modified, bool valid)
    {
        var json = Samples.With(Samples.Campaign, o => { o["created"] = created; o["modified"] = modified; });
        Assert.Equal(valid, !Samples.Errors(json).Any(f => f.Rule == "3.6"));
    }

    /// <summary>Section 3.2: spec_version is "2.1" (required on SDOs by the schema; optional on SCOs).</summary>
    [Fact]
    public void ValidateObject_SpecVersion20_Error()
    {
        var json = Samples.With(Samples.Campaign, o => o["spec_version"] = "2.0");
        Assert.Contains(Samples.Errors(json), f => f.Rule == "3.2" && f.Path == "/spec_version");
    }

    /// <summary>Section 3.2: an SCO without spec_version is valid (the default is 2.1); an SDO without one is not.</summary>
    [Fact]
    public void ValidateObject_SpecVersionMissing_OptionalOnScoOnly()
    {
        Assert.Empty(Samples.Errors(Samples.With(Samples.File, o => o.Remove("spec_version"))));
        Assert.Contains(Samples.Errors(Samples.With(Samples.Campaign, o => o.Remove("spec_version"))), f => f.Rule == "schema");
    }

    /// <summary>Section 3.2/3.6: revoked is a boolean; a revoked object is otherwise valid.</summary>
    [Fact]
    public void ValidateObject_Revoked_BooleanOnly()
    {
        Assert.Empty(Samples.Check(Samples.With(Samples.Campaign, o => o["revoked"] = true)));
        Assert.Contains(Samples.Errors(Samples.With(Samples.Campaign, o => o["revoked"] = "yes")), f => f.Rule == "3.2" && f.Path == "/revoked");
    }

    /// <summary>Section 7.2.1: marking definitions cannot be versioned, so modified and revoked are not allowed on them.</summary>
    [Theory]
    [InlineData("modified")]
    [InlineData("revoked")]
    public void ValidateObject_MarkingDefinitionVersioned_Error(string property)
    {
        var json = Samples.With(Samples.Statement, o => o[property] = property == "revoked" ? JsonValue.Create(true) : JsonValue.Create("2017-01-01T00:00:00.000Z"));
        Assert.Contains(Samples.Errors(json), f => f.Rule == "7.2.1" && f.Path == "/" + property);
    }

    /// <summary>Section 3.2: defanged is for SCOs only.</summary>
    [Fact]
    public void ValidateObject_DefangedOnSdo_Error()
    {
        Assert.Empty(Samples.Check(Samples.With(Samples.File, o => o["defanged"] = true)));
        Assert.Contains(Samples.Errors(Samples.With(Samples.Campaign, o => o["defanged"] = true)), f => f.Rule == "3.2" && f.Path == "/defanged");
    }

    /// <summary>Section 3.8: severity, username, phone_number and action are reserved.</summary>
    [Theory]
    [InlineData("severity")]
    [InlineData("username")]
    [InlineData("phone_number")]
    [InlineData("action")]
    public void ValidateObject_ReservedProperty_Error(string name)
    {
        var json = Samples.With(Samples.Campaign, o => o[name] = "x");
        Assert.Contains(Samples.Errors(json), f => f.Rule == "3.8" && f.Path == "/" + name);
    }

    /// <summary>Section 3.1: type names are lowercase letters, digits and single hyphens.</summary>
    [Theory]
    [InlineData("corpo_ration")]
    [InlineData("corpor@tion")]
    [InlineData("x--double")]
    [InlineData("X-Upper")]
    public void ValidateObject_BadTypeName_Error(string type)
    {
        var json = Samples.With(Samples.CustomObject, o => { o["type"] = type; o["id"] = type + "--4527e5de-8572-446a-a57a-706f15467461"; });
        Assert.Contains(Samples.Errors(json), f => f.Rule == "3.1" && f.Path == "/type");
    }

    /// <summary>Schema (section 3.2, 4.x): a required property of the type is missing, e.g. the indicator's pattern.</summary>
    [Fact]
    public void ValidateObject_IndicatorWithoutPattern_SchemaError()
    {
        var errors = Samples.Errors(Samples.With(Samples.Indicator, o => o.Remove("pattern")));
        Assert.Contains(errors, f => f.Rule == "schema" && f.Message.Contains("\"pattern\"", StringComparison.Ordinal));
    }

    /// <summary>Schema: confidence is 0–100 (3.2).</summary>
    [Fact]
    public void ValidateObject_ConfidenceOutOfRange_SchemaError()
    {
        var errors = Samples.Errors(Samples.With(Samples.Campaign, o => o["confidence"] = 101));
        Assert.Contains(errors, f => f.Rule == "schema" && f.Path == "/confidence" && f.Message.Contains("101", StringComparison.Ordinal));
    }

    /// <summary>
    /// Schema (section 3.2 extensions, 3.1 names): keys the schema does not allow are rejected — an extensions key that is
    /// neither an extension definition id nor a *-ext name, and a property name with capitals (additionalProperties false).
    /// </summary>
    [Fact]
    public void ValidateObject_PropertiesTheSchemaForbids_SchemaError()
    {
        var badKey = Samples.Errors(Samples.With(Samples.File, o => o["extensions"] = JsonNode.Parse("""{"foo":{"a":"b"}}""")));
        Assert.Contains(badKey, f => f.Rule == "schema" && f.Path.StartsWith("/extensions", StringComparison.Ordinal));
        var capital = Samples.Errors(Samples.With(Samples.Campaign, o => o["Risk"] = 1));
        Assert.Contains(capital, f => f.Rule == "schema");
    }
}
