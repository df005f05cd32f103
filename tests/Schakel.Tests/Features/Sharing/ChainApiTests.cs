using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Tests.Features.Advisories;
using Schakel.Tests.Features.Api;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Sharing;

/// <summary>
/// The sharing chain over the REST API (docs/sharing-rules.md): legal-basis relays, forwards and their label rules,
/// relabel with withdrawal, retraction and correction reaching every delivery. The demo network: Ziekenhuis Rijnoever
/// has no Wbni basis and belongs to Z-CERT; UMC Noorderlicht has none and belongs to Z-CERT and SURFcert; Netbeheer Zuid
/// (energy) has its own basis and belongs to Energie-ISAC.
/// </summary>
public sealed class ChainApiTests(ChainFixture fx) : IClassFixture<ChainFixture>
{
    private const string Ncsc = "analist@ncsc.example.nl", ZCert = "analist@z-cert.example.nl", Rijnoever = "ict@ziekenhuis-rijnoever.example.nl",
        Umc = "lezer@umc-noorderlicht.example.nl", Netbeheer = "lezer@netbeheer-zuid.example.nl";

    [DataFact]
    public async Task CoordinatorPublish_GreenToHealth_MembersWithoutBasisGetRelayedDeliveryWithEveryRoute()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "GREEN", "sector:health");

        var rijnoever = (await fx[Rijnoever].ItemOrNullAsync(id))!.Value;
        Assert.Equal([("Relay", "z-cert", "GREEN", "designated-cert", (string?)null)], rijnoever.Routes());
        // One delivery, both linking organisations' relays as routes.
        var umc = (await fx[Umc].ItemOrNullAsync(id))!.Value;
        Assert.Equal(["surfcert", "z-cert"], umc.Routes().Select(r => r.Via ?? "").Order().ToArray());
        Assert.Equal(1, await fx.Factory.WithDbAsync((db, _) => db.Deliveries.CountAsync(d => d.ItemId == id && d.RecipientOrganisation.Key == "umc-noorderlicht")));
        // Z-CERT is in the sector with a basis of its own (direct) and holds the relay delivery for its members.
        var zcert = (await fx[ZCert].ItemOrNullAsync(id))!.Value;
        Assert.Contains(("Direct", (string?)null, "GREEN", "designated-cert", (string?)null), zcert.Routes());
        Assert.Contains(("Relay", (string?)null, "GREEN", "designated-cert", (string?)null), zcert.Routes());
        Assert.Null(await fx[Netbeheer].ItemOrNullAsync(id));
    }

    [DataFact]
    public async Task CoordinatorPublish_Amber_WaitsForLinkingOrganisationReviewThenArrivesWithItsNote()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "AMBER", "sector:health");
        Assert.Null(await fx[Rijnoever].ItemOrNullAsync(id));

        Assert.True(await fx.RelayAsync(ZCert, id, "Samenvatting: installeer de update.\nHandelingsperspectief: patch binnen 48 uur.") > 0);

        var item = (await fx[Rijnoever].ItemOrNullAsync(id))!.Value;
        var route = Assert.Single(item.Routes());
        Assert.Equal(("Relay", "z-cert", "AMBER"), (route.Kind, route.Via, route.Tlp));
        Assert.Contains("Handelingsperspectief", route.Note);
        Assert.Equal("AMBER", item.GetProperty("tlp").GetString());
        Assert.Equal("ncsc", item.GetProperty("publisher").GetString());
        await Assert.ThrowsAsync<SharingRuleException>(() => fx.RelayAsync(ZCert, id));
    }

    [DataFact]
    public async Task CoordinatorPublish_AmberStrict_MembersWithoutBasisListedUnreachableUntilRelaxed()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "AMBER+STRICT", "sector:health");
        Assert.Null(await fx[Rijnoever].ItemOrNullAsync(id));
        Assert.Equal(RelayService.LabelForbidsRelay, await UnreachableReasonAsync(id, "ziekenhuis-rijnoever"));

        await fx[Ncsc].RelabelAsync(id, "AMBER").AssertOkAsync();
        Assert.Null(await UnreachableReasonAsync(id, "ziekenhuis-rijnoever"));
        Assert.Equal(RelayStatus.Pending, await fx.Factory.WithDbAsync((db, _) => db.Relays.Where(r => r.ItemId == id && r.LinkingOrganisation.Key == "z-cert").Select(r => r.Status).SingleAsync()));
    }

    [DataFact]
    public async Task CoordinatorPublish_MemberWithoutBasisOrLinkingOrganisation_ListedUnreachable()
    {
        await fx.Factory.WithDbAsync(async (db, _) =>
        {
            db.Organisations.Add(new Schakel.Features.Network.Organisation
            {
                Key = "kliniek-zonder-schakel", Name = "Kliniek zonder schakel", Type = Schakel.Features.Network.OrganisationType.Member, Sectors = ["health"],
                Region = "NL-UT", CreatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "GREEN", "sector:health");
        Assert.Equal(RelayService.NoBasisNoLinkingOrganisation, await UnreachableReasonAsync(id, "kliniek-zonder-schakel"));
        Assert.False(await fx.Factory.WithDbAsync((db, _) => db.Deliveries.AnyAsync(d => d.ItemId == id && d.RecipientOrganisation.Key == "kliniek-zonder-schakel")));
        await fx.Factory.WithDbAsync((db, _) => db.Organisations.Where(o => o.Key == "kliniek-zonder-schakel").ExecuteUpdateAsync(s => s.SetProperty(o => o.IsActive, false)));
    }

    [DataFact]
    public async Task Forward_Amber_ToOwnConstituencyOnly_BeyondRefusedNotNarrowed()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "AMBER", "org:z-cert");

        await fx[ZCert].ForwardAsync(id, ["sector:energy"]).AssertRuleAsync(HttpStatusCode.BadRequest, "AmberBeyondConstituency");
        await fx[ZCert].ForwardAsync(id, ["org:ziekenhuis-rijnoever", "org:netbeheer-zuid"]).AssertRuleAsync(HttpStatusCode.BadRequest, "AmberBeyondConstituency");
        Assert.Null(await fx[Rijnoever].ItemOrNullAsync(id));
        await fx[ZCert].ForwardAsync(id, ["constituency:z-cert"], tlp: "GREEN").AssertRuleAsync(HttpStatusCode.BadRequest, "LabelLooser");

        await fx[ZCert].ForwardAsync(id, ["constituency:z-cert"], "Let op: alleen voor uw eigen organisatie.").AssertOkAsync();
        var item = (await fx[Rijnoever].ItemOrNullAsync(id))!.Value;
        Assert.Equal([("Forward", "z-cert", "AMBER", (string?)null, "Let op: alleen voor uw eigen organisatie.")], item.Routes());
        Assert.Null(await fx[Netbeheer].ItemOrNullAsync(id));

        // A member shares inside its own organisation only.
        await fx[Rijnoever].ForwardAsync(id, ["org:umc-noorderlicht"]).AssertRuleAsync(HttpStatusCode.Forbidden, "ForwardLinkingOnly");
    }

    [DataFact]
    public async Task Forward_AmberStrictItem_Refused()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "AMBER+STRICT", "org:z-cert");
        await fx[ZCert].ForwardAsync(id, ["org:ziekenhuis-rijnoever"]).AssertRuleAsync(HttpStatusCode.BadRequest, "ForwardForbidden");
    }

    [DataFact]
    public async Task Relabel_TightenGreenToAmber_WithdrawsForwardBeyondConstituency()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "GREEN", "org:z-cert");
        await fx[ZCert].ForwardAsync(id, ["org:netbeheer-zuid"]).AssertOkAsync();
        await fx[ZCert].ForwardAsync(id, ["org:ziekenhuis-rijnoever"], "Voor de zorg.").AssertOkAsync();
        Assert.NotNull(await fx[Netbeheer].ItemOrNullAsync(id));

        await fx[ZCert].RelabelAsync(id, "AMBER").AssertRuleAsync(HttpStatusCode.Forbidden, "OriginatorOnly");
        await fx[Ncsc].RelabelAsync(id, "AMBER").AssertOkAsync();

        Assert.Null(await fx[Netbeheer].ItemOrNullAsync(id));
        // The remaining delivery is flagged before the recipient opens it (opening clears the flag).
        Assert.True(await fx.Factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == id && d.RecipientOrganisation.Key == "ziekenhuis-rijnoever")
            .Select(d => d.Updated).SingleAsync()));
        var kept = (await fx[Rijnoever].ItemOrNullAsync(id))!.Value;
        Assert.Equal("AMBER", kept.GetProperty("tlp").GetString());
    }

    [DataFact]
    public async Task Relabel_Relax_ReachesEveryDeliveryButForwardKeepsItsStricterLabel()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "AMBER", "org:z-cert");
        await fx[ZCert].ForwardAsync(id, ["org:ziekenhuis-rijnoever"], tlp: "AMBER+STRICT").AssertOkAsync();
        await fx[ZCert].ForwardAsync(id, ["org:umc-noorderlicht"]).AssertOkAsync();

        await fx[Ncsc].RelabelAsync(id, "GREEN").AssertOkAsync();

        Assert.Equal("AMBER+STRICT", (await fx[Rijnoever].ItemOrNullAsync(id))!.Value.GetProperty("tlp").GetString());
        Assert.Equal("GREEN", (await fx[Umc].ItemOrNullAsync(id))!.Value.GetProperty("tlp").GetString());
        Assert.Equal("GREEN", (await fx[ZCert].ItemOrNullAsync(id))!.Value.GetProperty("tlp").GetString());
        await fx[Ncsc].RelabelAsync(id, "RED").AssertRuleAsync(HttpStatusCode.BadRequest, "RedNoRelabel");
        await fx[Ncsc].RelabelAsync(id, "GREEN").AssertRuleAsync(HttpStatusCode.Conflict, "SameLabel");
    }

    [DataFact]
    public async Task Retract_ReachesForwardedAndRelayedDeliveries_ContentNoLongerShown()
    {
        var id = await fx[Ncsc].ImportAsync(fx.NextAdvisory(), "GREEN", "sector:health");
        await fx[ZCert].ForwardAsync(id, ["org:netbeheer-zuid"], "Ook voor energie.").AssertOkAsync();
        await fx[Ncsc].RetractAsync(id, "").AssertRuleAsync(HttpStatusCode.BadRequest, "ReasonRequired");
        await fx[ZCert].RetractAsync(id, "nee").AssertRuleAsync(HttpStatusCode.Forbidden, "OriginatorOnly");

        await fx[Ncsc].RetractAsync(id, "Onjuiste versie-informatie").AssertOkAsync();

        // Every delivery is flagged before anyone opens it again (opening clears the flag).
        Assert.All(await fx.Factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == id).Select(d => d.Updated).ToListAsync()), Assert.True);
        var inbox = await fx[Netbeheer].GetJsonAsync("/api/v1/inbox?pageSize=100");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id && i.GetProperty("updated").GetBoolean());
        foreach (var email in new[] { Rijnoever, Netbeheer, Umc })
        {
            var item = (await fx[email].ItemOrNullAsync(id))!.Value;
            Assert.True(item.GetProperty("retracted").GetBoolean(), email);
            Assert.Equal("Onjuiste versie-informatie", item.GetProperty("retraction").GetProperty("reason").GetString());
            Assert.Equal(JsonValueKindNull, item.GetProperty("summary").ValueKind);
            Assert.Equal(JsonValueKindNull, item.GetProperty("advisory").ValueKind);
            Assert.All(item.Routes(), r => Assert.Null(r.Note));
            using var doc = await fx[email].GetAsync($"/api/v1/items/{id}/document");
            Assert.Equal(HttpStatusCode.Gone, doc.StatusCode);
        }

        await fx[Ncsc].RetractAsync(id, "twice").AssertRuleAsync(HttpStatusCode.Conflict, "Retracted");
        await fx[ZCert].ForwardAsync(id, ["org:ziekenhuis-rijnoever"]).AssertRuleAsync(HttpStatusCode.Conflict, "Retracted");
    }

    [DataFact]
    public async Task Correction_NewVersion_FlagsForwardedAndRelayedDeliveriesUpdated()
    {
        var path = fx.NextAdvisory();
        var id = await fx[Ncsc].ImportAsync(path, "GREEN", "sector:health");
        await fx[ZCert].ForwardAsync(id, ["org:netbeheer-zuid"]).AssertOkAsync();
        foreach (var email in new[] { Rijnoever, Netbeheer }) await fx[email].ItemOrNullAsync(id); // opening marks read

        var original = File.ReadAllBytes(path);
        using (var r = await fx[Ncsc].PostAdvisoryBytesAsync(ImportTestHelpers.NextVersion(original), null))
            Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());

        var updated = await fx.Factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == id)
            .Select(d => new { d.RecipientOrganisation.Key, d.Updated }).ToListAsync());
        Assert.True(updated.Single(u => u.Key == "ziekenhuis-rijnoever").Updated);
        Assert.True(updated.Single(u => u.Key == "netbeheer-zuid").Updated);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private Task<string?> UnreachableReasonAsync(Guid id, string orgKey) => fx.Factory.WithDbAsync((db, _) =>
        db.UnreachableMembers.Where(u => u.ItemId == id && u.Organisation.Key == orgKey).Select(u => u.Reason).FirstOrDefaultAsync());
}
