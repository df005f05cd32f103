using System.Text;
using System.Text.Json.Nodes;
using Schakel.Stix.Markings;
using Schakel.Stix.Misp;

namespace Schakel.Stix.Tests.Misp;

/// <summary>
/// MISP event → STIX 2.1 (STIX 2.1 sections 4 and 6: report/grouping, indicator, observed-data, SCOs; section 7.2: TLP
/// markings; section 2.9: deterministic SCO ids), following misp-stix's "MISP Events to STIX 2.1" mapping.
/// </summary>
public class MispToStixTests
{
    [DataTheory]
    [MemberData(nameof(MispTestData.Events), MemberType = typeof(MispTestData))]
    public void Convert_RealEvent_EveryObjectPassesTheStixValidator(string file)
    {
        var c = MispToStix.Convert(MispTestData.Read(file));
        var report = Schakel.Stix.Validation.StixValidator.Default.Validate(StixBundleReader.Read(Encoding.UTF8.GetBytes(
            Schakel.Stix.Writing.StixBundleWriter.WriteToString(c.Objects))));
        Assert.True(report.IsValid, string.Join("\n", report.Errors));
    }

    [DataTheory]
    [MemberData(nameof(MispTestData.Events), MemberType = typeof(MispTestData))]
    public void Convert_RealEvent_EveryAttributeMappedOrListedUnmapped(string file)
    {
        var ev = MispTestData.Read(file);
        var c = MispToStix.Convert(ev);

        var all = ev.AllAttributes.Select(a => a.Uuid).ToList();
        var unmapped = c.Unmapped.Where(u => u.Kind == "attribute").Select(u => u.Id!).ToList();
        Assert.Equal(all.Count, c.MappedAttributes.Count + unmapped.Count);
        Assert.Equal(all.Order(), c.MappedAttributes.Concat(unmapped).Order());
        Assert.All(c.Unmapped, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));

        var ids = c.Objects.Select(o => o.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var container = c.Objects.Single(o => o.Id == c.ContainerId);
        Assert.Equal(ev.Published ? "report" : "grouping", container.Type);
        var refs = JsonNode.Parse(container.Json)!["object_refs"]!.AsArray().Select(r => r!.ToString()).ToList();
        Assert.All(refs, r => Assert.Contains(r, ids));
        Assert.All(ids.Where(i => i != c.ContainerId && !i.StartsWith("identity--", StringComparison.Ordinal)), i => Assert.Contains(i, refs));
    }

    [DataTheory]
    [MemberData(nameof(MispTestData.Events), MemberType = typeof(MispTestData))]
    public void Convert_SameEventTwice_SameIdsAndContent(string file)
    {
        var first = MispToStix.Convert(MispTestData.Read(file));
        var second = MispToStix.Convert(MispTestData.Read(file));
        Assert.Equal(first.Objects.Select(o => o.Json), second.Objects.Select(o => o.Json));
        Assert.Equal($"report--{MispTestData.Read(file).Uuid}".Replace("report", first.Objects[1].Type, StringComparison.Ordinal), first.ContainerId);
    }

