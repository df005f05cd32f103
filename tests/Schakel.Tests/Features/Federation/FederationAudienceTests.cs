using Schakel.Features.Federation;
using Schakel.Features.Sharing;

namespace Schakel.Tests.Features.Federation;

/// <summary>
/// DESIGN.md section 3 (how far a recipient may pass an item on), applied to what arrives from another node: no further
/// than the organisation holding the subscription's token could pass it on.
/// </summary>
public class FederationAudienceTests
{
    private static readonly AudienceSpec Network = new(AudienceKind.Network, null);
    private static readonly AudienceSpec OwnOrg = new(AudienceKind.Organisation, "z-cert");
    private static readonly AudienceSpec OwnConstituency = new(AudienceKind.Constituency, "z-cert");
    private static readonly AudienceSpec OtherOrg = new(AudienceKind.Organisation, "ziekenhuis-rijnoever");

    [Theory]
    [InlineData(Tlp.Clear)]
    [InlineData(Tlp.Green)]
    public void Cap_ClearOrGreen_AudienceAsAsked(Tlp label)
    {
        var (audience, dropped) = FederationAudience.Cap(label, [Network, OtherOrg], "z-cert", holderIsLinking: true);
        Assert.Equal([Network, OtherOrg], audience);
        Assert.Null(dropped);
    }

    [Fact]
    public void Cap_Amber_HolderAndItsConstituencyOnly()
    {
        var (audience, dropped) = FederationAudience.Cap(Tlp.Amber, [Network, OwnOrg, OwnConstituency, OtherOrg], "z-cert", holderIsLinking: true);
        Assert.Equal([OwnOrg, OwnConstituency], audience);
        Assert.Contains("network", dropped);
    }

    [Fact]
    public void Cap_AmberForAMember_HolderOnly()
    {
        var (audience, _) = FederationAudience.Cap(Tlp.Amber, [OwnOrg, OwnConstituency], "z-cert", holderIsLinking: false);
        Assert.Equal([OwnOrg], audience);
    }

    [Fact]
    public void Cap_AmberStrict_HolderOnlyElseDraft()
    {
        Assert.Equal([OwnOrg], FederationAudience.Cap(Tlp.AmberStrict, [OwnOrg, OwnConstituency], "z-cert", true).Audience);
        var (audience, dropped) = FederationAudience.Cap(Tlp.AmberStrict, [Network], "z-cert", true);
        Assert.Empty(audience);
        Assert.Contains("draft", dropped);
    }

    [Fact]
    public void Cap_HolderUnknown_AmberReachesNobody()
    {
        var (audience, dropped) = FederationAudience.Cap(Tlp.Amber, [OwnOrg], null, false);
        Assert.Empty(audience);
        Assert.Contains("unknown", dropped);
    }
}
