using Schakel.Stix.Validation;

namespace Schakel.Stix.Tests.Validation;

/// <summary>Bundles and containers (STIX 2.1 section 8, TAXII 2.1 section 3.7) and versions across objects (section 3.6).</summary>
public class BundleRuleTests
{
    /// <summary>Section 8.1: a bundle has type bundle and id bundle--UUID; objects are checked one by one.</summary>
    [Fact]
    public void Validate_ValidBundle_Valid()
    {
        var report = Samples.CheckContent(Samples.Bundle(Samples.Identity, Samples.Indicator));
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(2, report.ObjectCount);
        Assert.Empty(report.Findings);
    }

    /// <summary>Section 8.1: a bundle id must be bundle--UUID.</summary>
    [Fact]
    public void Validate_BundleIdOfOtherType_Error()
    {
        var report = Samples.CheckContent(Samples.Bundle(Samples.Identity).Replace("bundle--5d0092c5", "report--5d0092c5", StringComparison.Ordinal));
        Assert.Contains(report.Errors, f => f.ObjectId is null && f.Path == "/id");
    }

    /// <summary>Section 8 / 2.12: objects, when present, is a non-empty list.</summary>
    [Fact]
    public void Validate_BundleWithEmptyObjects_Error()
    {
        var report = Samples.CheckContent("""{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[]}""");
        Assert.Contains(report.Errors, f => f.ObjectId is null && f.Rule == "schema");
    }

    /// <summary>An invalid object is reported with its id, and the others stay valid.</summary>
    [Fact]
    public void Validate_BundleWithOneInvalidObject_OnlyThatObjectInvalid()
    {
        var broken = Samples.With(Samples.Indicator, o => o.Remove("pattern"));
        var report = Samples.CheckContent(Samples.Bundle(Samples.Identity, broken));
        Assert.Equal(["indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"], report.InvalidObjectIds);
    }

    /// <summary>Section 3.6: two different objects with the same id and modified are an error.</summary>
    [Fact]
    public void Validate_SameVersionDifferentContent_Error()
    {
        var other = Samples.With(Samples.Campaign, o => o["name"] = "Another name");
        var report = Samples.CheckContent(Samples.Bundle(Samples.Campaign, other));
        Assert.Contains(report.Errors, f => f.Rule == "3.6" && f.ObjectId == "campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
    }

    /// <summary>Section 3.6: the same version twice (property order aside) is only a warning; a later version is fine.</summary>
    [Fact]
    public void Validate_RepeatedOrNewVersion_NoError()
    {
        var reordered = Samples.With(Samples.Campaign, o => { var name = o["name"]!.GetValue<string>(); o.Remove("name"); o["name"] = name; });
        var repeated = Samples.CheckContent(Samples.Bundle(Samples.Campaign, reordered));
        Assert.True(repeated.IsValid, repeated.ToString());
        Assert.Contains(repeated.Warnings, f => f.Rule == "3.6");

        var newer = Samples.With(Samples.Campaign, o => { o["modified"] = "2017-01-01T00:00:00.000Z"; o["name"] = "Renamed"; });
        Assert.Empty(Samples.CheckContent(Samples.Bundle(Samples.Campaign, newer)).Findings);
    }

    /// <summary>Section 3.6: revocation is permanent — no version may follow a revoked one.</summary>
    [Fact]
    public void Validate_VersionAfterRevocation_Error()
    {
        var revoked = Samples.With(Samples.Campaign, o => { o["modified"] = "2017-01-01T00:00:00.000Z"; o["revoked"] = true; });
        var later = Samples.With(Samples.Campaign, o => o["modified"] = "2018-01-01T00:00:00.000Z");
        var report = Samples.CheckContent(Samples.Bundle(Samples.Campaign, revoked, later));
        var error = Assert.Single(report.Errors);
        Assert.Equal("3.6", error.Rule);
        Assert.Contains("2018-01-01T00:00:00.000Z", error.Message, StringComparison.Ordinal);
    }

    /// <summary>TAXII 2.1 section 3.7: an envelope's objects are validated like a bundle's, without bundle checks.</summary>
    [Fact]
    public void Validate_TaxiiEnvelope_ObjectsChecked()
    {
        var broken = Samples.With(Samples.Campaign, o => o["modified"] = "2000-01-01T00:00:00.000Z");
        var report = Samples.CheckContent($$"""{"more":false,"objects":[{{Samples.Identity}},{{broken}}]}""");
        Assert.Equal(2, report.ObjectCount);
        Assert.Contains(report.Errors, f => f.Rule == "3.6" && f.ObjectId == "campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
    }

    /// <summary>Section 8: a bare array is not a bundle (warning) but its objects are still checked.</summary>
    [Fact]
    public void Validate_BareArray_WarningAndObjectsChecked()
    {
        var report = Samples.CheckContent($"[{Samples.Identity},{Samples.File}]");
        Assert.Equal(2, report.ObjectCount);
        Assert.True(report.IsValid);
        Assert.Contains(report.Warnings, f => f.Rule == "8" && f.ObjectId is null);
    }

    /// <summary>Not JSON, or over the size limit: one error, nothing read.</summary>
    [Fact]
    public void Validate_NotJsonOrTooLarge_SingleError()
    {
        Assert.Equal("json", Assert.Single(Samples.CheckContent("{\"type\":").Findings).Rule);
        var big = System.Text.Encoding.UTF8.GetBytes(Samples.Bundle(Samples.Identity));
        Assert.Equal("size", Assert.Single(StixValidator.Default.Validate(big, maxBytes: 100).Findings).Rule);
    }

    /// <summary>Validate(StixReadResult) checks the bundle id too (section 8.1) and keeps the reader's findings.</summary>
    [Fact]
    public void ValidateReadResult_BadBundleIdAndUnreadableObject_BothReported()
    {
        var json = $$"""{"type":"bundle","id":"bundle--nope","objects":[{{Samples.Identity}},{"type":"identity"}]}""";
        var report = StixValidator.Default.Validate(StixBundleReader.Read(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Contains(report.Errors, f => f.Rule == "8.1");
        Assert.Contains(report.Errors, f => f.Path == "/objects/1");
        Assert.Equal(1, report.ObjectCount);
    }
}
