using System.Text;
using System.Text.Json.Nodes;
using Schakel.Stix.Markings;
using Schakel.Stix.Misp;

namespace Schakel.Stix.Tests.Misp;

/// <summary>STIX 2.1 → MISP event (MISP core format), and the MISP → STIX → MISP round trip (misp-stix "STIX 2.1 to MISP").</summary>
public class StixToMispTests
{
    [DataTheory]
    [MemberData(nameof(MispTestData.Events), MemberType = typeof(MispTestData))]
    public void RoundTrip_RealEvent_KeepsEveryMappedAttributeTypeAndValue(string file)
    {
        var ev = MispTestData.Read(file);
        var c = MispToStix.Convert(ev);
        var export = StixToMisp.Convert(c.Objects);
        var back = MispEventReader.Read(Encoding.UTF8.GetBytes(export.Json));
        Assert.True(back.IsComplete, string.Join("; ", back.Findings));
        var again = back.Event!;

        Assert.Equal(ev.Uuid, again.Uuid);
        Assert.Equal(ev.Info, again.Info);
        Assert.Equal(ev.Date, again.Date);
        Assert.Equal(ev.Published, again.Published);
        Assert.Equal(ev.Orgc, again.Orgc);
        foreach (var a in ev.Attributes.Where(a => c.MappedAttributes.Contains(a.Uuid)))
        {
            var b = Assert.Single(again.Attributes, x => x.Uuid == a.Uuid);
            // Registry keys come back with the full hive name STIX requires (section 6.17): HKLM\… as HKEY_LOCAL_MACHINE\….
            Assert.Equal((a.Type, a.Type == "regkey" ? MispRegistryKeys.Normalise(a.Value) : a.Value, a.Category, a.ToIds), (b.Type, b.Value, b.Category, b.ToIds));
        }

        foreach (var o in ev.Objects)
        {
            var p = Assert.Single(again.Objects, x => x.Uuid == o.Uuid);
            Assert.Equal(o.Name, p.Name);
            foreach (var a in o.Attributes) // mapped ones come back from STIX, unmapped ones from x_misp_attributes / x_misp_object
                Assert.Contains(p.Attributes, b => (b.ObjectRelation, b.Type, b.Value) == (a.ObjectRelation, a.Type, a.Value));
            var references = o.References.Where(r => ev.AllAttributes.Any(x => x.Uuid == r.ReferencedUuid) || ev.Objects.Any(x => x.Uuid == r.ReferencedUuid));
            foreach (var r in references)
                Assert.Contains(p.References, x => x.RelationshipType == r.RelationshipType);
        }

        var tags = again.Tags.Select(t => t.Name).ToList();
        Assert.All(ev.Tags.Select(t => t.Name).Where(n => n != "tlp:white"), n => Assert.Contains(n, tags));
        if (ev.Tags.Any(t => t.Name == "tlp:white")) Assert.Contains("tlp:clear", tags);
        Assert.Empty(export.Unmapped);
    }

