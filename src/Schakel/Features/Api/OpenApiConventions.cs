using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Schakel.Features.Api;

/// <summary>
/// OpenAPI document transformers for the NL GOV REST API Design Rules: <c>info</c> with contact and semantic
/// version, the two security schemes (bearer token; HTTP Basic with the token as password), problem-details error
/// responses on every operation, and schemas for the query parameters that are bound as text so that a bad value
/// can be answered with a 400 that names the parameter.
/// </summary>
internal static class OpenApiConventions
{
    public const string BearerScheme = "bearerToken";
    public const string BasicScheme = "basicToken";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Schakel API",
                Version = ApiExtensions.Version,
                Description = "REST API of a Schakel node (Dutch cyber resilience network): inbox, items, CSAF advisories, organisations. "
                    + "Follows the NL GOV REST API Design Rules: every response carries an API-Version header; paths have no trailing "
                    + "slash (a request with one answers 404); errors are RFC 9457 problem details; times are RFC 3339 in UTC. "
                    + "Authenticate with 'Authorization: Bearer TOKEN' or HTTP Basic with the token as password; "
                    + "'schakel token create --user EMAIL' prints a token.",
                Contact = new OpenApiContact { Name = "Schakel node beheer", Email = "beheer@ncsc.example.nl", Url = new Uri("https://ncsc.example.nl/schakel") },
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token from 'schakel token create'.",
            };
            document.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "HTTP Basic: any user name, the API token as password.",
            };
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BasicScheme, document)] = [] },
            ];
            return Task.CompletedTask;
        });

        options.AddSchemaTransformer((schema, context, _) =>
        {
            // The UTC converter hides the type from the schema generator; say what it writes.
            var type = context.JsonTypeInfo.Type;
            if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
            {
                schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                schema.Format = "date-time";
            }

            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                if (parameter is OpenApiParameter p && KnownParameters.TryGetValue(p.Name ?? "", out var make)) p.Schema = make();
            }

            operation.Responses ??= new OpenApiResponses();
            foreach (var (code, response) in operation.Responses)
            {
                if (code.StartsWith('4') || code.StartsWith('5')) UseProblemContent(response);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Error responses carry <c>application/problem+json</c> only.</summary>
    private static void UseProblemContent(IOpenApiResponse response)
    {
        if (response is not OpenApiResponse r) return;
        var schema = r.Content?.Values.FirstOrDefault(c => c.Schema is not null)?.Schema;
        r.Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } };
    }

    /// <summary>Schemas of the query parameters bound as text (see the endpoints for why).</summary>
    private static readonly Dictionary<string, Func<IOpenApiSchema>> KnownParameters = new(StringComparer.Ordinal)
    {
        ["page"] = () => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Default = JsonValue.Create(1) },
        ["pageSize"] = () => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "500", Default = JsonValue.Create(50) },
        ["from"] = () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
        ["to"] = () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
        ["tlp"] = () => Enum("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"),
        ["status"] = () => Enum("Delivered", "Read", "Acknowledged", "ActionTaken", "NotRelevant"),
    };

    private static OpenApiSchema Enum(params string[] values) =>
        new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };
}
