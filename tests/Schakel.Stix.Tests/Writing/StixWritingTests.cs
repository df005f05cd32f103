using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Schakel.Stix.Tests.Validation;
using Schakel.Stix.Validation;
using Schakel.Stix.Writing;

namespace Schakel.Stix.Tests.Writing;

/// <summary>Writing bundles (STIX 2.1 section 8) and copies of objects (section 3.6 versioning, 7.3 extensions).</summary>
public class StixWritingTests
{
    /// <summary>Section 8: read → write → read gives the same objects, in order, with every timestamp's text intact.</summary>
    [DataTheory]
    [InlineData("stix/bundles/oasis-examples/threat-reports/apt1.json")]
    [InlineData("stix/bundles/oasis-examples/infrastructure.json")]
    [InlineData("stix/filesystem-store/malware/malware--6b616fc1-1505-48e3-8b2c-0d19337bff38/20181101232448456000.json")]
    public void Write_ReadBundle_RoundTripsObjectsExactly(string file)
    {
        var first = StixBundleReader.Read(TestData.Bytes(file));
        var text = StixBundleWriter.WriteToString(first.Objects);
        var second = StixBundleReader.Read(Encoding.UTF8.GetBytes(text));

        Assert.True(second.IsWellFormed);
        Assert.Equal(first.Objects.Select(o => o.Json), second.Objects.Select(o => o.Json));
        Assert.Equal(first.Objects.Select(o => o.Modified?.Text), second.Objects.Select(o => o.Modified?.Text));
        Assert.Equal(first.Objects.Select(o => o.Created?.Text), second.Objects.Select(o => o.Created?.Text));
        Assert.NotEqual(first.BundleId, second.BundleId); // a new bundle gets a new id
        Assert.True(StixValidator.Default.Validate(Encoding.UTF8.GetBytes(text)).IsValid);
    }

    /// <summary>Timestamps beyond .NET's 100 ns and large numbers survive a round trip as written.</summary>
    [Fact]
    public void Write_HighPrecisionAndNumbers_KeptAsText()
    {
        var o = StixObject.Parse(Samples.With(Samples.Campaign, x =>
        {
            x["modified"] = "2016-04-06T20:03:00.123456789012Z";
            x["x_acme_big"] = JsonNode.Parse("12345678901234567890123");
        }));
        var back = StixBundleReader.Read(Encoding.UTF8.GetBytes(StixBundleWriter.WriteToString([o]))).Objects.Single();
        Assert.Equal("2016-04-06T20:03:00.123456789012Z", back.Modified!.Text);
        Assert.Contains("12345678901234567890123", back.Json, StringComparison.Ordinal);
        Assert.Equal(o.Json, back.Json);
    }

    /// <summary>Section 8.1 / 2.12: the bundle has type, a bundle--UUIDv4 id, and no empty objects list.</summary>
    [Fact]
    public void Write_NoObjects_BundleWithoutObjects()
    {
        using var doc = JsonDocument.Parse(StixBundleWriter.WriteToString([]));
        Assert.Equal("bundle", doc.RootElement.GetProperty("type").GetString());
        Assert.True(StixIdentifier.TryParse(doc.RootElement.GetProperty("id").GetString(), out var id));
        Assert.Equal(("bundle", 4), (id.Type, id.UuidVersion));
        Assert.False(doc.RootElement.TryGetProperty("objects", out _));
    }

    /// <summary>A given bundle id must be a bundle id.</summary>
    [Fact]
    public void Write_BadBundleId_Throws() =>
        Assert.Throws<ArgumentException>(() => StixBundleWriter.WriteToString([], "report--5d0092c5-5f74-4287-9642-33f4c354e56d"));

