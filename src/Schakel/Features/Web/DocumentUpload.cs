using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Schakel.Features.Advisories;

namespace Schakel.Features.Web;

/// <summary>
/// Marks a page that accepts a CSAF document upload: its request body may be as large as
/// <see cref="AdvisoryOptions.MaxDocumentBytes"/> plus <see cref="FormSlackBytes"/> for the other form fields
/// (Kestrel's default of 30 MB is below the 32 MiB document limit). Larger uploads are redirected (303) to the page
/// with <c>?tooLarge=true</c>, which shows the "file too large" message.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public class DocumentUploadAttribute : Attribute
{
    /// <summary>The largest document the page accepts, in bytes; a subclass names another limit (STIX bundles: <c>ThreatIntel:MaxBundleBytes</c>).</summary>
    public virtual long MaxBytes(IServiceProvider services) => services.GetRequiredService<IOptions<AdvisoryOptions>>().Value.MaxDocumentBytes;

    /// <summary>Room for the form's other fields and the multipart framing, in bytes.</summary>
    public const long FormSlackBytes = 1024 * 1024;

    /// <summary>
    /// An oversized body of up to this many times the form limit is read to its end and thrown away before the redirect
    /// is sent: a browser that is still sending when the server closes the connection shows a network error, not the page.
    /// Beyond it the connection is cut (no message), so that nobody can make the server read without bound.
    /// </summary>
    public const int DrainFactor = 4;
}

/// <summary>
/// Raises the request body limit for endpoints marked with <see cref="DocumentUploadAttribute"/> and reads their form
/// here, before the antiforgery filter does: that filter turns every read failure (a body over the limit included) into a
/// bare 400, so the page handler would never run. Runs after routing.
/// </summary>
public sealed class DocumentUploadLimit(RequestDelegate next, ILogger<DocumentUploadLimit> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<DocumentUploadAttribute>() is not { } upload || !context.Request.HasFormContentType)
        {
            await next(context);
            return;
        }

        var documentMax = upload.MaxBytes(context.RequestServices);
        var max = documentMax + DocumentUploadAttribute.FormSlackBytes;
        var drainMax = max * DocumentUploadAttribute.DrainFactor;
        var bodyLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var declared = context.Request.ContentLength;
        if (declared > max)
        {
            // Browsers send the length up front, so the common case is decided before reading the form.
            if (declared <= drainMax && bodyLimit is { IsReadOnly: false })
            {
                bodyLimit.MaxRequestBodySize = drainMax;
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }

            TooLarge(context, declared.Value, documentMax);
            return;
        }

        if (bodyLimit is { IsReadOnly: false }) bodyLimit.MaxRequestBodySize = max;
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = max }));
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            // A body without a declared length (chunked) that runs over: it cannot be drained within the limit.
            TooLarge(context, null, documentMax);
            return;
        }
        catch (IOException)
        {
            // A broken or cut-off body (the antiforgery filter answered these with 400 before the form was read here).
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    }

    private void TooLarge(HttpContext context, long? declared, long limit)
    {
        logger.LogInformation("Upload to {Path} refused: {Length} bytes declared, limit {Limit} bytes.", context.Request.Path, declared, limit);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = context.Request.PathBase + context.Request.Path + "?tooLarge=true";
    }
}
