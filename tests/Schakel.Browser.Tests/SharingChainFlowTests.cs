using Microsoft.Playwright;
using Schakel.Features.Sharing;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;

namespace Schakel.Browser.Tests;

/// <summary>
/// Issue 3's "done when" in Chromium: the coordinator publishes an AMBER advisory to the health sector; Z-CERT (AMBER:
/// review first) relays it with a Dutch note; a hospital without a Wbni basis of its own finds it in its inbox "via
/// Z-CERT" with the note beside the original text. And a forward: Z-CERT passes a GREEN item on to a hand-picked member.
/// axe-core checks every new page (WCAG 2.1 A and AA).
/// </summary>
public sealed class SharingChainFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Coordinator = "analist@ncsc.example.nl", ZCert = "analist@z-cert.example.nl", Hospital = "ict@ziekenhuis-rijnoever.example.nl";
    private const string Note = "Samenvatting: kwetsbaarheden in IBM webMethods.\nHandelingsperspectief: installeer de update binnen een week.";

    [ChromiumFact]
    public async Task AmberAdvisory_RelayedByZCertWithNote_HospitalSeesRouteAndNote()
    {
        Assert.True(BrowserFixture.HasChromium, $"Chromium is required (CI=true): {BrowserFixture.ChromiumPath}");
        foreach (var email in new[] { Coordinator, ZCert, Hospital, "beheer@ncsc.example.nl" }) await WebSession.SetPasswordAsync(fixture.Factory, email, WebSession.Password);
        const string title = "IBM webMethods Integration Multiple Vulnerabilities";

        // Relays go out automatically unless a linking organisation chooses otherwise: Z-CERT reviews AMBER first.
        await using (var zcertPolicy = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(zcertPolicy, ZCert);
            await page.ClickAsync("nav a[href='/relays']");
            await page.WaitForURLAsync("**/relays");
            Assert.True(await page.IsCheckedAsync("#policy-amber-automatic"));
            await page.CheckAsync("#policy-amber-review");
            await page.ClickAsync("form:has(#policy-amber-review) button[type=submit]");
            await page.WaitForSelectorAsync(".utrecht-alert--ok");
            Assert.True(await page.IsCheckedAsync("#policy-amber-review"));
        }

        await using (var ncsc = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(ncsc, Coordinator);
            await page.GotoAsync("/publish");
            await page.SetInputFilesAsync("#document", TestEnvironment.Data("csaf", "advisories", "cisa", "IT", "white", "2024", "va-24-254-01.json"));
            await page.SelectOptionAsync("#label", "AMBER");
            await page.CheckAsync("#sector-health");
            await page.ClickAsync("button[value=publish]");
            await page.WaitForURLAsync("**/items/*");
            Assert.Contains(title, await page.InnerTextAsync("h1"));
            Assert.Equal(1, await page.Locator("#retract-reason").CountAsync());
            await Axe.AssertAccessibleAsync(page, "item (originator, with relabel and retract)");

            await page.ClickAsync("nav a[href='/relays/overview']");
            await page.WaitForURLAsync("**/relays/overview");
            var overview = await page.InnerTextAsync("main");
            Assert.Contains("Z-CERT (zorg)", overview);
            Assert.Contains("Huisartsenpraktijk De Linde (fictief)", overview);
            await Axe.AssertAccessibleAsync(page, "relay overview");
        }

        await using (var zcert = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(zcert, ZCert);
            await page.ClickAsync("nav a[href='/relays']");
            await page.WaitForURLAsync("**/relays");
            Assert.Contains(title, await page.InnerTextAsync("main"));
            Assert.True(await page.IsCheckedAsync("#policy-amber-review"));
            await Axe.AssertAccessibleAsync(page, "relays with policy");
            await page.ClickAsync($"main a:has-text(\"{title}\")");
            await page.WaitForURLAsync("**/items/*");
            await Axe.AssertAccessibleAsync(page, "item with pending relay");
            await page.FillAsync("#relay-note", Note);
            await page.ClickAsync("button:has-text(\"Doorgeven\")");
            await page.WaitForSelectorAsync(".utrecht-alert--ok");
            Assert.Equal(0, await page.Locator("#relay-note").CountAsync());
        }

        await using (var hospital = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(hospital, Hospital);
            Assert.Contains("via Z-CERT (zorg)", await page.InnerTextAsync("main"));
            await Axe.AssertAccessibleAsync(page, "inbox with relayed item");
            await page.ClickAsync($"a:has-text(\"{title}\")");
            await page.WaitForURLAsync("**/items/*");
            var main = await page.InnerTextAsync("main");
            Assert.Contains("van Nationaal Cyber Security Centrum, via Z-CERT (zorg)", main);
            Assert.Contains("Toelichting van Z-CERT (zorg)", main);
            Assert.Contains("Oorspronkelijke tekst van Nationaal Cyber Security Centrum", main);
            Assert.Contains("CVE-2024-45075", main);
            // The note keeps its line breaks.
            // Browsers submit line breaks as CRLF.
            Assert.Contains(Note, (await page.InnerTextAsync(".schakel-note")).Replace("\r\n", "\n"));
            await Axe.AssertAccessibleAsync(page, "item with note beside the original");
        }

        await using (var admin = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(admin, "beheer@ncsc.example.nl");
            await page.ClickAsync("nav a[href='/admin/red-items']");
            await page.WaitForURLAsync("**/admin/red-items");
            await Axe.AssertAccessibleAsync(page, "RED administration");
        }
    }

    [ChromiumFact]
    public async Task GreenItem_ZCertForwardsToHandPickedMember_HospitalReceivesIt()
    {
        Assert.True(BrowserFixture.HasChromium, $"Chromium is required (CI=true): {BrowserFixture.ChromiumPath}");
        foreach (var email in new[] { ZCert, Hospital }) await WebSession.SetPasswordAsync(fixture.Factory, email, WebSession.Password);
        var id = await WebSession.ImportAsync(fixture.Factory, "cisa/IT/white/2024/va-24-262-01.json", "ncsc", Tlp.Green, "org:z-cert");

        await using (var zcert = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(zcert, ZCert);
            await page.GotoAsync($"/items/{id}");
            await page.ClickAsync($"a[href='/items/{id}/forward']");
            await page.WaitForURLAsync("**/forward");
            await Axe.AssertAccessibleAsync(page, "forward");
            await page.SelectOptionAsync("#region", "NL-ZH");
            await page.ClickAsync("button:has-text(\"Filter toepassen\")");
            await page.WaitForURLAsync("**/forward?*region=NL-ZH");
            Assert.Equal(0, await page.Locator("#member-umc-noorderlicht").CountAsync());
            await page.ClickAsync("main form[method=post] button[type=submit]");
            Assert.Equal(1, await page.Locator(".schakel-error-summary").CountAsync());
            await Axe.AssertAccessibleAsync(page, "forward with error");
            await page.CheckAsync("#member-ziekenhuis-rijnoever");
            await page.FillAsync("#note", "Controleer uw installaties.");
            await page.ClickAsync("main form[method=post] button[type=submit]");
            await page.WaitForURLAsync($"**/items/{id}");
            await page.WaitForSelectorAsync(".utrecht-alert--ok");
        }

        await using (var hospital = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(hospital, Hospital);
            await page.GotoAsync($"/items/{id}");
            var main = await page.InnerTextAsync("main");
            Assert.Contains("via Z-CERT (zorg)", main);
            Assert.Contains("Controleer uw installaties.", main);
        }
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", WebSession.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/inbox");
        return page;
    }
}
