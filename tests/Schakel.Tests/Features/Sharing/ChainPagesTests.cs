using System.Net;
using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Sharing;

/// <summary>The sharing chain in the web UI: relays, forwards, retraction and relabelling, over HTTP with cookie sessions.</summary>
public sealed class ChainPagesTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private const string Ncsc = "analist@ncsc.example.nl", ZCert = "analist@z-cert.example.nl", Hospital = "ict@ziekenhuis-rijnoever.example.nl";
    private SchakelFactory Factory => fixture.Factory;

    [DataFact]
    public async Task Relay_PendingAmberRelayedWithNote_MemberSeesRouteAndNoteBesideOriginal()
    {
        await WebSession.ReviewAmberRelaysAsync(Factory, "z-cert");
        var id = await WebSession.ImportAsync(Factory, "cisa/IT/white/2024/va-24-254-01.json", "ncsc", Tlp.Amber, "sector:health");
        var hospital = await WebSession.SignInAsync(Factory, Hospital);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.Client.GetAsync($"/items/{id}")).StatusCode);

        var zcert = await WebSession.SignInAsync(Factory, ZCert);
        var relays = await zcert.Client.GetStringAsync("/relays");
        Assert.Contains($"/items/{id}", relays);
        Assert.Contains("Wachten op doorgeven", relays);
        var page = await zcert.Client.GetStringAsync($"/items/{id}");
        Assert.Contains("?handler=relay", page);

        var note = "Samenvatting: patch IBM webMethods.\nHandelingsperspectief: <script>alert(1)</script> installeer de update.";
        var response = await zcert.PostFormAsync($"/items/{id}", $"/items/{id}?handler=relay", new() { ["RelayNote"] = note, ["RelayTlp"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("?handler=relay", await zcert.Client.GetStringAsync($"/items/{id}"));

        var inbox = await hospital.Client.GetStringAsync("/inbox");
        Assert.Contains($"/items/{id}", inbox);
        Assert.Contains("via Z-CERT (zorg)", inbox);
        var item = await hospital.Client.GetStringAsync($"/items/{id}");
        Assert.Contains("van Nationaal Cyber Security Centrum, via Z-CERT (zorg)", item);
        Assert.Contains("Toelichting van Z-CERT (zorg)", item);
        Assert.Contains("Samenvatting: patch IBM webMethods.", item);
        Assert.Contains("Handelingsperspectief: &lt;script&gt;alert(1)&lt;/script&gt;", item);
        Assert.DoesNotContain("<script>alert", item);
        Assert.Contains("Oorspronkelijke tekst van Nationaal Cyber Security Centrum", item);
        Assert.Contains("CVE-2024-45075", item);
        Assert.Contains("grondslag: ", item);
    }

    [DataFact]
    public async Task RelayOverview_Coordinator_SeesRelaysAndUnreachableMemberWithReason()
    {
        await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-030-01.json", "ncsc", Tlp.Amber, "sector:health");
        var ncsc = await WebSession.SignInAsync(Factory, Ncsc);

        var html = await ncsc.Client.GetStringAsync("/relays/overview");

        Assert.Contains("Z-CERT (zorg)", html);
        Assert.Contains("Huisartsenpraktijk De Linde (fictief)", html);
        Assert.Contains("geen eigen grondslag en geen schakelorganisatie", html);
        Assert.Contains("href=\"/relays/overview\"", html);
    }

    [DataFact]
    public async Task RelayPages_Permissions_OnlyLinkingOrganisationsAndCoordinatorOrDirector()
    {
        var hospital = await WebSession.SignInAsync(Factory, Hospital);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.Client.GetAsync("/relays")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.Client.GetAsync("/relays/overview")).StatusCode);
        Assert.DoesNotContain("href=\"/relays", await hospital.Client.GetStringAsync("/inbox"));

        var zcert = await WebSession.SignInAsync(Factory, ZCert);
        Assert.Equal(HttpStatusCode.Forbidden, (await zcert.Client.GetAsync("/relays/overview")).StatusCode);
        Assert.Contains("href=\"/relays\"", await zcert.Client.GetStringAsync("/inbox"));

        var director = await WebSession.SignInAsync(Factory, "regie@nctv.example.nl");
        Assert.Equal(HttpStatusCode.OK, (await director.Client.GetAsync("/relays/overview")).StatusCode);
        var anonymous = WebSession.Anonymous(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.Client.GetAsync("/relays/overview")).StatusCode);
    }

    [Fact]
    public async Task RelayPolicy_AnalystSetsAmberAutomatic_StoredAndReaderCannot()
    {
        var zcert = await WebSession.SignInAsync(Factory, "analist@ibd.example.nl");
        var response = await zcert.PostFormAsync("/relays", "/relays?handler=policy", new()
        {
            ["Choice[CLEAR]"] = "automatic", ["Choice[GREEN]"] = "review", ["Choice[AMBER]"] = "automatic",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await Factory.WithDbAsync((db, _) => db.RelayPolicies.Where(p => p.OrganisationId == db.Organisations.Single(o => o.Key == "ibd").Id)
            .ToDictionaryAsync(p => p.Tlp, p => p.Automatic));
        Assert.True(stored[Tlp.Amber]);
        Assert.False(stored[Tlp.Green]);

        await Factory.CreatePersonAsync("lezer@ibd.example.nl", "ibd", Schakel.Features.Accounts.Roles.Reader);
        var reader = await WebSession.SignInAsync(Factory, "lezer@ibd.example.nl");
        Assert.DoesNotContain("?handler=policy", await reader.Client.GetStringAsync("/relays"));
        var token = await reader.TokenAsync("/relays");
        var refused = await reader.Client.PostAsync("/relays?handler=policy", new FormUrlEncodedContent(new Dictionary<string, string>
        { ["__RequestVerificationToken"] = token, ["Choice[AMBER]"] = "review" }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [DataFact]
    public async Task Forward_GreenToHandPickedMembers_OnlyThoseReceiveIt()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/IT/white/2024/va-24-254-02.json", "ncsc", Tlp.Green, "org:z-cert");
        var zcert = await WebSession.SignInAsync(Factory, ZCert);
        Assert.Contains($"/items/{id}/forward", await zcert.Client.GetStringAsync($"/items/{id}"));
        var form = await zcert.Client.GetStringAsync($"/items/{id}/forward?region=NL-ZH");
        Assert.Contains("id=\"member-ziekenhuis-rijnoever\"", form);
        Assert.DoesNotContain("id=\"member-umc-noorderlicht\"", form);
        Assert.DoesNotContain("id=\"member-gemeente-maasdal\"", form);

        var response = await zcert.PostFormAsync($"/items/{id}/forward", $"/items/{id}/forward", new()
        {
            ["Members"] = "ziekenhuis-rijnoever", ["Note"] = "Patch binnen een week.", ["Label"] = "GREEN",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var hospital = await WebSession.SignInAsync(Factory, Hospital);
        var item = await hospital.Client.GetStringAsync($"/items/{id}");
        Assert.Contains("via Z-CERT (zorg)", item);
        Assert.Contains("Patch binnen een week.", item);
        Assert.Contains("Doorgestuurd", item);
        var others = await Factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == id).Select(d => d.RecipientOrganisation.Key).ToListAsync());
        Assert.Equal(["z-cert", "ziekenhuis-rijnoever"], others.Order(StringComparer.Ordinal));
    }

    [DataFact]
    public async Task Forward_AmberBeyondConstituency_RefusedWithClearErrorAndNothingSent()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-011-10.json", "ncsc", Tlp.Amber, "org:z-cert");
        var zcert = await WebSession.SignInAsync(Factory, ZCert);
        var page = await zcert.Client.GetStringAsync($"/items/{id}/forward");
        Assert.DoesNotContain("Het hele netwerk", page);

        var response = await zcert.PostFormAsync($"/items/{id}/forward", $"/items/{id}/forward", new()
        {
            ["Members"] = "gemeente-maasdal", ["Note"] = "", ["Label"] = "AMBER",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("TLP:AMBER mag alleen naar uw eigen achterban", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await Factory.WithDbAsync((db, _) => db.Deliveries.CountAsync(d => d.ItemId == id)));
    }

    [DataFact]
    public async Task Forward_MemberOrNonRecipient_ForbiddenOrNotFound()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-016-01.json", "z-cert", Tlp.Green, "org:ziekenhuis-rijnoever");
        var hospital = await WebSession.SignInAsync(Factory, Hospital);
        Assert.DoesNotContain($"/items/{id}/forward", await hospital.Client.GetStringAsync($"/items/{id}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.Client.GetAsync($"/items/{id}/forward")).StatusCode);
        var outsider = await WebSession.SignInAsync(Factory, "analist@ibd.example.nl");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/items/{id}/forward")).StatusCode);
        var publisher = await WebSession.SignInAsync(Factory, ZCert);
        Assert.Equal(HttpStatusCode.Forbidden, (await publisher.Client.GetAsync($"/items/{id}/forward")).StatusCode);
    }

    [DataFact]
    public async Task Retract_WithoutReasonThenWithReason_RecipientSeesRetractedWithoutContent()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/IT/white/2024/va-24-201-01.json", "ncsc", Tlp.Amber, "org:z-cert");
        var ncsc = await WebSession.SignInAsync(Factory, Ncsc);

        var empty = await ncsc.PostFormAsync($"/items/{id}", $"/items/{id}?handler=retract", new() { ["RetractReason"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Geef een reden voor de intrekking.", await empty.Content.ReadAsStringAsync());

        var done = await ncsc.PostFormAsync($"/items/{id}", $"/items/{id}?handler=retract", new() { ["RetractReason"] = "Onjuiste versie gedeeld." });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var zcert = await WebSession.SignInAsync(Factory, ZCert);
        var html = await zcert.Client.GetStringAsync($"/items/{id}");
        Assert.Contains("ingetrokken", html);
        Assert.Contains("Onjuiste versie gedeeld.", html);
        Assert.DoesNotContain("CVE-", html);
        Assert.DoesNotContain($"/items/{id}/document", html);
        Assert.DoesNotContain($"/items/{id}/forward", html);
    }

    [DataFact]
    public async Task Relabel_OriginatorTightens_RecipientHoldsNewLabelAndOthersCannotRelabel()
    {
        var id = await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-004-01.json", "ncsc", Tlp.Green, "org:z-cert");
        var zcert = await WebSession.SignInAsync(Factory, ZCert);
        Assert.DoesNotContain("?handler=relabel", await zcert.Client.GetStringAsync($"/items/{id}"));
        var refused = await zcert.PostFormAsync($"/items/{id}", $"/items/{id}?handler=relabel", new() { ["NewTlp"] = "CLEAR" });
        Assert.Contains("Alleen de afzender", await refused.Content.ReadAsStringAsync());

        var ncsc = await WebSession.SignInAsync(Factory, Ncsc);
        var response = await ncsc.PostFormAsync($"/items/{id}", $"/items/{id}?handler=relabel", new() { ["NewTlp"] = "AMBER" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("TLP:AMBER", await zcert.Client.GetStringAsync($"/items/{id}"));
        Assert.Equal(Tlp.Amber, await Factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == id).Select(d => d.EffectiveTlp).SingleAsync()));
    }
}
