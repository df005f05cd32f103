using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Schakel.Features.Accounts;
using Schakel.Tests.Features.Web;

namespace Schakel.Browser.Tests;

/// <summary>
/// The administration pages in Chromium, as the platform administrator: the organisation directory, an organisation,
/// the organisation and person forms (also with errors shown) and the people list. axe-core checks each (WCAG 2.1 A/AA).
/// </summary>
public sealed class AdministrationPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Admin = "beheer@ncsc.example.nl";

    [ChromiumFact]
    public async Task AdministrationPages_PlatformAdmin_NoAccessibilityViolations()
    {
        Assert.True(BrowserFixture.HasChromium, $"Chromium is required (CI=true): {BrowserFixture.ChromiumPath}");
        await WebSession.SetPasswordAsync(fixture.Factory, Admin, WebSession.Password);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.FillAsync("#email", Admin);
        await page.FillAsync("#password", WebSession.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/inbox");

        await page.GotoAsync("/organisations");
        Assert.Contains("Afvalverwerking Twente", await page.InnerTextAsync("main"));
        await Axe.AssertAccessibleAsync(page, "organisations");

        await page.GotoAsync("/organisations?sector=health");
        await Axe.AssertAccessibleAsync(page, "organisations filtered");

        await page.GotoAsync("/organisations/z-cert");
        Assert.Contains("Ziekenhuis Rijnoever", await page.InnerTextAsync("main")); // its constituency
        await Axe.AssertAccessibleAsync(page, "organisation (linking organisation)");

        await page.GotoAsync("/organisations/ziekenhuis-rijnoever");
        await Axe.AssertAccessibleAsync(page, "organisation (member)");

        await page.GotoAsync("/organisations/new");
        await Axe.AssertAccessibleAsync(page, "new organisation");
        await page.ClickAsync("main button.utrecht-button--primary-action");
        Assert.Equal(1, await page.Locator(".schakel-error-summary").CountAsync());
        await Axe.AssertAccessibleAsync(page, "new organisation with errors");

        await page.GotoAsync("/organisations/ziekenhuis-rijnoever/edit");
        await Axe.AssertAccessibleAsync(page, "edit organisation");

        await page.GotoAsync("/people");
        Assert.Contains(Admin, await page.InnerTextAsync("main"));
        await Axe.AssertAccessibleAsync(page, "people");

        await page.GotoAsync("/people/new");
        await Axe.AssertAccessibleAsync(page, "new person");
        await page.ClickAsync("main button.utrecht-button--primary-action");
        Assert.Equal(1, await page.Locator(".schakel-error-summary").CountAsync());
        await Axe.AssertAccessibleAsync(page, "new person with errors");

        var personId = await PersonIdAsync("lezer@ncsc.example.nl");
        await page.GotoAsync($"/people/{personId}/edit");
        await Axe.AssertAccessibleAsync(page, "edit person");

        // The same directory in English.
        await page.GotoAsync("/culture?c=en&returnUrl=/organisations");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Axe.AssertAccessibleAsync(page, "organisations (English)");
    }

    private async Task<string> PersonIdAsync(string email)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<UserManager<Person>>().FindByEmailAsync(email);
        return person!.Id;
    }
}
