using System.Text;
using Microsoft.Playwright;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;

namespace Schakel.Browser.Tests;

/// <summary>
/// Importing threat intelligence in Chromium: the NCSC analyst opens "Dreigingsinformatie importeren" from the menu, submits
/// nothing (errors shown), uploads a real STIX bundle to the health sector and reads the result page; a second upload
/// revokes an object. The hospital opens the item page with the object list, the revoked badge and the version history.
/// axe-core checks every page (WCAG 2.1 A and AA).
/// </summary>
public sealed class ThreatIntelFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Analyst = "analist@ncsc.example.nl", Hospital = "ict@ziekenhuis-rijnoever.example.nl";

    [ChromiumFact]
    public async Task ImportStix_UploadPageResultAndItemPage_AccessibleAndShowRevoked()
    {
        Assert.True(BrowserFixture.HasChromium, $"Chromium is required (CI=true): {BrowserFixture.ChromiumPath}");
        Assert.True(TestEnvironment.HasData, $"The shared data folder is required: {TestEnvironment.DataFolder}");
        foreach (var email in new[] { Analyst, Hospital }) await WebSession.SetPasswordAsync(fixture.Factory, email, WebSession.Password);
        var bundle = TestEnvironment.Data("stix", "bundles", "oasis-examples", "indicators-for-C2-with-COA.json");
        var indicator = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(bundle))!["objects"]!.AsArray()
            .First(o => o!["type"]!.GetValue<string>() == "indicator")!.AsObject();
        var revokedFile = Path.Combine(Path.GetTempPath(), $"schakel-revoked-{Guid.NewGuid():N}.json");

        string itemUrl;
        await using (var ncsc = await fixture.NewContextAsync())
        {
            var page = await SignInAsync(ncsc, Analyst);
            await page.ClickAsync("nav a[href='/threat-intel/import']");
            await page.WaitForURLAsync("**/threat-intel/import");
            await Axe.AssertAccessibleAsync(page, "threat-intel import");

            await page.ClickAsync("button[value=publish]");
            Assert.Equal(1, await page.Locator(".schakel-error-summary").CountAsync());
            await Axe.AssertAccessibleAsync(page, "threat-intel import with errors");

            await page.SetInputFilesAsync("#document", bundle);
            await page.CheckAsync("#sector-health");
            await page.ClickAsync("button[value=publish]");
            await page.WaitForURLAsync("**/threat-intel/import/*");
            Assert.Contains("8", await page.InnerTextAsync("#import-counts"));
            await Axe.AssertAccessibleAsync(page, "threat-intel import result");

            // A new version of one indicator, revoked, with nanosecond precision.
            indicator["modified"] = "2030-01-01T00:00:00.123456789Z";
            indicator["revoked"] = true;
            await File.WriteAllTextAsync(revokedFile, $$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{indicator.ToJsonString()}}]}""", new UTF8Encoding(false));
            await page.GotoAsync("/threat-intel/import");
            await page.SetInputFilesAsync("#document", revokedFile);
            await page.SelectOptionAsync("#label", "AMBER");
            await page.CheckAsync("#sector-health");
            await page.ClickAsync("button[value=publish]");
            await page.WaitForSelectorAsync("#import-counts, .schakel-error-summary");
            Assert.True(await page.Locator("#import-counts").CountAsync() == 1, await page.InnerTextAsync("main"));
            await page.ClickAsync("main a:has-text(\"Naar het item\")");
            await page.WaitForURLAsync("**/items/*");
            itemUrl = new Uri(page.Url).AbsolutePath;
            await Axe.AssertAccessibleAsync(page, "threat-intel item (publisher)");
        }

        try
        {
            await using var hospital = await fixture.NewContextAsync();
            var reader = await SignInAsync(hospital, Hospital);
            await reader.GotoAsync(itemUrl);
            var table = await reader.InnerTextAsync("#stix-objects");
            Assert.Contains("2030-01-01T00:00:00.123456789Z", table);
            Assert.Contains("Ingetrokken", table);
            await reader.ClickAsync("#stix-objects summary");
            Assert.Contains(indicator["created"]!.GetValue<string>(), await reader.InnerTextAsync("#stix-objects details"));
            await Axe.AssertAccessibleAsync(reader, "threat-intel item (recipient, history open)");

            await reader.GotoAsync("/culture?c=en&returnUrl=" + Uri.EscapeDataString(itemUrl));
            Assert.Contains("Revoked", await reader.InnerTextAsync("#stix-objects"));
            await Axe.AssertAccessibleAsync(reader, "threat-intel item (English)");
        }
        finally
        {
            File.Delete(revokedFile);
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
