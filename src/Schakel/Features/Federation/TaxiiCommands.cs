using System.CommandLine;
using System.Globalization;
using Schakel.Features.Sharing;
using Schakel.Stix.Taxii;

namespace Schakel.Features.Federation;

using Tlp = Schakel.Features.Sharing.Tlp;

/// <summary>
/// <c>schakel taxii pull|subscribe|list|run|reconcile|remove|push</c>: the TAXII 2.1 client side. Exit codes (DESIGN.md section 4):
/// 0 done, 1 something failed (a TAXII or network error, an import refused, objects not stored), 2 usage error. Items
/// refused by label (above <c>--max-tlp</c>, or RED) are reported on stderr and are not failures.
/// </summary>
public static class TaxiiCommands
{
    public static Command Group() => new("taxii", "TAXII 2.1 client: pull from and push to other nodes or TAXII servers; subscriptions.")
    {
        Pull(), Subscribe(), List(), Run(), Reconcile(), Remove(), Push(),
    };

    private sealed record SourceOptions(Argument<string> Url, Option<string> Collection, Option<string?> Token, Option<string?> User, Option<string> MaxTlp,
        Option<string?> AsOrg, Option<string[]> PublishTo);

    private static SourceOptions Source(Command command)
    {
        var o = new SourceOptions(
            new Argument<string>("URL") { Description = "The TAXII discovery URL (https://HOST/taxii2/) or an API root URL." },
            new Option<string>("--collection") { Description = "Collection id, alias or title (a Schakel node: e.g. inbox).", Required = true },
            new Option<string?>("--token") { Description = "API token: sent as a bearer token, or as the Basic password with --user." },
            new Option<string?>("--user") { Description = "User name for HTTP Basic (the token is the password)." },
            new Option<string>("--max-tlp") { Description = "Highest label accepted: CLEAR, GREEN (default), AMBER or AMBER+STRICT. RED is never pulled.", DefaultValueFactory = _ => "GREEN" },
            new Option<string?>("--as-org") { Description = "Key of the publishing organisation; default the node-local organisation node-HOST for the source node." },
            new Option<string[]>("--publish-to") { Description = "Audience, repeatable (network, sector:KEY, org:KEY, constituency:KEY). Without it: drafts." });
        command.Add(o.Url);
        command.Add(o.Collection);
        command.Add(o.Token);
        command.Add(o.User);
        command.Add(o.MaxTlp);
        command.Add(o.AsOrg);
        command.Add(o.PublishTo);
        return o;
    }

    private static TaxiiSourceInput? Input(ParseResult p, SourceOptions o, int interval, out string? usage)
    {
        usage = null;
        if (!TlpLabels.TryParse(p.GetValue(o.MaxTlp), out var max) || max == Tlp.Red)
        {
            usage = "--max-tlp: use CLEAR, GREEN, AMBER or AMBER+STRICT (RED never federates).";
            return null;
        }

        return new TaxiiSourceInput(p.GetValue(o.Url)!, p.GetValue(o.Collection)!, p.GetValue(o.Token), p.GetValue(o.User), max, p.GetValue(o.AsOrg),
            p.GetValue(o.PublishTo) ?? [], interval);
    }

    private static Command Pull()
    {
        var command = new Command("pull", "Pull a collection once (from --since, else from the start) and import what arrives.");
        var o = Source(command);
        var since = new Option<string?>("--since") { Description = "added_after: a cursor an earlier pull printed (kept exactly as the server sent it)." };
        command.Add(since);
        var reconcile = new Option<bool>("--reconcile") { Description = "After a good pull, remove what the source no longer offers (its manifest; see 'reconcile')." };
        command.Add(reconcile);
        command.SetAction(async (p, ct) =>
        {
            if (Input(p, o, 15, out var usage) is not { } input) return await UsageAsync(usage!);
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var (target, problems) = await scope.ServiceProvider.GetRequiredService<TaxiiSubscriptionService>().ResolveAsync(input, ct);
            if (target is null) return Cli.Fail(string.Join(Environment.NewLine, problems));
            if (target.Audience.Count == 0) await Console.Error.WriteLineAsync("warning: no --publish-to: pulled items stay drafts of the publishing organisation.");
            var report = await scope.ServiceProvider.GetRequiredService<TaxiiPuller>().PullAsync(target, p.GetValue(since), null, ct);
            if (p.GetValue(reconcile) && report.Error is null)
                report.Reconcile = await scope.ServiceProvider.GetRequiredService<TaxiiReconciler>().ReconcileAsync(target, ct);
            return await PrintAsync(report, reconcileDecides: true);
        });
        return command;
    }

