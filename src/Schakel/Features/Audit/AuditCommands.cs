using System.CommandLine;

namespace Schakel.Features.Audit;

/// <summary><c>schakel audit verify</c>.</summary>
public static class AuditCommands
{
    /// <summary>
    /// <c>schakel audit verify</c>: walks the hash chain (<see cref="AuditVerifier"/>). Exit 0 and
    /// <c>chain holds (N records)</c> on stdout, or exit 1 and <c>chain broken at record S: REASON</c> on stderr.
    /// </summary>
    public static Command Create()
    {
        var verify = new Command("verify", "Check the audit log's hash chain: every record's hash and its link to the previous one, in order, without gaps.");
        verify.SetAction(async (_, ct) =>
        {
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
            if (!result.Holds)
            {
                return Cli.Fail($"chain broken at record {result.BrokenSequence}: {result.Reason} ({result.Count} records before it hold).");
            }

            Console.WriteLine(result.HeadHash is null ? "chain holds (0 records)" : $"chain holds ({result.Count} records); last hash {result.HeadHash}");
            return Cli.Ok;
        });
        return new Command("audit", "The audit log.") { verify };
    }
}
