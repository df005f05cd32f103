using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Schakel.Stix.Validation;

/// <summary>
/// Evaluates a schema and turns failures into findings. Evaluation runs first with the cheap flag output (valid or not);
/// only an invalid object is evaluated again with hierarchical output to say why, so valid objects — nearly all of a
/// large bundle — pay for one pass only.
/// </summary>
internal static partial class SchemaCheck
{
    private const int MaxFindingsPerSchema = 20;

    // Format keywords ("uri", "email", "idn-hostname") are annotations only, as in the OASIS validator: real STIX
    // content carries defanged URLs and addresses that a strict format check would reject.
    private static readonly EvaluationOptions Flag = FlagOptions();

    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.Hierarchical };

    // The STIX schemas use no keyword that depends on annotations (no unevaluatedProperties/Items), so the first, flag-only
    // pass skips collecting them: about a third faster on large bundles.
    private static EvaluationOptions FlagOptions()
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.Flag };
        options.IgnoreAllAnnotations();
        return options;
    }

    [GeneratedRegex(@"/(oneOf|anyOf)/\d+$")]
    private static partial Regex BranchSuffix();

    /// <summary>Adds a finding per schema violation to <paramref name="context"/>; returns whether the object passed.</summary>
    public static bool Run(JsonSchema schema, ObjectContext context, string rule, string schemaName)
    {
        EvaluationResults results;
        try
        {
            results = schema.Evaluate(context.Root, Flag);
            if (results.IsValid) return true;
            results = schema.Evaluate(context.Root, Detailed);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or RegexMatchTimeoutException)
        {
            // Valid JSON can still defeat evaluation (e.g. 1e400 met by a keyword that needs a .NET number): the object
            // cannot be shown to match the schema, which makes it invalid, never a crash.
            context.Error("", $"The object could not be checked against the {schemaName} schema: {e.Message}", rule);
            return false;
        }

        var raw = new List<(string Path, string Message)>();
        Collect(results, raw, context.Root);
        var distinct = raw.Distinct().ToList();
        foreach (var (path, message) in distinct.Take(MaxFindingsPerSchema))
            context.Error(path, $"{message} ({schemaName} schema)", rule);
        if (distinct.Count > MaxFindingsPerSchema)
            context.Error("", $"{distinct.Count - MaxFindingsPerSchema} more violations of the {schemaName} schema not shown.", rule);
        if (distinct.Count == 0)
            context.Error("", $"The object does not match the {schemaName} schema.", rule);
        return false;
    }

    private static void Collect(EvaluationResults node, List<(string, string)> sink, JsonElement root)
    {
        if (node.IsValid) return;
        // Inside a 'not', failures are the wanted outcome (e.g. the reserved-name check of the core); a violated 'not' is
        // reported by its parent.
        var failed = (node.Details ?? []).Where(d => !d.IsValid && !d.EvaluationPath.ToString().EndsWith("/not", StringComparison.Ordinal)).ToList();
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            // A oneOf/anyOf/allOf summary adds nothing when its failed branches are reported below.
            if (keyword is "oneOf" or "anyOf" or "allOf" && failed.Count > 0) continue;
            sink.Add((node.InstanceLocation.ToString(), Sentence(message) + Shown(root, node.InstanceLocation.ToString())));
        }

        foreach (var child in failed.Where(d => !IsBranch(d))) Collect(child, sink, root);

        // Of the alternatives of one oneOf/anyOf, report only the closest branch (fewest errors): the others describe
        // shapes the author evidently did not mean (e.g. the TLP branches of a statement marking).
        foreach (var group in failed.Where(IsBranch).GroupBy(d => BranchSuffix().Replace(d.EvaluationPath.ToString(), "")))
        {
            List<(string, string)>? best = null;
            foreach (var branch in group)
            {
                var errors = new List<(string, string)>();
                Collect(branch, errors, root);
                if (best is null || errors.Count < best.Count) best = errors;
            }

            sink.AddRange(best ?? []);
        }
    }

    /// <summary>The offending value when it is short and scalar, e.g. <c> (value "abc")</c>; the library's messages leave it out.</summary>
    private static string Shown(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var segment in pointer.Split('/').Skip(1))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var next)) current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(name, out var i) && i < current.GetArrayLength()) current = current[i];
            else return "";
        }

        if (current.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Undefined) return "";
        var text = current.GetRawText();
        return text.Length <= 80 ? $" (value {text})" : $" (value {text[..77]}...)";
    }

    private static bool IsBranch(EvaluationResults node) => BranchSuffix().IsMatch(node.EvaluationPath.ToString());

    private static string Sentence(string message) => message.EndsWith('.') ? message : message + ".";
}
