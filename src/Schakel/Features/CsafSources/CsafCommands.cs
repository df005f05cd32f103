using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Schakel.Csaf.Distribution;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;

namespace Schakel.Features.CsafSources;

/// <summary>
/// <c>schakel csaf download URL [--since TIME] --as ORG [--by EMAIL] [--tlp LABEL] [--publish-to AUDIENCE]… [--token TOKEN]</c> and
/// <c>schakel csaf source add|list|remove|run</c>. Exit codes as <c>schakel import csaf</c>: 0 all imported, 1 any document or
/// the provider failed, 2 usage error.
/// </summary>
public static class CsafCommands
{
    /// <summary>The <c>validate</c>, <c>download</c> and <c>source</c> verbs, to add under <c>schakel csaf</c>.</summary>
    public static IEnumerable<Command> Verbs() => [Advisories.CsafValidateCommand.Create(), Download(), Source()];

    /// <summary><c>schakel csaf</c> with <see cref="Verbs"/>.</summary>
    public static Command Group()
    {
        var csaf = new Command("csaf", "CSAF 2.0: validate documents, download from providers, scheduled sources.");
        foreach (var verb in Verbs()) csaf.Subcommands.Add(verb);
        return csaf;
    }

    private static Command Download()
    {
        var url = new Argument<string>("URL") { Description = "A provider-metadata.json URL, or a domain (tries /.well-known/csaf/, security.txt, csaf.data.security.DOMAIN)." };
        var since = new Option<string?>("--since") { Description = "Only documents changed after this time (ISO 8601, UTC when no offset)." };
        var asOrg = new Option<string>("--as") { Description = "Key of the importing organisation.", Required = true };
        var by = new Option<string?>("--by") { Description = "E-mail of the publishing person, an analyst of the --as organisation." };
        var tlp = new Option<string?>("--tlp") { Description = "Label for documents without one, or a stricter one." };
        var publishTo = new Option<string[]>("--publish-to") { Description = "Audience, repeatable (network, sector:KEY, org:KEY, constituency:KEY). Without it: drafts." };
        var token = new Option<string?>("--token") { Description = "Bearer token for the provider (GREEN/AMBER directories)." };
        var command = new Command("download", "Download a CSAF provider's advisories (checked hashes and signatures) and import them.") { url, since, asOrg, by, tlp, publishTo, token };
        command.SetAction((p, ct) => DownloadAsync(p.GetValue(url)!, p.GetValue(since), p.GetValue(asOrg)!, p.GetValue(by), p.GetValue(tlp), p.GetValue(publishTo) ?? [], p.GetValue(token), ct));
        return command;
    }

