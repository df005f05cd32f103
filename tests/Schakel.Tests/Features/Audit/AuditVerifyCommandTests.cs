using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Audit;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Audit;

/// <summary><c>schakel audit verify</c> through the real executable, on an intact and on tampered databases.</summary>
public sealed class AuditVerifyCommandTests
{
    private static async Task<SchakelFactory> ChainOfAsync(int count)
    {
        var factory = new SchakelFactory();
        var log = factory.Services.GetRequiredService<AuditLog>();
        for (var i = 0; i < count; i++) await log.RecordAsync(AuditActor.Node, new AuditEvent("test.cli", Subject: $"n{i}", Detail: new { i }));
        return factory;
    }

    [Fact]
    public async Task AuditVerify_IntactChain_Exit0AndCount()
    {
        using var factory = await ChainOfAsync(4);
        var total = await factory.WithDbAsync((db, _) => db.AuditRecords.CountAsync());
        var run = await CliRunner.RunAsync(factory.ConnectionString, null, "audit", "verify");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith($"chain holds ({total} records)", run.Stdout);
    }

    [Fact]
    public async Task AuditVerify_DetailChangedBySql_Exit1NamingThatRecord()
    {
        using var factory = await ChainOfAsync(4);
        var target = await factory.WithDbAsync((db, _) => db.AuditRecords.Where(r => r.Action == "test.cli" && r.Subject == "n2").Select(r => r.Sequence).SingleAsync());
        await factory.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditRecords\" SET \"Detail\" = {0} WHERE \"Sequence\" = {1}", "{\"i\":7}", target));
        var run = await CliRunner.RunAsync(factory.ConnectionString, null, "audit", "verify");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"chain broken at record {target}: hash mismatch", run.Stderr);
    }

    [Fact]
    public async Task AuditVerify_MiddleRecordDeleted_Exit1NamingTheGap()
    {
        using var factory = await ChainOfAsync(4);
        var target = await factory.WithDbAsync((db, _) => db.AuditRecords.Where(r => r.Action == "test.cli" && r.Subject == "n1").Select(r => r.Sequence).SingleAsync());
        await factory.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = {0}", target));
        var run = await CliRunner.RunAsync(factory.ConnectionString, null, "audit", "verify");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"chain broken at record {target + 1}: gap in sequence: record {target} is missing", run.Stderr);
    }

    [Fact]
    public async Task TokenCreate_ForAPerson_WritesCredentialRecordNamingThem()
    {
        using var factory = new SchakelFactory();
        var run = await CliRunner.RunAsync(factory.ConnectionString, null, "token", "create", "--user", "analist@z-cert.example.nl", "--name", "siem");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var record = await factory.WithDbAsync((db, _) => db.AuditRecords.SingleAsync(r => r.Action == "credential.token-create"));
        Assert.Equal("analist@z-cert.example.nl", record.Subject);
        Assert.Equal("cli", record.Source);
        Assert.Contains("\"name\":\"siem\"", record.Detail);
        Assert.DoesNotContain(run.Stdout.Trim(), record.Detail!); // never the token itself
        Assert.True((await CliRunner.RunAsync(factory.ConnectionString, null, "audit", "verify")).ExitCode == 0);
    }
}