    /// <summary>The stream writer gives the same bytes as the string writer for the same id.</summary>
    [Fact]
    public async Task WriteAsync_SameAsWriteToString()
    {
        var objects = new[] { StixObject.Parse(Samples.Identity), StixObject.Parse(Samples.Indicator) };
        using var stream = new MemoryStream();
        var id = await StixBundleWriter.WriteAsync(stream, objects);
        Assert.Equal(StixBundleWriter.WriteToString(objects, id), Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Section 3.6: a new version sets modified and revoked in place; other properties keep order and text.</summary>
    [Fact]
    public void WithProperties_ReplaceAndAdd_KeepsOrder()
    {
        var o = StixObject.Parse(Samples.Campaign);
        var copy = StixObjects.WithProperties(o, new Dictionary<string, JsonNode?>
        {
            ["modified"] = "2017-01-01T00:00:00.000Z",
            ["revoked"] = true,
        });
        Assert.Equal("2017-01-01T00:00:00.000Z", copy.Modified!.Text);
        Assert.True(copy.Revoked);
        Assert.Equal(o.Created, copy.Created);
        using var a = o.ToDocument();
        using var b = copy.ToDocument();
        var names = b.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(a.RootElement.EnumerateObject().Select(p => p.Name).Append("revoked"), names);
        Assert.True(StixValidator.Default.Validate(copy).IsValid);
        Assert.False(o.Revoked); // the original is unchanged
    }

    /// <summary>A null value removes a property; type and id cannot change (a changed object needs a new id, section 3.5).</summary>
    [Fact]
    public void WithProperties_RemoveAndForbidden()
    {
        var o = StixObject.Parse(Samples.Campaign);
        Assert.DoesNotContain("\"labels\"", StixObjects.WithoutProperties(o, "labels").Json, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StixObjects.WithProperties(o, new Dictionary<string, JsonNode?> { ["id"] = "campaign--00000000-0000-4000-8000-000000000000" }));
        Assert.Throws<ArgumentException>(() => StixObjects.WithProperties(o, new Dictionary<string, JsonNode?> { ["type"] = null }));
    }

    /// <summary>Section 7.3: an extension is added next to existing ones, and replaces one with the same key.</summary>
    [Fact]
    public void WithExtension_AddThenReplace_KeepsOthers()
    {
        const string ext = "extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e";
        var o = StixObject.Parse(Samples.With(Samples.File, x => x["extensions"] = JsonNode.Parse("""{"ntfs-ext":{"sid":"1234567"}}""")));
        var added = StixObjects.WithExtension(o, ext, new JsonObject { ["extension_type"] = "property-extension", ["rank"] = 1 });
        var replaced = StixObjects.WithExtension(added, ext, new JsonObject { ["extension_type"] = "property-extension", ["rank"] = 2 });

        using var doc = replaced.ToDocument();
        var extensions = doc.RootElement.GetProperty("extensions");
        Assert.Equal(["ntfs-ext", ext], extensions.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, extensions.GetProperty(ext).GetProperty("rank").GetInt32());
        Assert.True(StixValidator.Default.Validate(replaced).IsValid);

        var fresh = StixObjects.WithExtension(StixObject.Parse(Samples.Campaign), ext, new JsonObject { ["extension_type"] = "property-extension", ["rank"] = 3 });
        Assert.Contains($"\"extensions\":{{\"{ext}\":{{\"extension_type\":\"property-extension\",\"rank\":3}}}}", fresh.Json, StringComparison.Ordinal);
    }
}

/// <summary>STIX 2.1 section 7.2.1 with the TLP 2.0 extension: the embedded standard definitions, by label.</summary>
public class StixMarkingDefinitionsTests
{
    [Theory]
    [InlineData(Stix.Markings.StixTlp.Clear)]
    [InlineData(Stix.Markings.StixTlp.Green)]
    [InlineData(Stix.Markings.StixTlp.Amber)]
    [InlineData(Stix.Markings.StixTlp.AmberStrict)]
    [InlineData(Stix.Markings.StixTlp.Red)]
    public void Tlp2_EachLabel_StandardIdAndValid(Stix.Markings.StixTlp label)
    {
        var definition = StixMarkingDefinitions.Tlp2(label);
        Assert.Equal(Stix.Markings.TlpMarkings.Tlp2IdOf(label), definition.Id);
        Assert.True(Stix.Markings.TlpMarkings.TryGetLabel(definition.Id, out var back));
        Assert.Equal(label, back);
        Assert.Empty(StixValidator.Default.Validate(definition).Findings);
    }
}
