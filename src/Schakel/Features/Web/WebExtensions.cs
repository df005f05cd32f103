using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Schakel.Features.Web;

/// <summary>The web UI: Razor Pages rooted at <c>Features/</c>, Dutch by default with English, NL Design System styling.</summary>
public static class WebExtensions
{
    /// <summary>Folder (under the project) of the <c>.resx</c> files; they mirror the <c>Features/</c> tree.</summary>
    public const string ResourcesPath = "Resources";

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().BindConfiguration("Web").ValidateDataAnnotations().ValidateOnStart();
        services.AddLocalization(o => o.ResourcesPath = ResourcesPath);
        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "schakel-af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures.Dutch).AddSupportedCultures([.. Cultures.Supported]).AddSupportedUICultures([.. Cultures.Supported]);
            // Dutch stays the default unless the visitor picks English: no Accept-Language negotiation.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddHttpContextAccessor();
        services.AddScoped<LayoutInfo>();
        services.AddSingleton<VocabularyNames>();
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        // Browsers get a page for a bare 404/403; API clients keep their status codes and problem details.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages());
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseMiddleware<DocumentUploadLimit>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages();
        app.MapGet("/culture", Cultures.Switch).ExcludeFromDescription();
        return app;
    }
}
