using Microsoft.EntityFrameworkCore;
using Schakel.Data;

namespace Schakel.Features.Api;

/// <summary>The REST API under <c>/api/v1</c>, its OpenAPI document and <c>/healthz</c>.</summary>
public static class ApiExtensions
{
    /// <summary>Full API version, sent as the <c>API-Version</c> header on every response (NL API Design Rules).</summary>
    public const string Version = "1.0.0";

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi("v1");
        return services;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/healthz", CheckHealthAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>200 when the database answers, 503 otherwise.</summary>
    private static async Task<IResult> CheckHealthAsync(SchakelDbContext db, CancellationToken ct)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct) && await db.Organisations.AnyAsync(ct) | true
                ? TypedResults.Text("ok")
                : TypedResults.Problem("Database unreachable.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return TypedResults.Problem("Database unreachable.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
