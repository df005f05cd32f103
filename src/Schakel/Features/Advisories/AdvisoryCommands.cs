using System.CommandLine;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Schakel.Csaf;
using Schakel.Data;
using Schakel.Features.Sharing;
using Spectre.Console;

namespace Schakel.Features.Advisories;

/// <summary><c>schakel import csaf PATH… [--as ORGKEY] [--by EMAIL] [--tlp LABEL] [--publish-to AUDIENCE]…</c>.</summary>
public static class AdvisoryCommands
{
    public static Command Import()
    {
        var paths = new Argument<string[]>("PATH") { Description = "CSAF documents, or folders to search recursively for *.json.", Arity = ArgumentArity.OneOrMore };
        var asOrg = new Option<string>("--as") { Description = "Key of the publishing organisation.", DefaultValueFactory = _ => "ncsc" };
        var by = new Option<string?>("--by") { Description = "E-mail of the publishing person, an analyst of the --as organisation; required for TLP:RED." };
        var tlp = new Option<string?>("--tlp") { Description = "Label for documents without one, or a stricter one: CLEAR, GREEN, AMBER, AMBER+STRICT, RED." };
        var publishTo = new Option<string[]>("--publish-to") { Description = "Audience, repeatable: network, sector:KEY, org:KEY, constituency:KEY; for RED person:EMAIL. Without it: stored as draft.", AllowMultipleArgumentsPerToken = false };
        var csaf = new Command("csaf", "Import CSAF 2.0 advisories; publish them when an audience is given.") { paths, asOrg, by, tlp, publishTo };
        csaf.SetAction((parse, ct) => RunAsync(parse.GetValue(paths)!, parse.GetValue(asOrg)!, parse.GetValue(by), parse.GetValue(tlp), parse.GetValue(publishTo) ?? [], ct));
        return new Command("import", "Import documents.") { csaf };
    }

    /// <summary>
    /// Parses <c>--tlp</c> and <c>--publish-to</c>, shared by the verbs that import (<c>import csaf</c>, <c>csaf download</c>).
    /// </summary>
    /// <returns>Null when both are valid; otherwise the usage message to print.</returns>
    internal static string? ParsePublishOptions(string? tlpText, IEnumerable<string> audienceTexts, out Sharing.Tlp? tlp, out List<AudienceSpec> audience)
    {
        tlp = null;
        audience = [];
        if (tlpText is not null)
        {
            if (!TlpLabels.TryParse(tlpText, out var t)) return $"--tlp '{tlpText}': use CLEAR, GREEN, AMBER, AMBER+STRICT or RED.";
            tlp = t;
        }

        foreach (var a in audienceTexts)
        {
            if (!AudienceSpec.TryParse(a, out var spec, out var error)) return $"--publish-to: {error}";
            audience.Add(spec);
        }

        return null;
    }

