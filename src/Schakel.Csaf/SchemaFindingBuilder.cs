using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Schakel.Csaf;

/// <summary>
/// Turns JsonSchema.Net's hierarchical output into short, readable findings. Its raw output repeats errors for
/// every failed <c>oneOf</c>/<c>anyOf</c> branch (for <c>cvss_v3</c>, a v3.1 score gets the v3.0 branch's
/// "version must be 3.0" too), and its messages leave out the offending value and the allowed values.
/// </summary>
internal static partial class SchemaFindingBuilder
{
    private const int MaxShownLength = 80;

    [GeneratedRegex(@"/(oneOf|anyOf)/\d+$")]
    private static partial Regex BranchSuffix();

    public static IReadOnlyList<CsafFinding> Build(
        EvaluationResults root, JsonElement document, IReadOnlyDictionary<string, JsonNode> rawSchemas)
    {
        var raw = new List<RawError>();
        Collect(root, raw);

        var findings = raw
            .SelectMany(e => Describe(e, document, rawSchemas).Select(f => (Finding: f, e.Rank)))
            .OrderBy(x => x.Rank)
            .ThenBy(x => Depth(x.Finding.Path))
            .ThenBy(x => x.Finding.Path, StringComparer.Ordinal)
            .Select(x => x.Finding)
            .Distinct()
            .ToList();

        // A failed evaluation always has at least one reason; keep that promise even for an unexpected keyword.
        return findings.Count > 0 ? findings : [new CsafFinding("", "The document does not match the CSAF 2.0 schema.")];
    }

    private static void Collect(EvaluationResults node, List<RawError> sink)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            sink.Add(new RawError(node.InstanceLocation.ToString(), keyword, message, node.SchemaLocation));
        }

        var failed = (node.Details ?? []).Where(d => !d.IsValid).ToList();
        foreach (var child in failed.Where(d => !IsBranch(d)))
        {
            Collect(child, sink);
        }

        // Alternatives of one oneOf/anyOf: report only the branch that came closest (fewest errors), since
        // the others describe shapes the author evidently did not mean.
        foreach (var group in failed.Where(IsBranch).GroupBy(d => BranchSuffix().Replace(d.EvaluationPath.ToString(), "")))
        {
            List<RawError>? best = null;
            foreach (var branch in group)
            {
                var errors = new List<RawError>();
                Collect(branch, errors);
                if (best is null || errors.Count < best.Count)
                {
                    best = errors;
                }
            }

            sink.AddRange(best ?? []);
        }
    }

    private static bool IsBranch(EvaluationResults node) => BranchSuffix().IsMatch(node.EvaluationPath.ToString());

    private static IEnumerable<CsafFinding> Describe(
        RawError error, JsonElement document, IReadOnlyDictionary<string, JsonNode> rawSchemas)
    {
        var schema = ResolveSchema(error.SchemaLocation, rawSchemas);
        var instance = ResolveInstance(document, error.Path);
        var keywordValue = schema is JsonObject schemaObject ? schemaObject[error.Keyword] : null;

        switch (error.Keyword)
        {
            case "required" when instance is { ValueKind: JsonValueKind.Object } obj
                                 && MissingNames(error.Message, keywordValue) is { Count: > 0 } names:
                // One finding per missing property, pointing at where it should be.
                foreach (var name in names.Where(n => !obj.TryGetProperty(n, out _)))
                {
                    yield return new CsafFinding($"{error.Path}/{JsonPointerText.Escape(name)}", $"Required property '{name}' is missing.");
                }

                yield break;
            case "enum" when keywordValue is JsonArray allowed && instance is { } value
                             && !allowed.Any(a => JsonNode.DeepEquals(a, JsonNode.Parse(value.GetRawText()))):
                var list = string.Join(", ", allowed.Take(12).Select(a => a?.ToJsonString() ?? "null"));
                yield return new CsafFinding(error.Path, $"Value {Show(value)} is not one of the allowed values: {list}{(allowed.Count > 12 ? ", ..." : "")}.");
                yield break;
            case "pattern" when keywordValue is JsonValue pattern && pattern.TryGetValue<string>(out var regex)
                                && instance is { ValueKind: JsonValueKind.String } text && !Matches(regex, text.GetString()!):
                yield return new CsafFinding(error.Path, $"Value {Show(text)} does not match the pattern {pattern.ToJsonString()}.");
                yield break;
            case "format" when instance is { } formatted:
                // The library's message names the format ("Value does not match format \"uri\""); add the value.
                var reason = error.Message.StartsWith("Value ", StringComparison.Ordinal) ? error.Message[6..] : ": " + error.Message;
                yield return new CsafFinding(error.Path, $"Value {Show(formatted)} {EndSentence(reason)}");
                yield break;
            default:
                yield return new CsafFinding(error.Path, EndSentence(error.Message));
                yield break;
        }
    }

    /// <summary>
    /// Missing property names: from the library message's JSON list (<c>Required properties ["id"] are not
    /// present</c>), else from the schema's <c>required</c> array.
    /// </summary>
    private static IReadOnlyList<string> MissingNames(string message, JsonNode? required)
    {
        var open = message.IndexOf('[');
        var close = message.LastIndexOf(']');
        if (open >= 0 && close > open)
        {
            try
            {
                if (JsonNode.Parse(message[open..(close + 1)]) is JsonArray parsed)
                {
                    return parsed.Select(n => n?.GetValue<string>()).OfType<string>().ToArray();
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // Fall through to the schema.
            }
        }

        return required is JsonArray names ? names.Select(n => n?.GetValue<string>()).OfType<string>().ToArray() : [];
    }

    private static bool Matches(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (Exception ex) when (ex is ArgumentException or RegexMatchTimeoutException)
        {
            return true; // Cannot confirm, so do not claim the pattern explains the error.
        }
    }

    private static JsonNode? ResolveSchema(Uri location, IReadOnlyDictionary<string, JsonNode> rawSchemas)
    {
        var text = location.OriginalString;
        var hash = text.IndexOf('#');
        var baseUri = hash < 0 ? text : text[..hash];
        var pointer = hash < 0 ? "" : Uri.UnescapeDataString(text[(hash + 1)..]);
        if (!rawSchemas.TryGetValue(baseUri, out var node))
        {
            return null;
        }

        // JsonSchema.Net 8.0.5 puts extra segments into locations below "items" (".../items/vulnerabilities/..."),
        // so a segment that does not exist is skipped. Callers only use what they find after checking it
        // against the instance, so a wrong guess falls back to the library's own message.
        foreach (var segment in JsonPointerText.Segments(pointer))
        {
            var next = node switch
            {
                JsonObject o when o.TryGetPropertyValue(segment, out var child) => child,
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            node = next ?? node;
        }

        return node;
    }

    private static JsonElement? ResolveInstance(JsonElement document, string pointer)
    {
        var current = document;
        foreach (var segment in JsonPointerText.Segments(pointer))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array
                     && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                     && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= MaxShownLength ? text : text[..MaxShownLength] + "…";
    }

    private static string EndSentence(string message) => message.EndsWith('.') ? message : message + ".";

    private static int Depth(string path) => path.Count(c => c == '/');

    private sealed record RawError(string Path, string Keyword, string Message, Uri SchemaLocation)
    {
        // Missing parts first: they usually explain later errors; then wrong types; then value rules.
        public int Rank => Keyword switch
        {
            "required" => 0,
            "type" => 1,
            "oneOf" or "anyOf" => 2,
            "const" or "enum" => 3,
            "format" or "pattern" => 4,
            _ => 5,
        };
    }
}
