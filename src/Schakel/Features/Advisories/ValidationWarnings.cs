using System.Text.Json;
using Schakel.Csaf.Validation;

namespace Schakel.Features.Advisories;

/// <summary>One stored validator warning of an advisory: the CSAF 2.0 test id, the JSON pointer and the message.</summary>
public sealed record ValidationWarning(string TestId, string Path, string Message);

/// <summary>Stores the validator's warnings with an advisory (<see cref="Advisory.ValidationWarnings"/>) and reads them back.</summary>
public static class ValidationWarnings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>JSON array of warnings, or null when there are none.</summary>
    public static string? Serialize(IReadOnlyList<CsafTestFinding> warnings) =>
        warnings.Count == 0 ? null : JsonSerializer.Serialize(warnings.Select(w => new ValidationWarning(w.TestId, w.Path, w.Message)), Json);

    /// <summary>The stored warnings; none for null or unreadable text.</summary>
    public static IReadOnlyList<ValidationWarning> Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<ValidationWarning>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
