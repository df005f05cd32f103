using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Schakel.Tests.Features.Authorisation;

/// <summary>
/// The application's endpoints as the running host knows them: every minimal API route with each of its HTTP methods,
/// and every Razor page handler (<c>GET /items/{id:guid}</c>, <c>POST /items/{id:guid} [state]</c>). Static assets
/// (files under wwwroot) are left out: they carry no authorisation. Keys read like the rows of the matrix.
/// </summary>
public static class EndpointInventory
{
    public static async Task<SortedSet<string>> ListAsync(IServiceProvider services)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var loader = services.GetRequiredService<PageLoader>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")) continue;
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() ?? await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                    keys.Add(Key(handler.HttpMethod.ToUpperInvariant(), route, handler.Name));
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods) keys.Add(Key(method, route, null));
        }

        return keys;
    }

    /// <summary><c>METHOD /route</c>, with <c> [handler]</c> for a named Razor page handler.</summary>
    public static string Key(string method, string route, string? handler) =>
        handler is null ? $"{method} {route}" : $"{method} {route} [{handler.ToLowerInvariant()}]";
}
