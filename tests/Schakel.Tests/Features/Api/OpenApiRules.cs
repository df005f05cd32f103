using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Schakel.Tests.Features.Api;

/// <summary>
/// The NL GOV REST API Design Rules (Logius) that can be read off an OpenAPI 3 document, checked for every path and
/// operation. Returns one line per violation; empty when the document follows them.
/// </summary>
public static partial class OpenApiRules
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public static List<string> Check(JsonNode doc)
    {
        var errors = new List<string>();
        if (doc["openapi"]?.GetValue<string>() is not { } version || !version.StartsWith("3.", StringComparison.Ordinal)) errors.Add("API-51: not an OpenAPI 3 document.");
        var contact = doc["info"]?["contact"];
        foreach (var field in new[] { "name", "email", "url" })
        {
            if (string.IsNullOrWhiteSpace(contact?[field]?.GetValue<string>())) errors.Add($"API-57: info.contact.{field} is missing.");
        }

        if (doc["info"]?["version"]?.GetValue<string>() is not { } v || !SemVer().IsMatch(v)) errors.Add("API-56: info.version is not a semantic version.");

        var schemes = doc["components"]?["securitySchemes"]?.AsObject().Select(s => s.Value).ToList() ?? [];
        if (!schemes.Any(s => s?["type"]?.GetValue<string>() == "http" && s["scheme"]?.GetValue<string>() == "bearer")) errors.Add("security: no HTTP bearer scheme.");
        if (!schemes.Any(s => s?["type"]?.GetValue<string>() == "http" && s["scheme"]?.GetValue<string>() == "basic")) errors.Add("security: no HTTP Basic scheme.");

        foreach (var (path, item) in doc["paths"]?.AsObject() ?? [])
        {
            if (path.Length > 1 && path.EndsWith('/')) errors.Add($"API-48: {path} has a trailing slash.");
            foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var ok = segment.StartsWith('{') ? CamelParameter().IsMatch(segment) : KebabSegment().IsMatch(segment) || segment == "openapi.json";
                if (!ok) errors.Add($"API-54: {path}: segment '{segment}' is not kebab-case.");
            }

            foreach (var method in Methods)
            {
                if (item?[method] is not JsonObject op) continue;
                var name = $"{method.ToUpperInvariant()} {path}";
                var parameters = (op["parameters"]?.AsArray() ?? []).Concat(item["parameters"]?.AsArray() ?? []).ToList();
                foreach (var p in parameters.Where(p => p?["in"]?.GetValue<string>() == "query"))
                {
                    var pn = p!["name"]!.GetValue<string>();
                    if (!LowerCamel().IsMatch(pn)) errors.Add($"API-55: {name}: query parameter '{pn}' is not lowerCamelCase.");
                }

                var responses = op["responses"]?.AsObject() ?? [];
                if ((parameters.Count > 0 || op["requestBody"] is not null) && !responses.ContainsKey("400"))
                    errors.Add($"API-76: {name} takes input but documents no 400 response.");
                foreach (var (code, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    var content = response?["content"]?.AsObject();
                    if (content is null || content.Count == 0 || content.Any(c => c.Key != "application/problem+json"))
                        errors.Add($"API-46: {name} {code} is not documented as application/problem+json.");
                }
            }
        }

        CheckDates(doc["components"]?["schemas"], "", errors);
        return errors;
    }

    /// <summary>Properties that hold a time (named *At, *Date, from, to) must be date-time strings (RFC 3339, with time zone).</summary>
    private static void CheckDates(JsonNode? node, string where, List<string> errors)
    {
        if (node is not JsonObject obj) return;
        foreach (var (name, child) in obj)
        {
            if (obj.Parent is JsonObject parent && parent["properties"] == obj && DateName().IsMatch(name)
                && child?["format"]?.GetValue<string>() != "date-time")
                errors.Add($"API dates: {where}.{name} is not format date-time.");
            CheckDates(child, where + "." + name, errors);
        }
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabSegment();

    [GeneratedRegex(@"^\{[a-z][a-zA-Z0-9]*\}$")]
    private static partial Regex CamelParameter();

    [GeneratedRegex(@"^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex LowerCamel();

    [GeneratedRegex(@"(At|Date)$")]
    private static partial Regex DateName();
}
