using System.CommandLine;
using System.Text.Json;
using Schakel.Features.Audit;

namespace Schakel.Features.Network;

/// <summary><c>schakel network import FILE</c> and <c>schakel network export [FILE]</c>.</summary>
public static class NetworkCommands
{
    /// <summary>Largest network document accepted, in bytes.</summary>
    public const long MaxDocumentBytes = 64 * 1024 * 1024;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A network JSON document (see docs/network-format.md)." };
        var import = new Command("import", "Create or update organisations, constituency links and people from JSON. All or nothing.") { file };
        import.SetAction(async (parse, ct) =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists) return Cli.Fail($"{f.FullName}: no such file.");
            if (f.Length > MaxDocumentBytes) return Cli.Fail($"{f.Name}: {f.Length} bytes is over the limit of {MaxDocumentBytes} bytes.");
            NetworkDocument? doc;
            try
            {
                await using var stream = f.OpenRead();
                doc = await JsonSerializer.DeserializeAsync<NetworkDocument>(stream, NetworkDocument.JsonOptions, ct);
            }
            catch (JsonException e)
            {
                return Cli.Fail($"{f.Name}: not a network document: {e.Message}");
            }

            if (doc is null) return Cli.Fail($"{f.Name}: empty document.");
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<NetworkService>().ImportAsync(doc, ct);
            if (result.Errors.Count > 0)
            {
                foreach (var e in result.Errors) await Console.Error.WriteLineAsync(e);
                await Console.Error.WriteLineAsync($"Rejected: {result.Errors.Count} problem(s); nothing was stored.");
                return Cli.Rejected;
            }

            await services.GetRequiredService<AuditLog>().RecordAsync(AuditActor.Node, new AuditEvent("network.import", Subject: f.Name, Detail: result with { Errors = [] }), ct);
            Console.WriteLine($"Organisations: {result.OrganisationsCreated} created, {result.OrganisationsUpdated} updated. People: {result.PeopleCreated} created, {result.PeopleUpdated} updated.");
            return Cli.Ok;
        });

        var output = new Argument<FileInfo?>("FILE") { Description = "Where to write; stdout when left out.", Arity = ArgumentArity.ZeroOrOne };
        var export = new Command("export", "Write the whole network (organisations, links, people and roles; no secrets) as JSON.") { output };
        export.SetAction(async (parse, ct) =>
        {
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var doc = await scope.ServiceProvider.GetRequiredService<NetworkService>().ExportAsync(ct);
            var target = parse.GetValue(output);
            Stream stream;
            try
            {
                stream = target is null ? Console.OpenStandardOutput() : target.Create();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Cli.Fail($"{target!.FullName}: cannot write: {e.Message}");
            }

            await using (stream) await JsonSerializer.SerializeAsync(stream, doc, NetworkDocument.JsonOptions, ct);
            await services.GetRequiredService<AuditLog>().RecordAsync(AuditActor.Node, new AuditEvent("network.export", Subject: target?.Name ?? "stdout",
                Detail: new { organisations = doc.Organisations.Count, people = doc.People.Count }), ct);
            if (target is not null) Console.Error.WriteLine($"Wrote {doc.Organisations.Count} organisations and {doc.People.Count} people to {target.Name}.");
            return Cli.Ok;
        });
        return new Command("network", "Import or export the network registry.") { import, export };
    }
}
