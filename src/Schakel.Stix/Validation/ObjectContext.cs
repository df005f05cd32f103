using System.Text.Json;

namespace Schakel.Stix.Validation;

/// <summary>One object under validation: its JSON, what its type says it is, and the findings collected so far.</summary>
internal sealed class ObjectContext(JsonElement root, List<StixFinding> findings)
{
    public JsonElement Root { get; } = root;

    public string? Type { get; } = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    public string? Id { get; } = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;

    public StixObjectCategory Category => Type is null ? StixObjectCategory.Custom : StixTypes.CategoryOf(Type);

    /// <summary>True for a type STIX 2.1 does not define (a custom object, section 11.2, or an extension's new type, 7.3).</summary>
    public bool IsCustomType => Category == StixObjectCategory.Custom;

    public List<StixFinding> Findings { get; } = findings;

    public void Error(string path, string message, string rule) => Findings.Add(new StixFinding(StixSeverity.Error, Id, path, message, rule));

    public void Warning(string path, string message, string rule) => Findings.Add(new StixFinding(StixSeverity.Warning, Id, path, message, rule));

    public bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return Root.ValueKind == JsonValueKind.Object && Root.TryGetProperty(name, out value);
    }

    /// <summary>The <c>extension_type</c>s of the object's extension-definition extensions (section 7.3).</summary>
    public IEnumerable<string> ExtensionTypes()
    {
        if (!TryGet("extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Object) yield break;
        foreach (var extension in extensions.EnumerateObject())
        {
            if (extension.Value.ValueKind == JsonValueKind.Object
                && extension.Value.TryGetProperty("extension_type", out var kind) && kind.ValueKind == JsonValueKind.String)
                yield return kind.GetString()!;
        }
    }

    /// <summary>JSON pointer (RFC 6901) of a top-level property.</summary>
    public static string Pointer(string name) => "/" + Escape(name);

    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
