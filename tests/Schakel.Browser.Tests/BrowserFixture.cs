using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Schakel.Tests.Infrastructure;

// One browser and one application at a time: the classes share two cores with the other test projects.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Schakel.Browser.Tests;

/// <summary>
/// The whole application on a real loopback port (Kestrel through <c>WebApplicationFactory.UseKestrel</c>, a free port)
/// with a fresh demo database, and one headless Chromium (<c>/usr/bin/chromium</c>, or <c>SCHAKEL_CHROMIUM</c>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("SCHAKEL_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static bool HasChromium => File.Exists(ChromiumPath);

    public SchakelFactory Factory { get; } = new();
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!HasChromium) return;
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies), Dutch UI, base URL set.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "nl-NL" });
        // CI runs the other test projects beside these on two cores; Playwright's 30 s default is too tight there.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }

        await Factory.DisposeAsync();
    }
}

/// <summary>A fact that needs Chromium: skipped when it is missing, failed when it is missing under <c>CI=true</c>.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!BrowserFixture.HasChromium && !TestEnvironment.IsCi) Skip = $"Chromium not found at {BrowserFixture.ChromiumPath} (apt-get install chromium, or set SCHAKEL_CHROMIUM).";
        else if (!TestEnvironment.HasData && !TestEnvironment.IsCi) Skip = $"Shared data folder missing: {TestEnvironment.DataFolder} (set SCHAKEL_DATA).";
    }
}
