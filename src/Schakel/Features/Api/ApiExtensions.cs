using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Audit;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;

namespace Schakel.Features.Api;

/// <summary>
/// The REST API under <c>/api/v1</c>, its OpenAPI document (at <c>/openapi/v1.json</c> and <c>/api/v1/openapi.json</c>)
/// and <c>/healthz</c>. The endpoints live with their features (<see cref="InboxEndpoints"/>, <see cref="ItemEndpoints"/>,
/// <see cref="AdvisoryEndpoints"/>, <see cref="OrganisationEndpoints"/>); this class wires the shared conventions.
/// </summary>
public static class ApiExtensions
{
    /// <summary>Full API version, sent as the <c>API-Version</c> header on every response (NL API Design Rules).</summary>
    public const string Version = "1.0.0";

    /// <summary>Name of the version header.</summary>
    public const string VersionHeader = "API-Version";

    /// <summary>Route prefix of version 1.</summary>
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        // Registered before AddProblemDetails so that it is asked first (writers are tried in registration order).
        services.AddSingleton<IProblemDetailsWriter, ApiProblemDetailsWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx => ApiProblemDetailsWriter.Complete(ctx.ProblemDetails, ctx.HttpContext.Response.StatusCode));
        services.AddTransient<IStartupFilter, ApiConventionsStartupFilter>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter()));
        services.AddOpenApi("v1", OpenApiConventions.Configure);
        return services;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapOpenApi(Prefix + "/openapi.json");
        app.MapGet("/healthz", CheckHealthAsync).ExcludeFromDescription();
        var v1 = app.MapGroup(Prefix);
        v1.MapInboxEndpoints();
        v1.MapItemEndpoints();
        v1.MapChainEndpoints();
        v1.MapAdvisoryEndpoints();
        v1.MapOrganisationEndpoints();
        v1.MapAuditEndpoints();
        v1.MapRelayEndpoints();
        v1.MapThreatIntelEndpoints();
        ThreatIntel.Misp.MispEndpoints.MapMispEndpoints(v1);
        return app;
    }

    /// <summary>200 <c>ok</c> when the database answers a query on Schakel's own tables, 503 problem details otherwise.</summary>
    private static async Task<IResult> CheckHealthAsync(SchakelDbContext db, CancellationToken ct)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct)) return TypedResults.Problem("Database unreachable.", statusCode: StatusCodes.Status503ServiceUnavailable);
            // A server that answers is not enough: the schema must be there too.
            await db.Organisations.AsNoTracking().AnyAsync(ct);
            return TypedResults.Text("ok");
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return TypedResults.Problem("Database unreachable.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
