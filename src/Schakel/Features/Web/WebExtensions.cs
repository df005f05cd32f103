namespace Schakel.Features.Web;

/// <summary>The web UI: Razor Pages rooted at <c>Features/</c>, Dutch by default with English, NL Design System styling.</summary>
public static class WebExtensions
{
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseStatusCodePages();
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
