using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Schakel.Features.Audit;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Audit;

/// <summary>The hash chain: canonical form, appends in batches, concurrency (one process and several), and verification.</summary>
public sealed class AuditChainTests
{
    [Fact]
    public void Compute_DocumentedCanonicalForm_SameHash()
    {
        var record = new AuditRecord
        {
            Sequence = 7, At = new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero).AddTicks(12_345_670), Action = "item.read",
            PersonId = "p1", PersonEmail = "ana@zorg.example.nl", OrganisationId = 12, OrganisationKey = "z-cert",
            ItemId = Guid.Parse("0190c9a4-1b2c-7d3e-8f40-123456789abc"), ItemOrganisationId = 1, Subject = null, Detail = "{\"n\":1}",
            Source = "10.0.0.1", PreviousHash = new string('a', 64), Hash = "",
        };
        // Written out by hand from the format in AuditHash's documentation (and docs/architecture.md).
        var expected = "schakel-audit-v1;1:7;24:2025-03-01T12:30:01.234Z;9:item.read;2:p1;19:ana@zorg.example.nl;2:12;6:z-cert;"
            + "36:0190c9a4-1b2c-7d3e-8f40-123456789abc;1:1;-;7:{\"n\":1};8:10.0.0.1;64:" + new string('a', 64) + ";";
        Assert.Equal(expected, AuditHash.Canonical(record));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected))), AuditHash.Compute(record));

        // Every field is covered: changing any one changes the hash.
        var original = AuditHash.Compute(record);
        record.Subject = "x";
        Assert.NotEqual(original, AuditHash.Compute(record));
    }

    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task RecordAsync_ManyParallelCallsFromTwoWriters_GaplessValidChain(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var log = factory.Services.GetRequiredService<AuditLog>();
        // A second appender on the same database stands in for a second `schakel serve` process: its own queue and writer loop.
        using var other = new AuditLog(factory.Services.GetRequiredService<IServiceScopeFactory>(), new HttpContextAccessor(), TimeProvider.System,
            NullLogger<AuditLog>.Instance);
        var before = (await AuditTestData.RecordsAsync(factory)).Count;

        var calls = Enumerable.Range(0, 300).Select(i => Task.Run(() =>
            (i % 2 == 0 ? log : other).RecordAsync(AuditActor.Node, new AuditEvent("test.parallel", Subject: $"n{i}", Detail: new { i }))));
        await Task.WhenAll(calls);
        for (var i = 0; i < 50; i++) log.Record(AuditActor.Node, new AuditEvent("test.fire-and-forget", Subject: $"f{i}"));
        await log.FlushAsync();

        var records = await AuditTestData.RecordsAsync(factory);
        Assert.Equal(before + 350, records.Count);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(300, records.Count(r => r.Action == "test.parallel"));
        Assert.Equal(300, records.Where(r => r.Action == "test.parallel").Select(r => r.Subject).Distinct().Count());
        var verdict = await factory.WithDbAsync((_, sp) => sp.GetRequiredService<AuditVerifier>().VerifyAsync());
        Assert.True(verdict.Holds, verdict.Reason);
        Assert.Equal(records.Count, verdict.Count);
        Assert.Equal(records[^1].Hash, verdict.HeadHash);
    }

    [Fact]
    public async Task Verify_ChangedOrRemovedRecord_NamesFirstBrokenRecord()
    {
        using var factory = new SchakelFactory();
        var log = factory.Services.GetRequiredService<AuditLog>();
        for (var i = 0; i < 5; i++) await log.RecordAsync(AuditActor.Node, new AuditEvent("test.verify", Subject: $"n{i}"));
        var verifier = () => factory.WithDbAsync((_, sp) => sp.GetRequiredService<AuditVerifier>().VerifyAsync());
        Assert.True((await verifier()).Holds);

        await factory.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditRecords\" SET \"Detail\" = {0} WHERE \"Sequence\" = 3", "{\"i\":99}"));
        var changed = await verifier();
        Assert.Equal(3, changed.BrokenSequence);
        Assert.StartsWith("hash mismatch", changed.Reason);

        // Rewriting the hash as well moves the break to the next record's link.
        var fixedHash = await factory.WithDbAsync(async (db, _) => AuditHash.Compute(await db.AuditRecords.FindAsync(3L) ?? throw new InvalidOperationException()));
        await factory.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditRecords\" SET \"Hash\" = {0} WHERE \"Sequence\" = 3", fixedHash));
        var relinked = await verifier();
        Assert.Equal(4, relinked.BrokenSequence);
        Assert.StartsWith("previous hash mismatch", relinked.Reason);

        await factory.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditRecords\" WHERE \"Sequence\" = 2"));
        var gap = await verifier();
        Assert.Equal(3, gap.BrokenSequence);
        Assert.Equal("gap in sequence: record 2 is missing", gap.Reason);
    }
}
