using Microsoft.Playwright;
using Schakel.Tests.Features.Web;

namespace Schakel.Browser.Tests;

/// <summary>
/// Writing an advisory in Chromium: the NCSC analyst fills the form (adding a CVE row and a product row with the "add"
/// buttons, no JavaScript needed), previews the CSAF JSON, publishes to the health sector, edits it into version 2 and
/// writes the English translation; the hospital reads it. axe-core checks every authoring page (WCAG 2.1 A and AA),
/// with validation errors shown too.
/// </summary>
public sealed class AuthoringFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Coordinator = "analist@ncsc.example.nl", Hospital = "ict@ziekenhuis-rijnoever.example.nl";
    private const string Title = "Kwetsbaarheden verholpen in Fortinet FortiOS";

    [ChromiumFact]
    public async Task WriteEditTranslate_ThroughTheForm_HospitalReadsItAndPagesAreAccessible()
    {
        Assert.True(BrowserFixture.HasChromium, $"Chromium is required (CI=true): {BrowserFixture.ChromiumPath}");
        foreach (var email in new[] { Coordinator, Hospital }) await WebSession.SetPasswordAsync(fixture.Factory, email, WebSession.Password);

        string itemUrl;
        await using (var ncsc = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(ncsc, Coordinator);
            await page.ClickAsync("nav a[href='/advisories/new']");
            await page.WaitForURLAsync("**/advisories/new");
            await Axe.AssertAccessibleAsync(page, "write advisory (empty)");

            // Submitting nothing shows the error summary and per-field messages.
            await page.ClickAsync("button[value=draft]");
            await page.WaitForSelectorAsync(".schakel-error-summary");
            Assert.Equal(1, await page.Locator("#title-error").CountAsync());
            await Axe.AssertAccessibleAsync(page, "write advisory (errors)");

            await page.FillAsync("#title", Title);
            await page.FillAsync("#summary", "Fortinet heeft kwetsbaarheden verholpen in FortiOS.");
            await page.FillAsync("#impact", "Een aanvaller kan op afstand code uitvoeren.");
            await page.FillAsync("#solution", "Installeer de updates.");
            await page.CheckAsync("#rating-urgent");
            await page.SelectOptionAsync("#probability", "high");
            await page.FillAsync("#cves-0-id", "CVE-2024-21762");
            await page.ClickAsync("button[value=add-cve]");
            await page.WaitForSelectorAsync("#cves-1-id");
            await page.FillAsync("#cves-1-id", "CVE-2024-23113");
            await page.FillAsync("#products-0-vendor", "Fortinet");
            await page.FillAsync("#products-0-name", "FortiOS");
            await page.FillAsync("#products-0-versions", "7.4.2, 7.2.6");
            await page.ClickAsync("button[value=add-product]");
            await page.WaitForSelectorAsync("#products-1-vendor");
            await page.FillAsync("#products-1-vendor", "Fortinet");
            await page.FillAsync("#products-1-name", "FortiProxy");
            await page.CheckAsync("#products-1-unknown");
            await page.FillAsync("#remediations-0-text", "Update naar FortiOS 7.4.3.");
            await page.FillAsync("#references-0-url", "https://www.fortiguard.com/psirt/FG-IR-24-015");
            await page.FillAsync("#references-0-summary", "FortiGuard PSIRT");
            await page.SelectOptionAsync("#label", "GREEN");
            await page.ClickAsync("button[value=preview]");
            await page.WaitForSelectorAsync("#preview-title");
            Assert.Contains("CVE-2024-23113", await page.InnerTextAsync("pre"));
            await Axe.AssertAccessibleAsync(page, "write advisory (preview)");

            await page.CheckAsync("#sector-health");
            await page.ClickAsync("button[value=publish]");
            await page.WaitForURLAsync("**/items/*");
            itemUrl = new Uri(page.Url).AbsolutePath;
            Assert.Contains(Title, await page.InnerTextAsync("h1"));

            await page.ClickAsync("a:has-text(\"Bewerken\")");
            await page.WaitForURLAsync("**/edit");
            Assert.Equal(Title, await page.InputValueAsync("#title"));
            Assert.True(await page.IsCheckedAsync("#products-1-unknown"));
            await Axe.AssertAccessibleAsync(page, "edit advisory");
            await page.FillAsync("#revision-summary", "Versies aangevuld");
            await page.FillAsync("#products-0-versions", "7.4.2, 7.2.6, 7.0.13");
            await page.ClickAsync("button[value=draft]");
            await page.WaitForURLAsync("**/items/*");
            var document = await page.Context.APIRequest.GetAsync($"/api/v1/items/{itemUrl.Split('/')[^1]}/document");
            Assert.Contains("Versies aangevuld", await document.TextAsync());

            await page.GotoAsync(itemUrl);
            await page.ClickAsync("a:has-text(\"Engelse vertaling maken\")");
            await page.WaitForURLAsync("**/translate");
            await Axe.AssertAccessibleAsync(page, "translate advisory");
            await page.FillAsync("#title", "Vulnerabilities fixed in Fortinet FortiOS");
            await page.FillAsync("#summary", "Fortinet fixed vulnerabilities in FortiOS.");
            await page.CheckAsync("#sector-health");
            await page.ClickAsync("button[value=publish]");
            await page.WaitForURLAsync("**/items/*");
            Assert.Contains("Origineel (Nederlands)", await page.InnerTextAsync("main"));
        }

        await using (var hospital = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(hospital, Hospital);
            await page.GotoAsync(itemUrl);
            var main = await page.InnerTextAsync("main");
            Assert.Contains("CVE-2024-21762", main);
            Assert.Contains("Vertaling (Engels)", main);
            Assert.DoesNotContain("Bewerken", main);
            await Axe.AssertAccessibleAsync(page, "authored item as a recipient");
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