    [DataFact]
    public void Convert_ChangedEvent_SameIdNewModified()
    {
        var text = Encoding.UTF8.GetString(TestData.Bytes("misp/events/misp_event.json"));
        var changed = text.Replace("\"timestamp\": \"1465681801\"", "\"timestamp\": \"1465690000\"", StringComparison.Ordinal);
        Assert.NotEqual(text, changed);
        var before = Container(MispToStix.Convert(MispEventReader.Read(Encoding.UTF8.GetBytes(text)).Event!));
        var after = Container(MispToStix.Convert(MispEventReader.Read(Encoding.UTF8.GetBytes(changed)).Event!));
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.Created, after.Created);
        Assert.True(after.Modified! > before.Modified!);
        Assert.Equal("2016-06-11T21:50:01.000Z", before.Modified!.Text);
    }

    [DataFact]
    public void Convert_TlpWhiteEvent_EveryObjectMarkedClear()
    {
        var c = MispToStix.Convert(MispTestData.Read("misp/events/57c4445b-c548-4654-af0b-4be3950d210f.json"));
        Assert.Equal(StixTlp.Clear, c.Tlp);
        Assert.All(c.Objects.Where(o => o.Type != "identity"), o => Assert.Equal([TlpMarkings.Tlp2Clear], o.ObjectMarkingRefs));
        var report = JsonNode.Parse(Container(c).Json)!;
        Assert.DoesNotContain("tlp:white", report["labels"]!.AsArray().Select(l => l!.ToString()));
    }

    [DataFact]
    public void Convert_ToIdsAttributes_IndicatorsWithPatterns_OthersObservedData()
    {
        var c = MispToStix.Convert(MispTestData.Read("misp/events/57c4445b-c548-4654-af0b-4be3950d210f.json"));
        var sha256 = Object(c, "indicator--57c4448b-3fa4-4d65-9ccc-4afa950d210f");
        Assert.Equal("[file:hashes.'SHA-256' = 'b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68']", sha256["pattern"]!.ToString());
        var regkey = Object(c, "indicator--57c54b0f-27a4-458b-8e63-4455950d210f");
        Assert.Equal(@"[windows-registry-key:key = 'Software\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Run' AND windows-registry-key:values[*].data = '%TEMP%\\3Z4wnG9603it23y.exe']", regkey["pattern"]!.ToString());
        var link = Object(c, "observed-data--57c5310b-dc34-43cb-8b8e-4846950d210f");
        var url = Object(c, link["object_refs"]![0]!.ToString());
        Assert.Equal("url", url["type"]!.ToString());
        Assert.Equal("http://www.xylibox.com/2011/06/have-fun-with-trojan-ransomwin32xorist.html", url["value"]!.ToString());
    }

    [DataFact]
    public void Convert_ObjectsGalaxiesReferences_CompositionsSdosRelationships()
    {
        var c = MispToStix.Convert(MispTestData.Read("misp/events/existing_event.json"));
        var domainIp = Object(c, "indicator--5a3ce58a-3198-4cb8-9d51-44e5950d210f");
        var pattern = domainIp["pattern"]!.ToString();
        Assert.Matches(@"^\[domain-name:\S+ = '[^']+' AND domain-name:\S+ = '[^']+'\]$", pattern);
        Assert.Matches(@"domain-name:value = '[a-z0-9.-]+'", pattern);
        Assert.Matches(@"domain-name:resolves_to_refs\[\*\]\.value = '[0-9.]+'", pattern);
        Assert.Contains(c.Objects, o => o.Type == "threat-actor" && o.Json.Contains("\"name\":\"Sofacy\"", StringComparison.Ordinal));
        Assert.Contains(c.Objects, o => o.Type == "malware" && o.Json.Contains("\"name\":\"CHOPSTICK\"", StringComparison.Ordinal));
        Assert.Contains(c.Objects, o => o.Type == "tool" && o.Json.Contains("\"name\":\"X-Agent\"", StringComparison.Ordinal));
        Assert.Contains(c.Unmapped, u => u.Kind == "galaxy" && u.What == "misp-galaxy:exploit-kit=\"Sednit EK\"");
        Assert.Contains("misp-galaxy:exploit-kit=\\\"Sednit EK\\\"", Container(c).Json, StringComparison.Ordinal);
        var rel = Object(c, "relationship--5a3cdcab-8200-4c65-868e-42a9950d210f");
        Assert.Equal("communicates-with", rel["relationship_type"]!.ToString());
        Assert.Equal("indicator--5a3cdbc7-dbec-4b8c-8ba3-4c5a950d210f", rel["source_ref"]!.ToString());
        Assert.Equal("indicator--5a3c3045-61dc-495c-ae8a-471e02de0b81", rel["target_ref"]!.ToString());
    }

    [Fact]
    public void Convert_AttributeTlpTag_MarksOnlyThatAttributesObjects()
    {
        var c = MispToStix.Convert(Synthetic(eventTags: ["tlp:green"], attributeTags: ["tlp:red"]));
        Assert.Equal(StixTlp.Red, c.Tlp);
        Assert.Equal([TlpMarkings.Tlp2Green, TlpMarkings.Tlp2Red], Object(c, "observed-data--00000000-0000-4000-8000-0000000000a1")["object_marking_refs"]!.AsArray().Select(m => m!.ToString()));
        Assert.Equal([TlpMarkings.Tlp2Green], Object(c, "indicator--00000000-0000-4000-8000-0000000000a2")["object_marking_refs"]!.AsArray().Select(m => m!.ToString()));
        Assert.Equal([TlpMarkings.Tlp2Green], Container(c).ObjectMarkingRefs);
    }

    [Theory]
    [InlineData("tlp:amber+strict", StixTlp.AmberStrict)]
    [InlineData("tlp:amber", StixTlp.Amber)]
    [InlineData("tlp:clear", StixTlp.Clear)]
    [InlineData("TLP:RED", StixTlp.Red)]
    public void Convert_EventTlpTag_ThatLabel(string tag, StixTlp expected)
    {
        var c = MispToStix.Convert(Synthetic(eventTags: [tag]));
        Assert.Equal(expected, c.Tlp);
        Assert.DoesNotContain(c.Unmapped, u => u.Kind == "tag");
    }

    [Fact]
    public void Convert_UnknownTlpValue_HeldAsAmberStrictAndReported()
    {
        var c = MispToStix.Convert(Synthetic(eventTags: ["tlp:green", "tlp:unclear"]));
        Assert.Equal(StixTlp.AmberStrict, c.Tlp);
        Assert.Contains(c.Unmapped, u => u.Kind == "tag" && u.What == "tlp:unclear" && u.Reason.Contains("AMBER+STRICT", StringComparison.Ordinal));
    }

    [Fact]
    public void Convert_TlpExtension_KeptAsLabelWithoutChangingTheLabel()
    {
        var c = MispToStix.Convert(Synthetic(eventTags: ["tlp:amber", "tlp:ex:chr"]));
        Assert.Equal(StixTlp.Amber, c.Tlp);
        Assert.Contains("tlp:ex:chr", Container(c).Json, StringComparison.Ordinal);
        Assert.Contains(c.Unmapped, u => u.Kind == "tag" && u.What == "tlp:ex:chr");
    }

    [Fact]
    public void Convert_UnknownAttributeType_KeptInNoteAndReported()
    {
        var c = MispToStix.Convert(Synthetic(extraAttribute: """{"uuid":"00000000-0000-4000-8000-0000000000a3","type":"pgp-public-key","category":"Other","value":"-----BEGIN PGP","timestamp":"1600000000"}"""));
        var u = Assert.Single(c.Unmapped, u => u.Kind == "attribute");
        Assert.Equal("00000000-0000-4000-8000-0000000000a3", u.Id);
        var note = Object(c, "note--00000000-0000-4000-8000-0000000000a3");
        Assert.Equal("pgp-public-key", note["x_misp_attribute"]!["type"]!.ToString());
    }

    private static MispEvent Synthetic(string[]? eventTags = null, string[]? attributeTags = null, string? extraAttribute = null)
    {
        string Tags(string[]? names) => names is null ? "[]" : "[" + string.Join(",", names.Select(n => $"{{\"name\":\"{n}\"}}")) + "]";
        var json = $$$"""
            {"Event":{"uuid":"00000000-0000-4000-8000-0000000000e1","info":"Synthetic","date":"2020-09-13","timestamp":"1600000000","published":true,
            "distribution":"1","Orgc":{"name":"NCSC","uuid":"00000000-0000-4000-8000-0000000000c1"},"Tag":{{{Tags(eventTags)}}},
            "Attribute":[
             {"uuid":"00000000-0000-4000-8000-0000000000a1","type":"ip-dst","category":"Network activity","value":"198.51.100.7","to_ids":false,"timestamp":"1600000000","Tag":{{{Tags(attributeTags)}}}},
             {"uuid":"00000000-0000-4000-8000-0000000000a2","type":"domain","category":"Network activity","value":"bad.example","to_ids":true,"timestamp":"1600000000"}
             {{{(extraAttribute is null ? "" : "," + extraAttribute)}}}]}}
            """;
        var result = MispEventReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.True(result.IsComplete, string.Join("; ", result.Findings));
        return result.Event!;
    }

    private static StixObject Container(MispConversion c) => c.Objects.Single(o => o.Id == c.ContainerId);

    private static JsonObject Object(MispConversion c, string id) => JsonNode.Parse(c.Objects.Single(o => o.Id == id).Json)!.AsObject();
}