    private static Command Subscribe()
    {
        var command = new Command("subscribe", "Store a subscription that the node pulls on its interval (the token is stored protected).");
        var o = Source(command);
        var interval = new Option<int>("--interval") { Description = "Minutes between pulls (default 15).", DefaultValueFactory = _ => 15 };
        command.Add(interval);
        command.SetAction(async (p, ct) =>
        {
            if (Input(p, o, p.GetValue(interval), out var usage) is not { } input) return await UsageAsync(usage!);
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var (id, problems) = await scope.ServiceProvider.GetRequiredService<TaxiiSubscriptionService>().AddAsync(input, ct);
            if (id is null) return Cli.Fail(string.Join(Environment.NewLine, problems));
            Console.WriteLine(id.Value.ToString(CultureInfo.InvariantCulture));
            return Cli.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the subscriptions with their cursor and last result.");
        command.SetAction(async (_, ct) =>
        {
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            foreach (var s in await scope.ServiceProvider.GetRequiredService<TaxiiSubscriptionService>().ListAsync(ct))
                Console.WriteLine($"{s.Id}\t{s.ApiRoot}collections/{s.CollectionId}/\tas {s.SourceOrganisation.Key} to '{s.Audience}'\tmax TLP:{s.MaxTlp.ToLabel()}\t" +
                    $"every {s.IntervalMinutes} min\t{(s.Enabled ? "enabled" : "disabled")}\tcursor {s.Cursor ?? "-"}\t" +
                    $"last reconcile {s.LastReconciledAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "never"}\t" +
                    $"last run {s.LastRunAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "never"}: {s.LastResult ?? "-"}");
            return Cli.Ok;
        });
        return command;
    }

    private static Command Run()
    {
        var id = new Argument<int>("ID") { Description = "The subscription id (see 'list')." };
        var command = new Command("run", "Run a subscription now, whatever its schedule.") { id };
        command.SetAction(async (p, ct) =>
        {
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<TaxiiSubscriptionRunner>().RunAsync(p.GetValue(id), ct);
            return report is null ? Cli.Fail($"No TAXII subscription {p.GetValue(id)}.") : await PrintAsync(report, reconcileDecides: false);
        });
        return command;
    }

    private static Command Reconcile()
    {
        var id = new Argument<int>("ID") { Description = "The subscription id (see 'list')." };
        var command = new Command("reconcile",
            "Remove what the source no longer offers: walk the manifests of this subscription and of the others for the same source " +
            "and organisation, check each missing object directly, then remove it (or retract an item that would lose everything).") { id };
        command.SetAction(async (p, ct) =>
        {
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<TaxiiReconciler>().ReconcileAsync(p.GetValue(id), ct);
            return report is null ? Cli.Fail($"No TAXII subscription {p.GetValue(id)}.") : await PrintAsync(report);
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<int>("ID") { Description = "The subscription id (see 'list')." };
        var command = new Command("remove", "Remove a subscription (pulled items stay).") { id };
        command.SetAction(async (p, ct) =>
        {
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TaxiiSubscriptionService>().RemoveAsync(p.GetValue(id), ct) ? Cli.Ok : Cli.Fail($"No TAXII subscription {p.GetValue(id)}.");
        });
        return command;
    }

    private static Command Push()
    {
        var url = new Argument<string>("URL") { Description = "The TAXII discovery URL or an API root URL." };
        var collection = new Option<string>("--collection") { Description = "Collection id, alias or title.", Required = true };
        var token = new Option<string?>("--token") { Description = "API token (bearer, or the Basic password with --user)." };
        var user = new Option<string?>("--user") { Description = "User name for HTTP Basic." };
        var wait = new Option<int>("--wait") { Description = "Seconds to follow the status resource (default 60).", DefaultValueFactory = _ => 60 };
        var item = new Argument<Guid>("ITEM-ID") { Description = "The threat-intelligence item to push." };
        var command = new Command("push", "POST an item's objects to a remote collection and follow the status.") { url, item, collection, token, user, wait };
        command.SetAction(async (p, ct) =>
        {
            if (!Uri.TryCreate(p.GetValue(url), UriKind.Absolute, out var uri)) return await UsageAsync("URL: give an absolute TAXII URL.");
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<TaxiiPush>().PushAsync(uri, p.GetValue(collection)!,
                TaxiiCredentials.From(p.GetValue(token), p.GetValue(user)), p.GetValue(item), TimeSpan.FromSeconds(p.GetValue(wait)), ct);
            if (result.Problem is not null) return Cli.Fail(result.Problem);
            var s = result.Status!;
            foreach (var d in s.Successes ?? []) Console.WriteLine($"success {d.Id} {d.Version}{(d.Message is null ? "" : ": " + d.Message)}");
            foreach (var d in s.Failures ?? []) await Console.Error.WriteLineAsync($"failure {d.Id} {d.Version}: {d.Message}");
            foreach (var d in s.Pendings ?? []) Console.WriteLine($"pending {d.Id} {d.Version}");
            Console.WriteLine($"Status {s.Id}: {s.Status}, total {s.TotalCount}, succeeded {s.SuccessCount}, failed {s.FailureCount}, pending {s.PendingCount}.");
            return result.Ok ? Cli.Ok : Cli.Rejected;
        });
        return command;
    }

    /// <summary>
    /// Prints a pull and the reconcile that followed it. With <paramref name="reconcileDecides"/> (asked for with <c>--reconcile</c>)
    /// a reconcile error makes the exit code 1; after <c>run</c>, as in the runner, only the pull decides.
    /// </summary>
    private static async Task<int> PrintAsync(PullReport report, bool reconcileDecides)
    {
        foreach (var m in report.Messages) await Console.Error.WriteLineAsync(m);
        if (report.Error is not null) await Console.Error.WriteLineAsync("error: " + report.Error);
        Console.WriteLine(report.Summary() + (report.Cursor is { } c ? $" Next run: --since {c}" : ""));
        var reconciled = report.Reconcile is not { } r || await PrintAsync(r) == Cli.Ok || !reconcileDecides;
        return report.Ok && reconciled ? Cli.Ok : Cli.Rejected;
    }

    /// <summary>Removals and retractions on stdout (what changed), the error on stderr, the summary on stdout; 1 on error.</summary>
    private static async Task<int> PrintAsync(ReconcileReport report)
    {
        foreach (var m in report.Messages) Console.WriteLine(m);
        if (report.Error is not null) await Console.Error.WriteLineAsync("error: reconcile: " + report.Error);
        Console.WriteLine(report.Summary());
        return report.Ok ? Cli.Ok : Cli.Rejected;
    }

    private static async Task<int> UsageAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return Cli.Usage;
    }
}
