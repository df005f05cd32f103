using System.Text;
using Schakel.Stix.Misp;

namespace Schakel.Stix.Tests.Misp;

/// <summary>MISP distribution levels and sharing groups → Schakel audiences (DESIGN.md section 2a), with what does not map reported.</summary>
public class MispDistributionTests
{
    private static readonly SchakelOrganisation Circl = new("circl", "CIRCL", "55f6ea5e-2c60-40e5-964f-47a8950d210f");
    private static readonly SchakelOrganisation PifPaf = new("pifpaf", "pifpafpoum");

    [DataFact]
    public void Suggest_Distribution0_ImportingOrganisationExact()
    {
        var c = MispToStix.Convert(MispTestData.Read("misp/events/misp_event.json"), new MispToStixOptions { OwnOrganisationKey = "ncsc" });
        Assert.Equal(["org:ncsc"], c.Audience.Audiences);
        Assert.True(c.Audience.Exact);
        Assert.DoesNotContain(c.Unmapped, u => u.Kind == "distribution");
    }

    [Fact]
    public void Suggest_Distribution1_NetworkExact()
    {
        var s = Suggest(Event("1"));
        Assert.Equal(["network"], s.Audiences);
        Assert.True(s.Exact);
    }

    [DataFact]
    public void Suggest_Distribution3_NetworkNotExactAndReported()
    {
        var c = MispToStix.Convert(MispTestData.Read("misp/events/existing_event.json"));
        Assert.Equal(3, c.Audience.Distribution);
        Assert.Equal(["network"], c.Audience.Audiences);
        Assert.False(c.Audience.Exact);
        Assert.Contains(c.Unmapped, u => u.Kind == "distribution" && u.Reason.Contains("beyond the Schakel network", StringComparison.Ordinal));
    }

    [DataFact]
    public void Suggest_NoDistribution_NothingSuggestedAndReported()
    {
        var c = MispToStix.Convert(MispTestData.Read("misp/events/to_delete1.json"));
        Assert.Null(c.Audience.Distribution);
        Assert.Empty(c.Audience.Audiences);
        Assert.Contains(c.Unmapped, u => u.Kind == "distribution");
    }

    [DataFact]
    public void Suggest_SharingGroupAllMembersKnown_OrgAudiencesExact()
    {
        var unmapped = new List<MispUnmapped>();
        var s = MispDistribution.Suggest(Event("4", "1"), null, [Circl, PifPaf], Groups(), unmapped);
        Assert.Equal(["org:circl", "org:pifpaf"], s.Audiences); // CIRCL by uuid, PifPafPoum by name (case-insensitive)
        Assert.True(s.Exact);
        Assert.Empty(unmapped);
    }

    [DataFact]
    public void Suggest_SharingGroupMemberUnknown_NotExactAndMemberReported()
    {
        var unmapped = new List<MispUnmapped>();
        var s = MispDistribution.Suggest(Event("4", "2"), null, [Circl], Groups(), unmapped);
        Assert.Equal(["org:circl"], s.Audiences);
        Assert.False(s.Exact);
        var u = Assert.Single(unmapped);
        Assert.Contains("PifPafPoum", u.What, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_SharingGroupNotKnown_Reported()
    {
        var unmapped = new List<MispUnmapped>();
        var s = MispDistribution.Suggest(Event("4", "9"), null, [Circl], [], unmapped);
        Assert.Empty(s.Audiences);
        Assert.False(s.Exact);
        Assert.Single(unmapped);
    }

    [Fact]
    public void Convert_AttributeWithOwnDistribution_ReportedAndKept()
    {
        var json = """{"Event":{"uuid":"00000000-0000-4000-8000-0000000000e1","info":"x","timestamp":"1600000000","distribution":"1","Attribute":[{"uuid":"00000000-0000-4000-8000-0000000000a1","type":"domain","value":"a.example","distribution":"0","timestamp":"1600000000"}]}}""";
        var c = MispToStix.Convert(MispEventReader.Read(Encoding.UTF8.GetBytes(json)).Event!);
        Assert.Contains(c.Unmapped, u => u.Kind == "distribution" && u.Id == "00000000-0000-4000-8000-0000000000a1");
        Assert.Contains("\"x_misp_distribution\":0", c.Objects.Single(o => o.Id == "observed-data--00000000-0000-4000-8000-0000000000a1").Json, StringComparison.Ordinal);
    }

    private static MispAudienceSuggestion Suggest(MispEvent ev) => MispDistribution.Suggest(ev, "ncsc", [], [], []);

    private static IReadOnlyList<MispSharingGroup> Groups() => MispEventReader.ReadSharingGroups(TestData.Bytes("misp/sharing_groups.json"));

    private static MispEvent Event(string distribution, string sharingGroupId = "0") => MispEventReader.Read(Encoding.UTF8.GetBytes(
        $$$"""{"Event":{"uuid":"00000000-0000-4000-8000-0000000000e1","info":"x","timestamp":"1600000000","distribution":"{{{distribution}}}","sharing_group_id":"{{{sharingGroupId}}}"}}""")).Event!;
}
