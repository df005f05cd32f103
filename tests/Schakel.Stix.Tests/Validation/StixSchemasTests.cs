using System.Diagnostics;
using System.Text.Json.Nodes;
using Schakel.Stix.Validation;

namespace Schakel.Stix.Tests.Validation;

/// <summary>The embedded OASIS STIX 2.1 JSON schemas (STIX 2.1 section 1.2.12; sections 4–7 for the types).</summary>
public class StixSchemasTests
{
    /// <summary>Every SDO (section 4), SRO (5), SCO (6) and meta object (7) type has its own embedded schema.</summary>
    [Fact]
    public void ForType_EveryStixType_HasSchema()
    {
        var all = StixTypes.Sdos.Concat(StixTypes.Sros).Concat(StixTypes.Scos).Concat(StixTypes.Metas).ToList();
        Assert.Equal(19 + 2 + 18 + 3, all.Count);
        foreach (var type in all) Assert.True(StixSchemas.ForType(type) is not null, $"no schema for '{type}'");
        Assert.Equal(all.Order(), StixSchemas.Types.Order());
        Assert.Null(StixSchemas.ForType("x-acme-widget"));
    }

    /// <summary>The embedded schema files are the data's OASIS files byte for byte, and the notice names source and licence.</summary>
    [DataFact]
    public void EmbeddedFiles_SameAsOasisData_AndNoticePresent()
    {
        var embedded = StixSchemas.EmbeddedFiles().Where(f => !f.StartsWith("tlp2/", StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal)).ToList();
        var data = TestData.Files("stix/schemas", "*.json").Select(f => f["stix/schemas/".Length..]).ToList();
        Assert.Equal(data, embedded);
        foreach (var file in embedded)
            Assert.Equal(File.ReadAllText(TestData.Path("stix/schemas/" + file)), StixSchemas.ReadEmbedded(file));
        var notice = StixSchemas.ReadEmbedded("NOTICE.md");
        Assert.Contains("oasis-open/cti-stix2-json-schemas", notice, StringComparison.Ordinal);
        Assert.Contains("3bf9e69dc18d", notice, StringComparison.Ordinal);
        Assert.Contains("BSD-3-Clause", notice, StringComparison.Ordinal);
    }

    /// <summary>The defined properties come from the schema and its core: name and pattern for indicator, created from the core.</summary>
    [Fact]
    public void DefinedProperties_Indicator_OwnAndCommon()
    {
        var names = StixSchemas.DefinedProperties("indicator");
        Assert.Contains("pattern", names);
        Assert.Contains("created", names);
        Assert.Contains("object_marking_refs", names);
        Assert.DoesNotContain("x_acme", names);
    }

    /// <summary>
    /// The type-name pattern of the OASIS core, "([a-z][a-z0-9]*)+", backtracks exponentially; the validator rewrites it,
    /// so a hostile 5,000-character near-miss type is rejected fast.
    /// </summary>
    [Fact]
    public void ValidateObject_HostileTypeName_FastError()
    {
        StixValidator.Default.ValidateObject(JsonNode.Parse(Samples.Identity)!.Deserialize()); // warm up
        var type = new string('a', 5000) + "!";
        var json = Samples.With(Samples.CustomObject, o => { o["type"] = type; o["extensions"] = new JsonObject { [new string('b', 5000) + "!-ext"] = new JsonObject { ["x"] = 1 } }; });
        var watch = Stopwatch.StartNew();
        var errors = Samples.Errors(json);
        Assert.NotEmpty(errors);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
}

internal static class JsonNodeTestExtensions
{
    public static System.Text.Json.JsonElement Deserialize(this JsonNode node) => System.Text.Json.JsonSerializer.SerializeToElement(node);
}
