using Microsoft.EntityFrameworkCore;
using Schakel.Data;

namespace Schakel.Features.Audit;

/// <summary>
/// Outcome of <see cref="AuditVerifier.VerifyAsync"/>: <see cref="Count"/> records checked; when the chain is broken,
/// <see cref="BrokenSequence"/> names the first broken record and <see cref="Reason"/> says why. <see cref="HeadHash"/>
/// is the last record's hash: note it somewhere else to detect later removal of records from the end.
/// </summary>
public sealed record AuditVerification(long Count, long? BrokenSequence, string? Reason, string? HeadHash)
{
    public bool Holds => BrokenSequence is null;
}

/// <summary>Walks the audit chain in order and recomputes every hash and link (<see cref="AuditHash"/>).</summary>
public sealed class AuditVerifier(SchakelDbContext db)
{
    /// <summary>Records read per query (keyset paging, so memory stays flat on a long chain).</summary>
    public const int ChunkSize = 2000;

    /// <summary>
    /// Checks, for each record in sequence order: the sequence follows the previous one without a gap (the first is 1);
    /// its previous hash equals the previous record's hash (64 zeros for the first); its hash equals the recomputed hash.
    /// Stops at the first broken record.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        long expected = 1, count = 0;
        var previous = AuditHash.Genesis;
        while (true)
        {
            var from = expected - 1;
            var chunk = await db.AuditRecords.AsNoTracking().Where(r => r.Sequence > from).OrderBy(r => r.Sequence).Take(ChunkSize).ToListAsync(ct);
            if (chunk.Count == 0) return new AuditVerification(count, null, null, count == 0 ? null : previous);
            foreach (var r in chunk)
            {
                if (r.Sequence != expected)
                {
                    var missing = r.Sequence - 1 == expected ? $"record {expected} is missing" : $"records {expected} to {r.Sequence - 1} are missing";
                    return new AuditVerification(count, r.Sequence, $"gap in sequence: {missing}", null);
                }

                if (!string.Equals(r.PreviousHash, previous, StringComparison.Ordinal))
                    return new AuditVerification(count, r.Sequence, $"previous hash mismatch: it holds {r.PreviousHash}, record {r.Sequence - 1} has {previous}", null);
                var hash = AuditHash.Compute(r);
                if (!string.Equals(r.Hash, hash, StringComparison.Ordinal))
                    return new AuditVerification(count, r.Sequence, $"hash mismatch: stored {r.Hash}, recomputed {hash} (the record was changed)", null);
                previous = r.Hash;
                expected++;
                count++;
            }
        }
    }
}
