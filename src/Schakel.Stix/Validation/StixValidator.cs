using System.Text.Json;
using Json.Schema;

namespace Schakel.Stix.Validation;

/// <summary>
/// Validates STIX 2.1 objects and bundles: each object against the OASIS STIX 2.1 JSON schema of its type (custom types
/// against the common core only, section 11.2), then against the rules of the specification the schemas cannot express
/// (see docs/stix.md; each finding names its section in <see cref="StixFinding.Rule"/>). Nothing is changed or removed:
/// custom properties, objects and extensions are reported, never dropped. Thread-safe; schemas are built once per process.
/// </summary>
public sealed class StixValidator
{
    // Below this many objects, validating in parallel costs more than it saves.
    private const int ParallelThreshold = 256;

    private readonly StixValidatorOptions _options;

    /// <summary>A validator with the given options.</summary>
    public StixValidator(StixValidatorOptions options) => _options = options;

    /// <summary>The validator with the OASIS schemas only (no extra schemas).</summary>
    public static StixValidator Default { get; } = new(new StixValidatorOptions());

    /// <summary>Validates one object (its <see cref="StixObject.Json"/>).</summary>
    public StixValidationReport Validate(StixObject stixObject)
    {
        using var doc = stixObject.ToDocument();
        return new StixValidationReport(ValidateObject(doc.RootElement), 1);
    }

    /// <summary>
    /// Validates what <see cref="StixBundleReader"/> read: its structural findings, the bundle id (section 8), every
    /// object, and the rules across objects (section 3.6: one content per id and version; nothing after a revocation).
    /// </summary>
    public StixValidationReport Validate(StixReadResult read)
    {
        var findings = new List<StixFinding>(read.Findings);
        if (IsBundle(read) && read.Objects.Count + read.Findings.Count > 0)
        {
            if (read.BundleId is null) findings.Add(new StixFinding(StixSeverity.Error, null, "/id", "The bundle has no string 'id'.", "8.1"));
            else if (!StixIdentifier.TryParse(read.BundleId, out var id) || id.Type != "bundle")
                findings.Add(new StixFinding(StixSeverity.Error, null, "/id", $"Bundle id '{read.BundleId}' is not 'bundle--UUID'.", "8.1"));
        }

        var perObject = ForEach(read.Objects, o =>
        {
            using var doc = o.ToDocument();
            return ValidateObject(doc.RootElement);
        });
        foreach (var list in perObject) findings.AddRange(list);
        findings.AddRange(BundleRules.CheckVersions(read.Objects.Select(o => new BundleRules.Entry(o.Id, o.Version, o.Revoked, () => o.Json)).ToList()));
        return new StixValidationReport(findings, read.Objects.Count) { PerObject = perObject };
    }

    /// <summary>
    /// Validates STIX content as bytes: read by <see cref="StixBundleReader"/> (a bundle, a TAXII envelope, a single object
    /// or a bare JSON array of objects, the last accepted with a warning as the OASIS validator accepts it) and validated as
    /// <see cref="Validate(StixReadResult)"/> does; a bundle is also checked against the bundle schema (section 8). The size
    /// limit is checked before parsing. Never throws for bad content.
    /// </summary>
    public StixValidationReport Validate(ReadOnlyMemory<byte> content, long maxBytes = StixBundleReader.DefaultMaxBytes)
    {
        if (content.Length > maxBytes)
            return Single(StixSeverity.Error, $"The content is larger than the limit of {maxBytes} bytes; nothing was read.", "size");
        var read = StixBundleReader.Read(content, maxBytes);
        var container = read.Container switch
        {
            StixContainer.Bundle when IsBundle(read) => BundleRules.CheckBundle(content),
            StixContainer.Array => [new StixFinding(StixSeverity.Warning, null, "", "The content is a bare JSON array of objects, not a STIX bundle; its objects are checked one by one.", "8")],
            _ => [],
        };
        var report = Validate(read);
        return container.Count == 0 ? report : new StixValidationReport([.. container, .. report.Findings], report.ObjectCount);
    }

    /// <summary>Validates one object given as a JSON element; returns its findings (empty when it is valid and clean).</summary>
    public IReadOnlyList<StixFinding> ValidateObject(JsonElement element)
    {
        var findings = new List<StixFinding>();
        var o = new ObjectContext(element, findings);
        if (element.ValueKind != JsonValueKind.Object)
        {
            o.Error("", "A STIX object must be a JSON object.", "3.1");
            return findings;
        }

        SchemaCheck.Run(SchemaFor(o), o, "schema", o.Type is not null && !o.IsCustomType ? o.Type : "common core");
        foreach (var (name, schema) in ExtraSchemasFor(o))
            SchemaCheck.Run(schema, o, "schema", name);
        CommonRules.Check(o);
        ReferenceRules.Check(o);
        MarkingRules.Check(o);
        ExtensionRules.Check(o);
        return findings;
    }

    private static JsonSchema SchemaFor(ObjectContext o)
    {
        if (o.Type is not null && StixSchemas.ForType(o.Type) is { } own) return own;

        // A custom type: an extension's new SCO has the SCO core (no created/modified); anything else is held to the
        // SDO/SRO core, which section 11.2.1 requires of custom objects.
        return o.ExtensionTypes().Contains("new-sco") ? StixSchemas.ObservableCore : StixSchemas.Core;
    }

    private IEnumerable<(string Name, JsonSchema Schema)> ExtraSchemasFor(ObjectContext o)
    {
        if (_options.ExtraSchemas.Count == 0) return [];
        var keys = new List<string>();
        if (o.Type is not null) keys.Add(o.Type);
        if (o.TryGet("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object)
            keys.AddRange(extensions.EnumerateObject().Select(e => e.Name));
        return keys.Where(_options.ExtraSchemas.ContainsKey).Select(k => ($"'{k}' extra", _options.ExtraSchemas[k]));
    }

    private static List<IReadOnlyList<StixFinding>> ForEach<T>(IReadOnlyList<T> items, Func<T, IReadOnlyList<StixFinding>> check) =>
        items.Count < ParallelThreshold
            ? items.Select(check).ToList()
            : items.AsParallel().AsOrdered().Select(check).ToList();

    // The reader calls unreadable content (not JSON, too large) a bundle too; only a JSON object with type "bundle" is one.
    private static bool IsBundle(StixReadResult read) =>
        read.Container == StixContainer.Bundle && !read.Findings.Any(f => f.Rule is "json" or "size");

    private static StixValidationReport Single(StixSeverity severity, string message, string rule) =>
        new([new StixFinding(severity, null, "", message, rule)], 0);
}