    private static async Task<int> DownloadAsync(string url, string? sinceText, string orgKey, string? byEmail, string? tlpText, string[] audienceTexts, string? token, CancellationToken ct)
    {
        DateTimeOffset? since = null;
        if (sinceText is not null)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s)) { await Console.Error.WriteLineAsync($"--since '{sinceText}': use ISO 8601, e.g. 2024-09-01T00:00:00Z."); return Cli.Usage; }
            since = s.ToUniversalTime();
        }

        if (AdvisoryCommands.ParsePublishOptions(tlpText, audienceTexts, out var requested, out var audience) is { } usage)
        {
            await Console.Error.WriteLineAsync(usage);
            return Cli.Usage;
        }

        await using var services = await Cli.CreateServicesAsync(ct);
        var (orgId, personId, problem) = await AdvisoryCommands.ResolvePublisherAsync(services, orgKey, byEmail, ct);
        if (problem is not null) return Cli.Fail(problem);

        var counts = new CsafDownloadImport.Counts();
        var request = new AdvisoryImportRequest(orgId, personId, requested, audience);
        var report = await CsafDownloadImport.Downloader(services).DownloadAsync(new CsafDownloadRequest(url)
        {
            Since = since,
            BearerToken = token,
            OnDocument = d =>
            {
                var warnings = d.Warnings.Count > 0 ? " [warning: " + string.Join(" ", d.Warnings) + "]" : "";
                if (d.Succeeded) Console.WriteLine($"{d.Url}: {d.Message}{warnings}");
                else Console.Error.WriteLine($"{d.Url}: failed ({d.Failure}): {d.Message}{warnings}");
            },
        }, CsafDownloadImport.Handler(services, request, null, counts), ct);

        foreach (var w in report.Warnings) await Console.Error.WriteLineAsync("warning: " + w);
        foreach (var e in report.Errors) await Console.Error.WriteLineAsync("error: " + e);
        Console.WriteLine($"Imported {counts.GetValueOrDefault("imported")}, updated {counts.GetValueOrDefault("updated")}, unchanged {counts.GetValueOrDefault("unchanged")}, " +
            $"failed {report.Failed} from {report.MetadataUrl?.ToString() ?? url}." +
            (report.Cursor is { } c ? $" Next run: --since {c.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}" : ""));
        return report.Failed > 0 || report.Errors.Count > 0 || !report.Completed ? Cli.Rejected : Cli.Ok;
    }

    private static Command Source()
    {
        var url = new Argument<string>("URL") { Description = "A provider-metadata.json URL or a domain." };
        var asOrg = new Option<string>("--as") { Description = "Key of the importing organisation.", Required = true };
        var publishTo = new Option<string[]>("--publish-to") { Description = "Audience, repeatable. Without it: drafts." };
        var maxTlp = new Option<string>("--max-tlp") { Description = "Highest label accepted: CLEAR (default), GREEN or AMBER.", DefaultValueFactory = _ => "CLEAR" };
        var interval = new Option<int>("--interval") { Description = "Minutes between runs (default 60).", DefaultValueFactory = _ => 60 };
        var token = new Option<string?>("--token") { Description = "Bearer token for the provider, stored protected." };
        var add = new Command("add", "Subscribe to a CSAF provider.") { url, asOrg, publishTo, maxTlp, interval, token };
        add.SetAction(async (p, ct) =>
        {
            if (!TlpLabels.TryParse(p.GetValue(maxTlp), out var max)) { await Console.Error.WriteLineAsync("--max-tlp: use CLEAR, GREEN or AMBER."); return Cli.Usage; }
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var (id, problems) = await scope.ServiceProvider.GetRequiredService<CsafSourceService>()
                .AddAsync(new CsafSourceInput(p.GetValue(url)!, p.GetValue(asOrg)!, p.GetValue(publishTo) ?? [], max, p.GetValue(interval), p.GetValue(token)), ct);
            if (id is null) return Cli.Fail(string.Join(Environment.NewLine, problems));
            Console.WriteLine(id.Value.ToString(CultureInfo.InvariantCulture));
            return Cli.Ok;
        });

        var list = new Command("list", "List the CSAF sources with their last result and failures.");
        list.SetAction(async (_, ct) =>
        {
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            foreach (var s in await scope.ServiceProvider.GetRequiredService<CsafSourceService>().ListAsync(ct))
            {
                Console.WriteLine($"{s.Id}\t{s.Url}\t{s.Organisation.Key}\tmax TLP:{s.MaxTlp.ToLabel()}\tevery {s.IntervalMinutes} min\t{(s.Enabled ? "enabled" : "disabled")}\t" +
                    $"cursor {s.Cursor?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-"}\tlast run {s.LastRunAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "never"}: {s.LastResult ?? "-"}");
                foreach (var f in s.Failures) Console.WriteLine($"\tfailed {f.Attempts}x {f.Kind}: {f.DocumentUrl}: {f.Message}");
            }

            return Cli.Ok;
        });

        var idArg = new Argument<int>("ID") { Description = "The source id (see 'list')." };
        var remove = new Command("remove", "Remove a CSAF source (imported advisories stay).") { idArg };
        remove.SetAction(async (p, ct) =>
        {
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CsafSourceService>().RemoveAsync(p.GetValue(idArg), ct) ? Cli.Ok : Cli.Fail($"No CSAF source {p.GetValue(idArg)}.");
        });

        var runId = new Argument<int>("ID") { Description = "The source id (see 'list')." };
        var run = new Command("run", "Run a CSAF source now, whatever its schedule.") { runId };
        run.SetAction(async (p, ct) =>
        {
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<CsafSourceRunner>().RunAsync(p.GetValue(runId), ct);
            if (report is null) return Cli.Fail($"No CSAF source {p.GetValue(runId)}.");
            foreach (var d in report.Documents) Console.WriteLine($"{d.Url}: {(d.Succeeded ? d.Message : $"failed ({d.Failure}): {d.Message}")}");
            foreach (var e in report.Errors) await Console.Error.WriteLineAsync("error: " + e);
            Console.WriteLine($"Succeeded {report.Succeeded}, failed {report.Failed}.");
            return report.Failed > 0 || report.Errors.Count > 0 ? Cli.Rejected : Cli.Ok;
        });

        return new Command("source", "Scheduled CSAF sources of this node.") { add, list, remove, run };
    }
}
