using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Schakel.Features.Api;

/// <summary>
/// Reads a JSON request body here rather than through the framework's binding, so that a malformed body gets a 400
/// that says what is wrong (the framework's binding failure only says "Bad Request") and a non-JSON body a 415.
/// </summary>
public static class ApiBody
{
    /// <summary>Largest JSON body these endpoints read, in bytes (1 MiB).</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>
    /// The body as <typeparamref name="T"/>, or null when there is none (when <paramref name="required"/> is false);
    /// otherwise a problem: 415 for a non-JSON content type, 413 above <see cref="MaxBytes"/>, 400 for malformed JSON or a missing body.
    /// </summary>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, string shape, bool required, CancellationToken ct)
        where T : class
    {
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!hasBody)
            return required ? (null, ApiProblems.Invalid($"A JSON body is required: {shape}.")) : (null, null);
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem($"The body must be application/json: {shape}.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type"));
        if (request.ContentLength > MaxBytes)
            return (null, TypedResults.Problem($"The body is larger than {MaxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Content Too Large"));
        try
        {
            var body = await request.ReadFromJsonAsync<T>(ct);
            if (body is null && required) return (null, ApiProblems.Invalid($"A JSON body is required: {shape}."));
            return (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.Invalid($"The body is not a JSON object {shape}: {e.Message}"));
        }
    }
}