    [Theory]
    [InlineData(StixTlp.Red, "tlp:red")]
    [InlineData(StixTlp.AmberStrict, "tlp:amber+strict")]
    [InlineData(StixTlp.Clear, "tlp:clear")]
    public void Convert_ItemTlp_TlpTag(StixTlp tlp, string tag)
    {
        var export = StixToMisp.Convert(Bundle(), new StixToMispOptions { Tlp = tlp });
        var tags = Event(export)["Tag"]!.AsArray().Select(t => t!["name"]!.ToString()).ToList();
        Assert.Equal(tag, tags[0]);
        Assert.Single(tags, t => t.StartsWith("tlp:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("network", "1")]
    [InlineData("org:ncsc", "0")]
    public void Convert_Audience_Distribution(string audience, string distribution)
    {
        var export = StixToMisp.Convert(Bundle(), new StixToMispOptions { Audience = [audience], OwnOrganisationKey = "ncsc" });
        Assert.Equal(distribution, Event(export)["distribution"]!.ToString());
        Assert.DoesNotContain(export.Unmapped, u => u.Kind == "distribution");
    }

    [Fact]
    public void Convert_OrganisationAudience_SharingGroupWithMembers()
    {
        var orgs = new[] { new SchakelOrganisation("z-cert", "Z-CERT", "56bf12a7-c19c-4b98-83e7-d9bb02de0b81"), new SchakelOrganisation("ibd", "IBD") };
        var ev = Event(StixToMisp.Convert(Bundle(), new StixToMispOptions { Audience = ["org:z-cert", "org:ibd"], Organisations = orgs }));
        Assert.Equal("4", ev["distribution"]!.ToString());
        var members = ev["SharingGroup"]!["SharingGroupOrg"]!.AsArray().Select(m => m!["Organisation"]!["name"]!.ToString());
        Assert.Equal(["Z-CERT", "IBD"], members);
    }

    [Fact]
    public void Convert_SectorAudience_Distribution0AndReported()
    {
        var export = StixToMisp.Convert(Bundle(), new StixToMispOptions { Audience = ["sector:health"] });
        Assert.Equal("0", Event(export)["distribution"]!.ToString());
        Assert.Contains(export.Unmapped, u => u.Kind == "distribution" && u.What == "audience sector:health");
    }

    [Fact]
    public void Convert_ExternalStix_SimplePatternsAndScosMapped_RestKeptAsText()
    {
        var export = StixToMisp.Convert(Bundle());
        var ev = Event(export);
        var attributes = ev["Attribute"]!.AsArray().Select(a => a!.AsObject()).ToList();
        var ip = attributes.Single(a => a["uuid"]!.ToString() == "00000000-0000-4000-8000-000000000001");
        Assert.Equal(("ip-dst", "198.51.100.7", true), (ip["type"]!.ToString(), ip["value"]!.ToString(), (bool)ip["to_ids"]!));
        var file = attributes.Single(a => a["uuid"]!.ToString() == "00000000-0000-4000-8000-000000000002");
        Assert.Equal(("filename|sha256", "a.exe|" + new string('a', 64)), (file["type"]!.ToString(), file["value"]!.ToString()));
        var url = attributes.Single(a => a["type"]!.ToString() == "url");
        Assert.Equal(("https://bad.example/x", false), (url["value"]!.ToString(), (bool)url["to_ids"]!));
        Assert.Contains(attributes, a => a["type"]!.ToString() == "vulnerability" && a["value"]!.ToString() == "CVE-2024-3400");

        var orPattern = Assert.Single(export.Unmapped, u => u.Id == "indicator--00000000-0000-4000-8000-000000000003");
        Assert.Contains("OR", orPattern.Reason, StringComparison.Ordinal);
        Assert.Contains(export.Unmapped, u => u.Id == "location--00000000-0000-4000-8000-000000000005");
        var kept = attributes.Single(a => a["uuid"]!.ToString() == "00000000-0000-4000-8000-000000000005");
        Assert.Equal("text", kept["type"]!.ToString());
        Assert.Contains("\"country\":\"NL\"", kept["value"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains(ev["Tag"]!.AsArray(), t => t!["name"]!.ToString() == "misp-galaxy:mitre-malware=\"Emotet\"");
    }

    private static JsonObject Event(MispExport export) => JsonNode.Parse(export.Json)!["Event"]!.AsObject();

    private static List<StixObject> Bundle()
    {
        const string common = "\"spec_version\":\"2.1\",\"created\":\"2024-04-12T10:00:00.000Z\",\"modified\":\"2024-04-12T10:00:00.000Z\"";
        string[] objects =
        [
            $$"""{"type":"report","id":"report--00000000-0000-4000-8000-0000000000f0",{{common}},"name":"PAN-OS","published":"2024-04-12T10:00:00Z","object_refs":["indicator--00000000-0000-4000-8000-000000000001"]}""",
            $$"""{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000001",{{common}},"pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2024-04-12T10:00:00Z"}""",
            $$"""{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000002",{{common}},"pattern":"[file:name = 'a.exe' AND file:hashes.'SHA-256' = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']","pattern_type":"stix","valid_from":"2024-04-12T10:00:00Z"}""",
            $$"""{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000003",{{common}},"pattern":"[domain-name:value = 'a.example' OR domain-name:value = 'b.example']","pattern_type":"stix","valid_from":"2024-04-12T10:00:00Z"}""",
            """{"type":"url","spec_version":"2.1","id":"url--00000000-0000-4000-8000-000000000004","value":"https://bad.example/x"}""",
            $$"""{"type":"location","id":"location--00000000-0000-4000-8000-000000000005",{{common}},"country":"NL"}""",
            $$"""{"type":"vulnerability","id":"vulnerability--00000000-0000-4000-8000-000000000006",{{common}},"name":"CVE-2024-3400"}""",
            $$"""{"type":"malware","id":"malware--00000000-0000-4000-8000-000000000007",{{common}},"name":"Emotet","is_family":true}""",
        ];
        return objects.Select(StixObject.Parse).ToList();
    }
}
