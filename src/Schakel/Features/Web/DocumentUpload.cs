using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Schakel.Features.Advisories;

namespace Schakel.Features.Web;

/// <summary>
/// Marks a page that accepts a CSAF document upload: its request body may be as large as
/// <see cref="AdvisoryOptions.MaxDocumentBytes"/> plus <see cref="FormSlackBytes"/> for the other form fields
/// (Kestrel's default of 30 MB is below the 32 MiB document limit).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DocumentUploadAttribute : Attribute
{
    /// <summary>Room for the form's other fields and the multipart framing, in bytes.</summary>
    public const long FormSlackBytes = 1024 * 1024;
}

/// <summary>Raises the request body limit for endpoints marked with <see cref="DocumentUploadAttribute"/>; runs after routing.</summary>
public sealed class DocumentUploadLimit(RequestDelegate next, IOptions<AdvisoryOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<DocumentUploadAttribute>() is null)
        {
            await next(context);
            return;
        }

        var max = options.Value.MaxDocumentBytes + DocumentUploadAttribute.FormSlackBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = max }));
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            // Far over the limit: the form cannot be read back, so say so on a fresh page instead of a bare 413.
            context.Response.Clear();
            context.Response.Redirect(context.Request.Path + "?tooLarge=true");
        }
    }
}
