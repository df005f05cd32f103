using Schakel.Stix.Markings;

namespace Schakel.Stix.Tests.Markings;

/// <summary>STIX 2.1 section 7.2 (data markings) with the TLP 1.0 and TLP 2.0 marking definitions; DESIGN.md section 3 (fail closed).</summary>
public class MarkingResolverTests
{
    private static StixObject Indicator(string id, string? objectMarking = null, string? granular = null) => StixObject.Parse(
        $$"""{"type":"indicator","spec_version":"2.1","id":"indicator--{{id}}","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2020-01-01T00:00:00Z"{{(objectMarking is null ? "" : $",\"object_marking_refs\":[\"{objectMarking}\"]")}}{{(granular is null ? "" : $",\"granular_markings\":[{{\"marking_ref\":\"{granular}\",\"selectors\":[\"pattern\"]}}]")}}}""");

    [Fact]
    public void Resolve_ObjectAndGranularMarkings_StrictestWins()
    {
        var objects = new[]
        {
            Indicator("00000000-0000-4000-8000-000000000001", TlpMarkings.Tlp2Green),
            Indicator("00000000-0000-4000-8000-000000000002", TlpMarkings.Tlp2Clear, granular: TlpMarkings.Tlp2Amber),
        };
        var outcome = new MarkingResolver(objects).Resolve(objects);
        Assert.Equal(StixTlp.Amber, outcome.Label);
        Assert.Empty(outcome.Unknown);
        Assert.Equal(2, outcome.MarkedObjects);
    }

    [Fact]
    public void Resolve_Tlp1White_IsClear()
    {
        var objects = new[] { Indicator("00000000-0000-4000-8000-000000000001", TlpMarkings.Tlp1White) };
        Assert.Equal(StixTlp.Clear, new MarkingResolver(objects).Resolve(objects).Label);
    }

    [Fact]
    public void Resolve_UnknownMarking_FailsClosedAsAmberStrict()
    {
        var objects = new[] { Indicator("00000000-0000-4000-8000-000000000001", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ec") };
        var outcome = new MarkingResolver(objects).Resolve(objects);
        Assert.Equal(StixTlp.AmberStrict, outcome.Label);
        Assert.Single(outcome.Unknown);
    }

    [Fact]
    public void Resolve_StatementMarkingDefinedInContent_HasNoTlpEffect()
    {
        var statement = StixObject.Parse("""{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--11111111-1111-4111-8111-111111111111","created":"2020-01-01T00:00:00.000Z","definition_type":"statement","definition":{"statement":"Copyright"}}""");
        var indicator = Indicator("00000000-0000-4000-8000-000000000001", statement.Id);
        var outcome = new MarkingResolver([statement, indicator]).Resolve([statement, indicator]);
        Assert.Null(outcome.Label);
        Assert.Empty(outcome.Unknown);
    }

    [Fact]
    public void Resolve_NoMarkings_NoLabel()
    {
        var objects = new[] { Indicator("00000000-0000-4000-8000-000000000001") };
        Assert.Null(new MarkingResolver(objects).Resolve(objects).Label);
    }
}
