using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Schakel.Data;

namespace Schakel.Features.Accounts;

/// <summary>Sign-in with ASP.NET Core Identity (cookies) and API tokens (bearer, or HTTP Basic with the token as password).</summary>
public static class AccountsExtensions
{
    /// <summary>The policy scheme: tokens when an Authorization header is present, otherwise the Identity cookie.</summary>
    public const string Scheme = "Schakel";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<Person, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<SchakelDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PersonClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/sign-in";
            o.LogoutPath = "/sign-out";
            o.AccessDeniedPath = "/error/403";
            o.Cookie.Name = "schakel";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // API clients get status codes, never a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });
        // A deactivated person or organisation loses its cookie sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(o =>
            {
                // AddIdentity set the cookie as the default authenticate scheme; without this line tokens are never read.
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or token", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddScoped<PersonService>();
        return services;
    }

    /// <summary>
    /// Tokens when an Authorization header is present. Otherwise the Identity cookie — except for API calls that change
    /// something: those carry no antiforgery token, so a cookie there would let another site act for the person (CSRF);
    /// they need a token. Reading the API with the cookie (the web UI's download link) stays possible.
    /// </summary>
    internal static string SelectScheme(HttpContext ctx)
    {
        if (ctx.Request.Headers.Authorization.Count > 0) return ApiTokenHandler.SchemeName;
        var safe = HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method);
        return !safe && ctx.Request.Path.StartsWithSegments("/api") ? ApiTokenHandler.SchemeName : IdentityConstants.ApplicationScheme;
    }

    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
