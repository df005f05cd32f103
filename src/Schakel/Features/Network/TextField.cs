namespace Schakel.Features.Network;

/// <summary>Model of the <c>_TextField</c> partial: id and form name of the input, translated label, description and errors.</summary>
public sealed record TextField(string Id, string Name, string Label, string? Value, IReadOnlyList<string> Errors)
{
    public string? Description { get; init; }
    public string Type { get; init; } = "text";
    public string? Autocomplete { get; init; } = "off";
    public bool Required { get; init; }
    public bool Multiline { get; init; }
}
