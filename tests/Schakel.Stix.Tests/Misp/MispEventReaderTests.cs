using System.Text;
using System.Text.Json;
using Schakel.Stix.Misp;

namespace Schakel.Stix.Tests.Misp;

/// <summary>Reading MISP events in the MISP core format (MISP's "MISP core format" RFC draft, section 2: event, attribute, object, tag).</summary>
public class MispEventReaderTests
{
    [DataTheory]
    [MemberData(nameof(MispTestData.Events), MemberType = typeof(MispTestData))]
    public void Read_RealEvent_ReadsEveryAttributeObjectAndTag(string file)
    {
        var bytes = TestData.Bytes(file);
        using var doc = JsonDocument.Parse(bytes);
        var raw = doc.RootElement.TryGetProperty("Event", out var e) ? e : doc.RootElement;
        int Count(JsonElement holder, string name) => holder.TryGetProperty(name, out var a) ? a.GetArrayLength() : 0;
        var objects = raw.TryGetProperty("Object", out var os) ? os.EnumerateArray().ToList() : [];

        var result = MispEventReader.Read(bytes);

        Assert.True(result.IsComplete, string.Join("; ", result.Findings));
        var ev = result.Event!;
        Assert.Equal(raw.GetProperty("uuid").GetString(), ev.Uuid);
        Assert.Equal(raw.GetProperty("info").GetString(), ev.Info);
        Assert.True(ev.Timestamp > 1_400_000_000);
        Assert.Equal(Count(raw, "Attribute"), ev.Attributes.Count);
        Assert.Equal(objects.Count, ev.Objects.Count);
        Assert.Equal(objects.Sum(o => Count(o, "Attribute")), ev.Objects.Sum(o => o.Attributes.Count));
        Assert.Equal(Count(raw, "Tag"), ev.Tags.Count);
        Assert.NotNull(ev.Orgc);
    }

    [DataFact]
    public void Read_StringNumbersAndBooleans_AreRead()
    {
        var ev = MispTestData.Read("misp/events/misp_event.json");
        Assert.Equal(0, ev.Distribution);
        Assert.Equal("1", ev.ThreatLevelId);
        Assert.Equal(1465681801, ev.Timestamp);
        Assert.Equal(new DateOnly(2016, 6, 9), ev.Date);
        Assert.False(ev.Published);
        Assert.All(ev.Attributes, a => Assert.Equal(5, a.Distribution));
    }

    [Fact]
    public void Read_NotJson_ClearError()
    {
        var result = MispEventReader.Read(Encoding.UTF8.GetBytes("{\"Event\": "));
        Assert.Null(result.Event);
        Assert.StartsWith("Not JSON", Assert.Single(result.Findings).Message);
    }

    [Fact]
    public void Read_StixBundle_RefusedAsNotAnEvent()
    {
        var result = MispEventReader.Read(Encoding.UTF8.GetBytes("""{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[]}"""));
        Assert.Null(result.Event);
        Assert.Contains("not a MISP event", Assert.Single(result.Findings).Message);
    }

    [Fact]
    public void Read_EventWithoutUuid_Refused()
    {
        var result = MispEventReader.Read(Encoding.UTF8.GetBytes("""{"Event":{"info":"x"}}"""));
        Assert.Null(result.Event);
        Assert.Equal("/Event/uuid", Assert.Single(result.Findings).Path);
    }

    [Fact]
    public void Read_AttributeWithoutType_LeftOutAndReported()
    {
        var json = """{"Event":{"uuid":"5758ebf5-c898-48e6-9fe9-5665c0a83866","info":"x","Attribute":[{"uuid":"575c8598-f1f0-4c16-a94a-0612c0a83866","value":"a"},{"uuid":"575c8549-9010-4555-8b37-057ac0a83866","type":"url","value":"http://a.example/","to_ids":"1"}]}}""";
        var result = MispEventReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.NotNull(result.Event);
        Assert.False(result.IsComplete);
        Assert.Equal("/Event/Attribute/0", Assert.Single(result.Findings).Path);
        Assert.True(Assert.Single(result.Event!.Attributes).ToIds);
    }

    [Fact]
    public async Task ReadAsync_OverLimit_RefusedBeforeParsing()
    {
        var content = new MemoryStream(Encoding.UTF8.GetBytes("{\"Event\":{\"uuid\":\"5758ebf5-c898-48e6-9fe9-5665c0a83866\",\"info\":\"" + new string('x', 2000) + "\"}}"));
        var result = await MispEventReader.ReadAsync(content, maxBytes: 1024);
        Assert.Null(result.Event);
        Assert.Contains("larger than the limit", Assert.Single(result.Findings).Message);
    }

    [DataFact]
    public void ReadSharingGroups_RealFile_ReadsGroupsAndMembers()
    {
        var groups = MispEventReader.ReadSharingGroups(TestData.Bytes("misp/sharing_groups.json"));
        Assert.Equal(2, groups.Count);
        Assert.Equal("PrivateTrustedGroup", groups[0].Name);
        Assert.Equal(["CIRCL", "PifPafPoum"], groups[0].Organisations.Select(o => o.Name));
        Assert.Equal("56bf12a7-c19c-4b98-83e7-d9bb02de0b81", groups[0].Organisations[1].Uuid);
    }
}
