using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Schakel.Features.Web;

/// <summary>The web UI: Razor Pages rooted at <c>Features/</c>, Dutch by default with English, NL Design System styling.</summary>
public static class WebExtensions
{
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o => o.RootDirectory = "/Features").AddViewLocalization();
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseStatusCodePages();
        var cultures = new[] { new CultureInfo("nl"), new CultureInfo("en") };
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("nl"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()],
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages();
        return app;
    }
}
