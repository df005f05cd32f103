using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// <c>schakel import stix PATH… [--as ORGKEY] [--by EMAIL] [--tlp LABEL] [--publish-to AUDIENCE]…</c>: each file is one
/// import and one item (DESIGN.md section 3a); a folder is searched for <c>*.json</c>, except a folder in the STIX
/// FileSystemStore layout, which is one import. Exit codes (DESIGN.md section 4): 0 when everything was stored, 1 when an
/// input or an object was rejected (each reason on stderr), 2 for usage errors.
/// </summary>
public static class ThreatIntelCommands
{
    /// <summary>Adds <c>stix</c> to the <c>import</c> command and returns that command.</summary>
    public static Command AddImportStix(Command import)
    {
        var paths = new Argument<string[]>("PATH") { Description = "STIX 2.1 bundles, TAXII envelopes or objects; folders are searched recursively for *.json (a STIX FileSystemStore folder is one import).", Arity = ArgumentArity.OneOrMore };
        var asOrg = new Option<string>("--as") { Description = "Key of the publishing organisation.", DefaultValueFactory = _ => "ncsc" };
        var by = new Option<string?>("--by") { Description = "E-mail of the publishing person, an analyst of the --as organisation; required for TLP:RED." };
        var tlp = new Option<string?>("--tlp") { Description = "Label for content without a TLP marking, or a stricter one: CLEAR, GREEN, AMBER, AMBER+STRICT, RED." };
        var publishTo = new Option<string[]>("--publish-to") { Description = "Audience, repeatable: network, sector:KEY, org:KEY, constituency:KEY; for RED person:EMAIL. Without it: stored as draft.", AllowMultipleArgumentsPerToken = false };
        var stix = new Command("stix", "Import STIX 2.1 content, one item per file; publish it when an audience is given.") { paths, asOrg, by, tlp, publishTo };
        stix.SetAction((parse, ct) => RunAsync(parse.GetValue(paths)!, parse.GetValue(asOrg)!, parse.GetValue(by), parse.GetValue(tlp), parse.GetValue(publishTo) ?? [], ct));
        import.Subcommands.Add(stix);
        return import;
    }

    private sealed record Input(string Path, bool Explicit, bool IsStore);

    private static async Task<int> RunAsync(string[] paths, string orgKey, string? byEmail, string? tlpText, string[] audienceTexts, CancellationToken ct)
    {
        if (AdvisoryCommands.ParsePublishOptions(tlpText, audienceTexts, out var requested, out var audience) is { } usage)
        {
            await Console.Error.WriteLineAsync(usage);
            return Cli.Usage;
        }

        // An unknown option ends up among the paths (PATH takes any token); it is a usage error, not a missing file.
        if (paths.FirstOrDefault(p => p.StartsWith("--", StringComparison.Ordinal)) is { } option)
        {
            await Console.Error.WriteLineAsync($"Unknown option '{option}'. Run 'schakel import stix --help' for usage.");
            return Cli.Usage;
        }

        var inputs = new List<Input>();
        foreach (var p in paths)
        {
            if (File.Exists(p)) inputs.Add(new Input(p, true, false));
            else if (Directory.Exists(p) && StixFileSystemStore.IsStore(p)) inputs.Add(new Input(p, true, true));
            else if (Directory.Exists(p)) inputs.AddRange(Directory.EnumerateFiles(p, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => new Input(f, false, false)));
            else return Cli.Fail($"{p}: no such file or folder.");
        }

        await using var services = await Cli.CreateServicesAsync(ct);
        var (orgId, personId, problem) = await AdvisoryCommands.ResolvePublisherAsync(services, orgKey, byEmail, ct);
        if (problem is not null) return Cli.Fail(problem);

        var request = new ThreatIntelImportRequest(orgId, personId, requested, audience);
        var counts = new Dictionary<ImportOutcome, int>();
        int skipped = 0, objectsRejected = 0;
        foreach (var input in inputs)
        {
            var (outcome, rejectedObjects) = await ImportOneAsync(services, input, request, ct);
            if (outcome is null) skipped++;
            else counts[outcome.Value] = counts.GetValueOrDefault(outcome.Value) + 1;
            objectsRejected += rejectedObjects;
        }

        Console.WriteLine($"Imported {counts.GetValueOrDefault(ImportOutcome.Imported)}, updated {counts.GetValueOrDefault(ImportOutcome.Updated)}, unchanged {counts.GetValueOrDefault(ImportOutcome.Unchanged)}, " +
            $"rejected {counts.GetValueOrDefault(ImportOutcome.Rejected)}, skipped {skipped} (not STIX); {objectsRejected} object(s) not stored.");
        return counts.GetValueOrDefault(ImportOutcome.Rejected) > 0 || objectsRejected > 0 ? Cli.Rejected : Cli.Ok;
    }

