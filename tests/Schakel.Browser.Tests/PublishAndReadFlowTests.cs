using Microsoft.Playwright;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;

namespace Schakel.Browser.Tests;

/// <summary>
/// The end-to-end flow in Chromium: an NCSC analyst uploads a real CSAF advisory and publishes it to the
/// health sector; a hospital sees it in its inbox, opens and acknowledges it; a municipality does not see it. axe-core
/// checks every page on the way (WCAG 2.1 A and AA).
/// </summary>
public sealed class PublishAndReadFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Analyst = "analist@ncsc.example.nl";
    private const string Hospital = "ict@ziekenhuis-rijnoever.example.nl";
    private const string Municipality = "ciso@gemeente-veldhoven-aan-zee.example.nl";
    private const string Title = "Rapid Software LLC Rapid SCADA";

    [ChromiumFact]
    public async Task PublishToHealth_HospitalAcknowledges_MunicipalityDoesNotSee()
    {
        Assert.True(BrowserFixture.HasChromium, $"Chromium is required (CI=true): {BrowserFixture.ChromiumPath}");
        foreach (var email in new[] { Analyst, Hospital, Municipality }) await WebSession.SetPasswordAsync(fixture.Factory, email, WebSession.Password);

        // Anonymous: public home and sign-in page, also with an error shown.
        await using (var anonymous = await fixture.NewContextAsync())
        {
            var page = await anonymous.NewPageAsync();
            await page.GotoAsync("/");
            await Axe.AssertAccessibleAsync(page, "public home");
            await page.GotoAsync("/sign-in");
            await Axe.AssertAccessibleAsync(page, "sign-in");
            await page.FillAsync("#email", Analyst);
            await page.FillAsync("#password", "not-the-password");
            await page.ClickAsync("button[type=submit].utrecht-button--primary-action");
            Assert.Equal(1, await page.Locator(".schakel-error-summary").CountAsync());
            await Axe.AssertAccessibleAsync(page, "sign-in with error");
        }

        // The analyst publishes through the upload form.
        await using (var ncsc = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(ncsc, Analyst);
            await Axe.AssertAccessibleAsync(page, "empty inbox");
            Assert.Contains("Uw inbox is leeg", await page.InnerTextAsync("main"));

            await page.GotoAsync("/publish");
            await Axe.AssertAccessibleAsync(page, "publish");
            await page.ClickAsync("button[value=publish]");
            Assert.Equal(1, await page.Locator(".schakel-error-summary").CountAsync());
            await Axe.AssertAccessibleAsync(page, "publish with errors");

            await page.SetInputFilesAsync("#document", TestEnvironment.Data("csaf", "advisories", "cisa", "OT", "white", "2024", "icsa-24-011-03.json"));
            await page.SelectOptionAsync("#label", "GREEN");
            await page.CheckAsync("#sector-health");
            await page.ClickAsync("button[value=publish]");
            await page.WaitForURLAsync("**/items/*");
            Assert.Contains(Title, await page.InnerTextAsync("h1"));
            Assert.Contains("TLP:GREEN", await page.InnerTextAsync("main"));
            await Axe.AssertAccessibleAsync(page, "item (publisher)");

            // The publisher finds its item again under "Gepubliceerd" (its own items never reach its inbox).
            await page.ClickAsync("nav a[href='/published']");
            await page.WaitForURLAsync("**/published");
            Assert.Contains(Title, await page.InnerTextAsync("table"));
            await Axe.AssertAccessibleAsync(page, "published");
        }

        // A health member sees it, opens it and acknowledges it.
        await using (var hospital = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(hospital, Hospital);
            Assert.Contains(Title, await page.InnerTextAsync("main"));
            await Axe.AssertAccessibleAsync(page, "filled inbox");
            await page.ClickAsync($"a:has-text(\"{Title}\")");
            await page.WaitForURLAsync("**/items/*");
            Assert.Contains("CVE-", await page.InnerTextAsync("main"));
            await Axe.AssertAccessibleAsync(page, "item (recipient)");
            await page.ClickAsync("button:has-text(\"Bevestig ontvangst\")");
            await page.WaitForSelectorAsync(".utrecht-alert--ok");
            Assert.Contains("Bevestigd", await page.InnerTextAsync("main"));
            await Axe.AssertAccessibleAsync(page, "item after acknowledging");

            await page.ClickAsync("button:has-text(\"Niet relevant\")");
            Assert.Equal(1, await page.Locator(".schakel-error-summary a[href='#reason']").CountAsync());
            await Axe.AssertAccessibleAsync(page, "item with error");

            await page.GotoAsync("/inbox?status=Acknowledged");
            Assert.Contains(Title, await page.InnerTextAsync("main"));
        }

        // A member of another sector does not.
        await using (var municipality = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(municipality, Municipality);
            Assert.DoesNotContain(Title, await page.InnerTextAsync("main"));
            Assert.Contains("0 berichten", await page.InnerTextAsync("main"));
        }
    }

    [ChromiumFact]
    public async Task LanguageSwitch_English_TranslatesPage()
    {
        Assert.True(BrowserFixture.HasChromium, $"Chromium is required (CI=true): {BrowserFixture.ChromiumPath}");
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");

        await page.ClickAsync("a[hreflang=en]");

        await page.WaitForURLAsync("**/sign-in");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        // The contrast checks only mean something with the NL Design System stylesheets applied.
        foreach (var css in new[] { "/lib/nl-design-system/components-css/index.css", "/lib/nl-design-system/voorbeeld-design-tokens/theme.css", "/css/schakel.css" })
            Assert.Equal(200, (await context.APIRequest.GetAsync(css)).Status);
        Assert.Equal(4, await page.EvaluateAsync<int>("document.styleSheets.length"));
        Assert.Contains("Sign in", await page.InnerTextAsync("h1"));
        await Axe.AssertAccessibleAsync(page, "sign-in (English)");
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

/// <summary>Proves the accessibility harness can fail: a page with a known violation is reported.</summary>
public sealed class AxeHarnessTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task AssertAccessible_ImageWithoutAlt_Fails()
    {
        Assert.True(BrowserFixture.HasChromium, $"Chromium is required (CI=true): {BrowserFixture.ChromiumPath}");
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"nl\"><head><title>t</title></head><body><main><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"></main></body></html>");

        var error = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Axe.AssertAccessibleAsync(page, "broken page"));

        Assert.Contains("image-alt", error.Message);
    }
}
