using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Schakel.Features.Api;

/// <summary>
/// NL GOV REST API Design Rules that hold for every response, wired in front of the whole pipeline by a startup
/// filter (so Program.cs and the web pipeline need no change): an <c>API-Version</c> header on every response, pages
/// and errors included; a request under <c>/api</c> with a trailing slash answers 404 (rule API-48: no trailing slashes);
/// an API error that left its body empty gets RFC 9457 problem details.
/// </summary>
public sealed class ApiConventionsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        context.Response.OnStarting(static state =>
        {
            ((HttpResponse)state).Headers[ApiExtensions.VersionHeader] = ApiExtensions.Version;
            return Task.CompletedTask;
        }, context.Response);

        var path = context.Request.Path.Value ?? "";
        if (IsApi(context.Request.Path) && path.Length > 1 && path.EndsWith('/'))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = 404,
                    Title = "Not Found",
                    Detail = "API paths have no trailing slash; ask for " + path.TrimEnd('/') + " instead.",
                },
            });
            return;
        }

        await next(context);
        if (IsApi(context.Request.Path) && !context.Response.HasStarted && context.Response.StatusCode >= 400
            && context.Response.ContentLength is null && context.Response.ContentType is null)
        {
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = new ProblemDetails { Status = context.Response.StatusCode } });
        }
    }

    /// <summary>Whether the request is for the REST API (problem details always, whatever the Accept header says).</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");
}

/// <summary>Puts <see cref="ApiConventionsMiddleware"/> first in the pipeline.</summary>
internal sealed class ApiConventionsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ApiConventionsMiddleware>();
        next(app);
    };
}

/// <summary>
/// Writes problem details as <c>application/problem+json</c> for every API request, also when the client's Accept
/// header asks for something else (the default writer then gives up and status-code pages would send plain text).
/// Fills <c>title</c> and <c>detail</c> when the producer left them empty, so every API error carries both.
/// </summary>
internal sealed class ApiProblemDetailsWriter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => ApiConventionsMiddleware.IsApi(context.HttpContext.Request.Path);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        Complete(context.ProblemDetails, response.StatusCode);
        return new ValueTask(response.WriteAsJsonAsync(context.ProblemDetails, json.Value.SerializerOptions, "application/problem+json"));
    }

    /// <summary>Sets status, title and detail where missing; used by this writer and by the default one (CustomizeProblemDetails).</summary>
    public static void Complete(ProblemDetails problem, int responseStatus)
    {
        var status = problem.Status ??= responseStatus;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Detail ??= status switch
        {
            401 => "Sign in, or send an API token: 'Authorization: Bearer TOKEN' or HTTP Basic with the token as password.",
            403 => "You may not do this.",
            404 => "Nothing here: the address is unknown, or you may not see what it names.",
            405 => "This method is not allowed on this address.",
            406 => "This resource is only available as JSON.",
            413 => "The request body is too large.",
            415 => "Send the body as application/json.",
            _ => problem.Title,
        };
    }
}

/// <summary>Writes <see cref="DateTimeOffset"/> as UTC RFC 3339 with <c>Z</c> (API design rule: dates with time zone, in UTC).</summary>
internal sealed class UtcDateTimeOffsetConverter : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
}