    /// <summary>
    /// Imports one input in its own scope and prints its lines. Returns its outcome (null: skipped, not STIX) and the number
    /// of objects that were not stored (conflicts, invalid objects, unreadable files of a store).
    /// </summary>
    private static async Task<(ImportOutcome? Outcome, int RejectedObjects)> ImportOneAsync(IServiceProvider services, Input input, ThreatIntelImportRequest request, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var max = scope.ServiceProvider.GetRequiredService<IOptions<ThreatIntelOptions>>().Value.MaxBundleBytes;
        var fileProblems = new List<string>();
        byte[] content;
        if (input.IsStore)
        {
            var (bundle, problems) = await StixFileSystemStore.ReadAsync(input.Path, max, ct);
            if (bundle is null) return Rejected(input.Path, $"the files together are over the limit of {max} bytes; nothing was read.");
            content = bundle;
            fileProblems = problems;
        }
        else
        {
            var length = new FileInfo(input.Path).Length;
            if (length > max) return Rejected(input.Path, $"{length} bytes is over the limit of {max} bytes; nothing was read.");
            content = await File.ReadAllBytesAsync(input.Path, ct);
            if (!input.Explicit && IsOtherJson(content))
            {
                Console.WriteLine($"{input.Path}: skipped: not STIX (no 'type' or 'objects').");
                return (null, 0);
            }
        }

        foreach (var p in fileProblems) await Console.Error.WriteLineAsync($"{input.Path}: invalid: {p}");
        var importer = scope.ServiceProvider.GetRequiredService<ThreatIntelImporter>();
        var result = await importer.ImportAsync(content, request, ct);
        foreach (var o in result.Objects.Where(o => o.Outcome is StixObjectOutcome.Conflict or StixObjectOutcome.Invalid))
            await Console.Error.WriteLineAsync($"{input.Path}: {o.Outcome.ToString().ToLowerInvariant()}: {o.Id}{(o.Version is null ? "" : " version " + o.Version)}: {o.Message}");
        var rejectedObjects = fileProblems.Count + result.Objects.Count(o => o.Outcome is StixObjectOutcome.Conflict or StixObjectOutcome.Invalid);
        if (result.Outcome == ImportOutcome.Rejected)
        {
            await Console.Error.WriteLineAsync($"{input.Path}: rejected: " + string.Join("; ", result.Errors.Select(e => e.Message)));
            foreach (var w in result.Warnings) await Console.Error.WriteLineAsync($"{input.Path}: warning: {w}");
            return (ImportOutcome.Rejected, rejectedObjects);
        }

        var outcome = result.Outcome.ToString().ToLowerInvariant();
        Console.WriteLine($"{input.Path}: {outcome} item {result.ItemId} TLP:{result.Label?.ToLabel()} ({ThreatIntelImportCounts.Of(result)})");
        foreach (var w in result.Warnings) Console.WriteLine($"{input.Path}: warning: {w}");
        return (result.Outcome, rejectedObjects);
    }

    private static (ImportOutcome?, int) Rejected(string path, string reason)
    {
        Console.Error.WriteLine($"{path}: rejected: {reason}");
        return (ImportOutcome.Rejected, 0);
    }

    /// <summary>
    /// Well-formed JSON found in a folder that is neither a bundle, an envelope, an object (no <c>type</c>, no <c>objects</c>)
    /// nor an array of objects with a <c>type</c>: skipped.
    /// </summary>
    private static bool IsOtherJson(byte[] content)
    {
        try
        {
            using var json = JsonDocument.Parse(content);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
                return root.GetArrayLength() == 0 || root[0].ValueKind != JsonValueKind.Object || !root[0].TryGetProperty("type", out _);
            return root.ValueKind != JsonValueKind.Object || !(root.TryGetProperty("type", out _) || root.TryGetProperty("objects", out _));
        }
        catch (JsonException)
        {
            return false; // broken JSON is rejected, not skipped
        }
    }
}
