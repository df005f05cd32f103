using System.Text.Json.Nodes;

namespace Schakel.Stix.Tests.Validation;

/// <summary>Embedded relationships (STIX 2.1 sections 3.1, 3.3, 5.1, 5.2, 6.x, 8.2): *_ref/*_refs hold identifiers of the allowed types.</summary>
public class ReferenceRuleTests
{
    /// <summary>Section 3.2: created_by_ref refers to an identity.</summary>
    [Fact]
    public void ValidateObject_CreatedByRefNotIdentity_Error()
    {
        var json = Samples.With(Samples.Indicator, o => o["created_by_ref"] = "campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
        Assert.Contains(Samples.Errors(json), f => f.Rule == "3.3" && f.Path == "/created_by_ref" && f.Message.Contains("identity", StringComparison.Ordinal));
    }

    /// <summary>Section 7.2.2: object_marking_refs lists marking-definition ids.</summary>
    [Fact]
    public void ValidateObject_ObjectMarkingRefNotMarking_Error()
    {
        var json = Samples.With(Samples.Campaign, o => o["object_marking_refs"] = new JsonArray("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff"));
        var errors = Samples.Errors(json);
        Assert.Contains(errors, f => f.Rule == "3.3" && f.Path == "/object_marking_refs/1");
        Assert.DoesNotContain(errors, f => f.Path == "/object_marking_refs/0");
    }

    /// <summary>Section 3.3: a *_ref that is not an identifier is an error, also for custom properties.</summary>
    [Theory]
    [InlineData("x_acme_target_ref", "not-an-id")]
    [InlineData("created_by_ref", "identity--1234")]
    public void ValidateObject_RefNotIdentifier_Error(string property, string value)
    {
        var json = Samples.With(Samples.Campaign, o => o[property] = value);
        Assert.Contains(Samples.Errors(json), f => f.Rule == "3.3" && f.Path == "/" + property);
    }

    /// <summary>Section 3.3: a *_refs that is not a list is an error.</summary>
    [Fact]
    public void ValidateObject_RefsNotList_Error()
    {
        var json = Samples.With(Samples.Campaign, o => o["x_acme_related_refs"] = "campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
        Assert.Contains(Samples.Errors(json), f => f.Rule == "3.3" && f.Path == "/x_acme_related_refs");
    }

    /// <summary>Section 5.1: a relationship connects SDOs and SCOs (custom types allowed), never SROs or meta objects.</summary>
    [Theory]
    [InlineData("sighting--ee20065d-2555-424f-ad9e-0f8428623c75", false)]
    [InlineData("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", false)]
    [InlineData("ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd", true)]
    [InlineData("x-acme-widget--ee20065d-2555-424f-ad9e-0f8428623c75", true)]
    public void ValidateObject_RelationshipTarget_SdoOrSco(string target, bool valid)
    {
        var json = Samples.With(Samples.Relationship, o => o["target_ref"] = target);
        Assert.Equal(valid, !Samples.Errors(json).Any(f => f.Path == "/target_ref"));
    }

    /// <summary>Section 8.2: nothing refers to a bundle.</summary>
    [Fact]
    public void ValidateObject_RefToBundle_Error()
    {
        var json = Samples.With(Samples.Campaign, o => o["x_acme_source_ref"] = "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d");
        Assert.Contains(Samples.Errors(json), f => f.Rule == "8.2");
    }

    /// <summary>Section 6.12: network-traffic src_ref is an address or domain name, not a file.</summary>
    [Fact]
    public void ValidateObject_NetworkTrafficSrcRefFile_Error()
    {
        var json = Samples.With(Samples.NetworkTraffic, o => o["src_ref"] = "file--9a1f834d-2506-5367-baec-7aa63996ac43");
        Assert.Contains(Samples.Errors(json), f => f.Rule == "3.3" && f.Path == "/src_ref");
    }

    /// <summary>Section 3.3 inside nested content: a granular marking's marking_ref must be a marking definition.</summary>
    [Fact]
    public void ValidateObject_GranularMarkingRefNotMarking_Error()
    {
        var json = Samples.With(Samples.Campaign, o => o["granular_markings"] = JsonNode.Parse("""[{"marking_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","selectors":["name"]}]"""));
        Assert.Contains(Samples.Errors(json), f => f.Rule == "3.3" && f.Path == "/granular_markings/0/marking_ref");
    }

    /// <summary>Section 2.13: the deprecated observable container of observed-data uses local keys, which are not identifiers.</summary>
    [Fact]
    public void ValidateObject_ObservedDataContainerLocalRefs_NoReferenceError()
    {
        const string json = """
            {"type":"observed-data","spec_version":"2.1","id":"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf",
             "created":"2016-04-06T19:58:16.000Z","modified":"2016-04-06T19:58:16.000Z","first_observed":"2015-12-21T19:00:00Z",
             "last_observed":"2015-12-21T19:00:00Z","number_observed":1,
             "objects":{"0":{"type":"ipv4-addr","value":"198.51.100.2"},"1":{"type":"network-traffic","dst_ref":"0","protocols":["tcp"]}}}
            """;
        Assert.DoesNotContain(Samples.Errors(json), f => f.Rule == "3.3");
    }
}
