using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;

namespace Schakel.Features.Audit;

/// <summary>
/// The single writer loop of one process: takes up to <see cref="MaxBatch"/> queued records and appends them in one
/// transaction. Appends are serialised across processes by the database:
/// <list type="bullet">
/// <item>PostgreSQL (several <c>schakel serve</c> processes may share it): the transaction first takes
/// <c>pg_advisory_xact_lock(AdvisoryLockKey)</c>, so only one process at a time reads the chain's head and appends after
/// it; the lock ends with the transaction.</item>
/// <item>SQLite: one writer loop per process, and Microsoft.Data.Sqlite begins transactions with <c>BEGIN IMMEDIATE</c>,
/// which takes the database's write lock before the head is read. A second process (a CLI verb beside <c>serve</c>)
/// waits for that lock, so it too sees the newest head. SQLite has no server to ask for an advisory lock, and needs none.</item>
/// </list>
/// The primary key on <see cref="AuditRecord.Sequence"/> is the last line of defence: a batch that would fork the chain
/// fails to insert and is retried on the new head.
/// </summary>
internal sealed class AuditWriter(IServiceScopeFactory scopes, ILogger log)
{
    /// <summary>Records appended per transaction at most.</summary>
    public const int MaxBatch = 500;

    /// <summary>Key of the PostgreSQL advisory lock that serialises appends (an arbitrary constant: "SCHAKEL" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x53_43_48_41_4B_45_4C;

    /// <summary>JSON options for <see cref="AuditRecord.Detail"/>: compact, camelCase.</summary>
    public static readonly JsonSerializerOptions DetailJson = new(JsonSerializerDefaults.Web);

    /// <summary>A queued record (null: a flush marker) and whom to tell when it is stored.</summary>
    public sealed record Pending(AuditRecord? Record, TaskCompletionSource? Done);

    public async Task RunAsync(ChannelReader<Pending> reader)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var p)) batch.Add(p);
            var records = batch.Where(p => p.Record is not null).Select(p => p.Record!).ToList();
            Exception? failure = null;
            if (records.Count > 0) failure = await AppendWithRetryAsync(records);
            foreach (var p in batch)
            {
                if (failure is null || p.Record is null) p.Done?.TrySetResult();
                else p.Done?.TrySetException(failure);
            }

            if (failure is not null && batch.Any(p => p.Record is not null && p.Done is null))
                log.LogError(failure, "{Count} audit record(s) of reads could not be stored.", batch.Count(p => p.Record is not null && p.Done is null));
        }
    }

    private async Task<Exception?> AppendWithRetryAsync(List<AuditRecord> records)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AppendAsync(records);
                return null;
            }
            catch (Exception e)
            {
                // Everything is caught: the loop must outlive a failed batch. Database errors are retried (a lost race
                // for the head, a busy SQLite file); a disposed service provider (the host has stopped) is not.
                if (attempt >= 5 || e is ObjectDisposedException or OperationCanceledException) return e;
                log.LogWarning(e, "Appending {Count} audit record(s) failed (attempt {Attempt}); retrying.", records.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
            }
        }
    }

    /// <summary>Appends the records after the current head, in one transaction; fills in the looked-up fields, sequence and hashes.</summary>
    private async Task AppendAsync(List<AuditRecord> records)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!db.Database.IsSqlite()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})");

        // Keys and e-mails are copied into the record so that it still says who it was after renames and deletions.
        var orgIds = records.Select(r => r.OrganisationId).OfType<int>().Distinct().ToList();
        var personIds = records.Select(r => r.PersonId).OfType<string>().Distinct().ToList();
        var itemIds = records.Select(r => r.ItemId).OfType<Guid>().Distinct().ToList();
        Dictionary<int, string> orgKeys = orgIds.Count == 0 ? [] : await db.Organisations.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Key);
        Dictionary<string, string?> emails = personIds.Count == 0 ? [] : await db.Users.Where(u => personIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email);
        Dictionary<Guid, int> itemOrgs = itemIds.Count == 0 ? [] : await db.Items.Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.PublisherOrganisationId);

        var head = await db.AuditRecords.OrderByDescending(r => r.Sequence).Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync();
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditHash.Genesis;
        var rows = new List<AuditRecord>(records.Count);
        foreach (var r in records)
        {
            // A fresh row per attempt: a failed attempt must not leave half-filled records behind.
            var row = new AuditRecord
            {
                Sequence = ++sequence, At = r.At, Action = r.Action, PersonId = r.PersonId,
                PersonEmail = r.PersonId is { } pid ? emails.GetValueOrDefault(pid) : null,
                OrganisationId = r.OrganisationId, OrganisationKey = r.OrganisationId is { } oid ? orgKeys.GetValueOrDefault(oid) : null,
                ItemId = r.ItemId, ItemOrganisationId = r.ItemId is { } iid && itemOrgs.TryGetValue(iid, out var io) ? io : null,
                Subject = r.Subject, Detail = r.Detail, Source = r.Source, PreviousHash = previous, Hash = "",
            };
            row.Hash = AuditHash.Compute(row);
            previous = row.Hash;
            rows.Add(row);
        }

        db.AuditRecords.AddRange(rows);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }
}
