using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Stix.Misp;

namespace Schakel.Features.ThreatIntel.Misp;

/// <summary>
/// <c>schakel import misp PATH… [--as ORGKEY] [--by EMAIL] [--tlp LABEL] [--publish-to AUDIENCE]… [--sharing-groups FILE]</c> and
/// <c>schakel export misp ITEM-ID [--as EMAIL]</c>. Exit codes as DESIGN.md section 4: 0 ok, 1 some input rejected (reasons on
/// stderr), 2 usage.
/// </summary>
public static class MispCommands
{
    /// <summary>The <c>misp</c> verb under <c>import</c>.</summary>
    public static Command Import()
    {
        var paths = new Argument<string[]>("PATH") { Description = "MISP event JSON files, or folders to search recursively for *.json.", Arity = ArgumentArity.OneOrMore };
        var asOrg = new Option<string>("--as") { Description = "Key of the importing (publishing) organisation.", DefaultValueFactory = _ => "ncsc" };
        var by = new Option<string?>("--by") { Description = "E-mail of the publishing person, an analyst of the --as organisation; required for TLP:RED." };
        var tlp = new Option<string?>("--tlp") { Description = "Label for events without a tlp: tag, or a stricter one: CLEAR, GREEN, AMBER, AMBER+STRICT, RED." };
        var publishTo = new Option<string[]>("--publish-to") { Description = "Audience, repeatable. Without it: the event's distribution when it maps exactly, else a draft." };
        var groups = new Option<string?>("--sharing-groups") { Description = "MISP sharing groups JSON (the /sharing_groups API answer), to map distribution 4." };
        var misp = new Command("misp", "Import MISP events as threat-intelligence items.") { paths, asOrg, by, tlp, publishTo, groups };
        misp.SetAction((parse, ct) => RunImportAsync(parse.GetValue(paths)!, parse.GetValue(asOrg)!, parse.GetValue(by), parse.GetValue(tlp),
            parse.GetValue(publishTo) ?? [], parse.GetValue(groups), ct));
        return misp;
    }

    /// <summary>The <c>export</c> verb with <c>misp</c>.</summary>
    public static Command Export()
    {
        var id = new Argument<string>("ITEM-ID") { Description = "Id of a threat-intelligence item." };
        var asPerson = new Option<string?>("--as") { Description = "E-mail of the person whose view is exported; without it only published CLEAR items." };
        var misp = new Command("misp", "Print a threat-intelligence item as a MISP event.") { id, asPerson };
        misp.SetAction((parse, ct) => RunExportAsync(parse.GetValue(id)!, parse.GetValue(asPerson), ct));
        return new Command("export", "Export items.") { misp };
    }

    private static async Task<int> RunImportAsync(string[] paths, string orgKey, string? byEmail, string? tlpText, string[] audienceTexts, string? groupsPath, CancellationToken ct)
    {
        if (AdvisoryCommands.ParsePublishOptions(tlpText, audienceTexts, out var requested, out var audience) is { } usage)
            return Usage(usage);
        if (paths.FirstOrDefault(p => p.StartsWith("--", StringComparison.Ordinal)) is { } option)
            return Usage($"Unknown option '{option}'. Run 'schakel import misp --help' for usage.");

        IReadOnlyList<MispSharingGroup> sharingGroups = [];
        if (groupsPath is not null)
        {
            try { sharingGroups = MispEventReader.ReadSharingGroups(await File.ReadAllBytesAsync(groupsPath, ct)); }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException) { return Usage($"--sharing-groups: {e.Message}"); }
        }

        var files = new List<string>();
        foreach (var p in paths)
        {
            if (File.Exists(p)) files.Add(p);
            else if (Directory.Exists(p)) files.AddRange(Directory.EnumerateFiles(p, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            else return Cli.Fail($"{p}: no such file or folder.");
        }

        await using var services = await Cli.CreateServicesAsync(ct);
        var (orgId, personId, problem) = await AdvisoryCommands.ResolvePublisherAsync(services, orgKey, byEmail, ct);
        if (problem is not null) return Cli.Fail(problem);

        var rejected = 0;
        foreach (var path in files)
        {
            await using var scope = services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<MispImportService>();
            var result = await service.ImportAsync(await File.ReadAllBytesAsync(path, ct), new ThreatIntelImportRequest(orgId, personId, requested, audience), sharingGroups, ct);
            var import = result.Import;
            foreach (var u in result.Unmapped) await Console.Error.WriteLineAsync($"{path}: warning: not mapped: {u}");
            if (import.Outcome == Advisories.ImportOutcome.Rejected)
            {
                rejected++;
                var reasons = import.Errors.Select(e => e.Message).Concat(import.RuleProblems.Select(p => p.Message));
                await Console.Error.WriteLineAsync($"{path}: rejected: {string.Join("; ", reasons)}");
                continue;
            }

            var failed = import.Objects.Where(o => o.Outcome is StixObjectOutcome.Conflict or StixObjectOutcome.Invalid).ToList();
            foreach (var f in failed) await Console.Error.WriteLineAsync($"{path}: {f.Outcome.ToString().ToLowerInvariant()} {f.Id}: {f.Message}");
            if (failed.Count > 0) rejected++;
            var to = result.Status switch
            {
                ItemStatus.Draft => "draft",
                ItemStatus.Retracted => "retracted",
                _ => result.Audience.Count > 0 ? "published to " + string.Join(" ", result.Audience) : "published, audience unchanged",
            };
            Console.WriteLine($"{path}: {import.Outcome.ToString().ToLowerInvariant()} item {import.ItemId} TLP:{import.Label?.ToLabel()} {import.Objects.Count} objects, {to}"
                + (result.AudienceNote.Length > 0 ? $" ({result.AudienceNote})" : ""));
        }

        return rejected > 0 ? Cli.Rejected : Cli.Ok;
    }

    private static async Task<int> RunExportAsync(string idText, string? email, CancellationToken ct)
    {
        if (!Guid.TryParse(idText, out var id)) return Usage($"'{idText}' is not an item id.");
        await using var services = await Cli.CreateServicesAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var viewer = Viewer.Anonymous;
        if (email is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            var person = await db.Users.Include(u => u.Organisation).FirstOrDefaultAsync(u => u.NormalizedEmail == email.Trim().ToUpperInvariant() && u.IsActive, ct);
            if (person is null) return Cli.Fail($"--as: no active person '{email}'.");
            var roles = await db.UserRoles.Where(ur => ur.UserId == person.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
            viewer = Viewer.For(person, person.Organisation.Type, roles);
        }

        var result = await scope.ServiceProvider.GetRequiredService<MispExportService>().ExportAsync(viewer, id, ct);
        switch (result.Status)
        {
            case MispExportStatus.NotFound: return Cli.Fail($"No item {id}, or {(email ?? "an anonymous reader")} may not see it.");
            case MispExportStatus.NotThreatIntel: return Cli.Fail($"Item {id} is not threat intelligence.");
        }

        Console.WriteLine(result.Export!.Json);
        foreach (var u in result.Export.Unmapped) await Console.Error.WriteLineAsync($"warning: not mapped: {u}");
        return Cli.Ok;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return Cli.Usage;
    }
}