    /// <summary>
    /// The publishing organisation (<c>--as</c>) and, with <c>--by</c>, the publishing person: an active analyst of that
    /// organisation. Problem is the message for a refusal (exit 1), null when both were found.
    /// </summary>
    internal static async Task<(int OrgId, string? PersonId, string? Problem)> ResolvePublisherAsync(IServiceProvider services, string orgKey, string? byEmail, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Key == orgKey.ToLowerInvariant(), ct);
        if (org is null) return (0, null, $"--as: no organisation with key '{orgKey}'.");
        if (byEmail is null) return (org.Id, null, null);
        var normalised = byEmail.Trim().ToUpperInvariant();
        var person = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalised && u.IsActive, ct);
        if (person is null || person.OrganisationId != org.Id) return (0, null, $"--by: no active person '{byEmail}' in organisation '{orgKey}'.");
        var analyst = await db.UserRoles.AnyAsync(ur => ur.UserId == person.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Accounts.Roles.Analyst), ct);
        return analyst ? (org.Id, person.Id, null) : (0, null, $"--by: '{byEmail}' is not an analyst; only analysts publish.");
    }

    private static async Task<int> RunAsync(string[] paths, string orgKey, string? byEmail, string? tlpText, string[] audienceTexts, CancellationToken ct)
    {
        if (ParsePublishOptions(tlpText, audienceTexts, out var requested, out var audience) is { } usage)
        {
            await Console.Error.WriteLineAsync(usage);
            return Cli.Usage;
        }

        // An unknown option ends up among the paths (PATH takes any token); it is a usage error, not a missing file.
        if (paths.FirstOrDefault(p => p.StartsWith("--", StringComparison.Ordinal)) is { } option)
        {
            await Console.Error.WriteLineAsync($"Unknown option '{option}'. Run 'schakel import csaf --help' for usage.");
            return Cli.Usage;
        }

        var files = new List<(string Path, bool Explicit)>();
        foreach (var p in paths)
        {
            if (File.Exists(p)) files.Add((p, true));
            else if (Directory.Exists(p)) files.AddRange(Directory.EnumerateFiles(p, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => (f, false)));
            else { await Console.Error.WriteLineAsync($"{p}: no such file or folder."); return Cli.Rejected; }
        }

        await using var services = await Cli.CreateServicesAsync(ct);
        var (orgId, personId, problem) = await ResolvePublisherAsync(services, orgKey, byEmail, ct);
        if (problem is not null) return Cli.Fail(problem);

        var request = new AdvisoryImportRequest(orgId, personId, requested, audience);
        var counts = new Dictionary<string, int>();
        var stopwatch = Stopwatch.StartNew();
        async Task ImportOne(string path, bool isExplicit)
        {
            var (kind, message) = await ImportFileAsync(services, path, isExplicit, request, ct);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            if (kind == "rejected") await Console.Error.WriteLineAsync(message);
            else if (message is not null && (Console.IsOutputRedirected || kind == "skipped")) Console.WriteLine(message);
        }

        if (!Console.IsOutputRedirected && files.Count > 1)
        {
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Importing CSAF", maxValue: files.Count);
                foreach (var (path, isExplicit) in files)
                {
                    await ImportOne(path, isExplicit);
                    task.Increment(1);
                }
            });
        }
        else
        {
            foreach (var (path, isExplicit) in files) await ImportOne(path, isExplicit);
        }

        Console.WriteLine($"Imported {counts.GetValueOrDefault("imported")}, updated {counts.GetValueOrDefault("updated")}, unchanged {counts.GetValueOrDefault("unchanged")}, " +
            $"rejected {counts.GetValueOrDefault("rejected")}, skipped {counts.GetValueOrDefault("skipped")} (not CSAF) in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
        return counts.GetValueOrDefault("rejected") > 0 ? Cli.Rejected : Cli.Ok;
    }

    /// <summary>Well-formed JSON that has none of CSAF's top-level members (<c>document</c>, <c>product_tree</c>, <c>vulnerabilities</c>).</summary>
    private static bool IsOtherJson(byte[] content)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(content);
            return json.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object
                || !(json.RootElement.TryGetProperty("document", out _) || json.RootElement.TryGetProperty("product_tree", out _)
                     || json.RootElement.TryGetProperty("vulnerabilities", out _));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Imports one file in its own scope. Returns the outcome kind and a line to show.</summary>
    private static async Task<(string Kind, string? Message)> ImportFileAsync(IServiceProvider services, string path, bool isExplicit, AdvisoryImportRequest request, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<AdvisoryImporter>();
        var max = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AdvisoryOptions>>().Value.MaxDocumentBytes;
        var length = new FileInfo(path).Length;
        if (length > max) return ("rejected", $"{path}: rejected: {length} bytes is over the limit of {max} bytes.");
        var content = await File.ReadAllBytesAsync(path, ct);
        // Only well-formed JSON that is not meant as CSAF (ROLIE feeds, provider metadata) is skipped; broken files, and
        // documents with CSAF's top-level members but without document.csaf_version, are rejected.
        if (!isExplicit && !CsafReader.LooksLikeCsaf(content) && IsOtherJson(content)) return ("skipped", $"{path}: skipped: not a CSAF document.");
        var result = await importer.ImportAsync(content, request, ct);
        var warnings = result.Warnings.Count > 0 ? " (" + string.Join(" ", result.Warnings) + ")" : "";
        return result.Outcome switch
        {
            ImportOutcome.Rejected => ("rejected", $"{path}: rejected: " + string.Join("; ", result.Errors.Select(e => e.ToString()))),
            var o => (o.ToString().ToLowerInvariant(), $"{path}: {o.ToString().ToLowerInvariant()} {result.TrackingId} {result.Version} item {result.ItemId}{warnings}"),
        };
    }
}
