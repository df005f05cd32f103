using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Stix;
using Schakel.Stix.Markings;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// Stores object versions and links them to items (DESIGN.md section 3a). A version is identified node-wide by the STIX
/// <c>id</c> and its version (<c>modified</c>, else <c>created</c>); the same version with the same content is stored once,
/// with different content it is a conflict. Links get the TAXII collection order (<see cref="ItemStixObject.Sequence"/>)
/// and <c>date_added</c> in commit order: <see cref="LinkAsync"/> takes a lock that is held until the transaction commits.
/// </summary>
public sealed class StixVersionStore(SchakelDbContext db)
{
    /// <summary>Ids per lookup query, sent as one JSON or array parameter (<c>EF.Parameter</c>).</summary>
    private const int LookupChunk = 5000;

    // Any constant works: it only has to be the same for every process sharing one PostgreSQL.
    private const long SequenceLockKey = 0x5C4A_4B31_5354_4958;

    /// <summary>The version key stored for an object: the sort key of its version, "" for an unversioned object.</summary>
    public static string VersionKeyOf(StixObject o) => o.Version?.SortKey ?? "";

    /// <summary>SHA-256 (lower-case hex) of the object's compact JSON as UTF-8.</summary>
    public static string HashOf(StixObject o) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(o.Json)));

    /// <summary>
    /// Decides each object's outcome against what the node holds (a version STIX does not allow next to the held ones is a
    /// conflict: <see cref="StixVersionRules"/>) and inserts the new versions (<see cref="StixBulkWriter"/>,
    /// in the caller's transaction; a concurrent import of the same version fails the unique index with a
    /// <see cref="System.Data.Common.DbException"/>).
    /// Returns the outcome per object (in input order) and the ids of the version rows the item must hold (new and
    /// unchanged ones, in input order, possibly repeated). With <paramref name="organisationId"/> (the importing
    /// organisation), a revoked version of an object that other organisations' live items hold is a conflict too: a
    /// revocation is permanent for every holder, so one organisation may not bring it for the others.
    /// </summary>
    public async Task<(List<StixObjectResult> Results, List<long> Held)> StoreAsync(IReadOnlyList<StixObject> objects, DateTimeOffset now, CancellationToken ct,
        int? organisationId = null)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Storing object versions needs a transaction.");
        // Only what the decision needs is read: the held content can be large and is compared by its hash.
        var existing = new Dictionary<(string, string), HeldVersion>();
        var newestKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var rules = new StixVersionRules();
        foreach (var ids in objects.Select(o => o.Id).Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
        {
            var rows = await db.StixObjectVersions.Where(v => EF.Parameter(ids).Contains(v.StixId))
                .Select(v => new { Held = new HeldVersion(v.StixId, v.VersionKey, v.ContentHash) { Id = v.Id }, v.Revoked, v.Created }).ToListAsync(ct);
            foreach (var (v, revoked, created) in rows.Select(r => (r.Held, r.Revoked, r.Created)))
            {
                rules.AddHeld(v.StixId, v.VersionKey, revoked, created);
                existing[(v.StixId, v.VersionKey)] = v;
                if (!newestKey.TryGetValue(v.StixId, out var k) || string.CompareOrdinal(v.VersionKey, k) > 0) newestKey[v.StixId] = v.VersionKey;
            }
        }

        // The creator of a held object is read (from one stored version) only for objects that get a further version here.
        var versioned = objects.Where(o => newestKey.ContainsKey(o.Id) && !existing.ContainsKey((o.Id, VersionKeyOf(o)))).Select(o => o.Id).Distinct(StringComparer.Ordinal);
        foreach (var ids in versioned.Chunk(LookupChunk))
        {
            var one = db.StixObjectVersions.Where(v => EF.Parameter(ids).Contains(v.StixId)).GroupBy(v => v.StixId).Select(g => g.Max(v => v.Id));
            foreach (var v in await db.StixObjectVersions.Where(v => one.Contains(v.Id)).Select(v => new { v.StixId, v.Content }).ToListAsync(ct))
                rules.AddHeldCreator(v.StixId, v.Content);
        }

        // Who holds the objects a new revoked version would revoke (rare: read only for those).
        var revoking = objects.Where(o => o.Revoked && newestKey.ContainsKey(o.Id) && !existing.ContainsKey((o.Id, VersionKeyOf(o)))).Select(o => o.Id).Distinct(StringComparer.Ordinal).ToList();
        var holders = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        if (organisationId is not null)
            foreach (var ids in revoking.Chunk(LookupChunk))
                foreach (var h in await db.ItemStixObjects.Where(l => EF.Parameter(ids).Contains(l.Version.StixId) && l.Item.Status != Sharing.ItemStatus.Retracted)
                             .Select(l => new { l.Version.StixId, l.Item.PublisherOrganisationId }).Distinct().ToListAsync(ct))
                    (holders.TryGetValue(h.StixId, out var set) ? set : holders[h.StixId] = []).Add(h.PublisherOrganisationId);

        var results = new List<StixObjectResult>(objects.Count);
        var held = new List<HeldVersion>(objects.Count);
        var added = new List<(StixObject Object, HeldVersion Row)>();
        foreach (var o in objects)
        {
            var key = VersionKeyOf(o);
            var hash = HashOf(o);
            var version = o.Version?.Text;
            if (existing.TryGetValue((o.Id, key), out var row))
            {
                if (row.ContentHash == hash)
                {
                    results.Add(new StixObjectResult(o.Id, version, StixObjectOutcome.Unchanged));
                    held.Add(row);
                }
                else
                {
                    results.Add(new StixObjectResult(o.Id, version, StixObjectOutcome.Conflict,
                        $"{o.Id} version {version ?? "(unversioned)"} is already held with different content; the held version is kept and this one is not stored."));
                }

                continue;
            }

            var problem = rules.Problem(o, key);
            if (problem is null && o.Revoked && holders.TryGetValue(o.Id, out var orgs) && orgs.Any(h => h != organisationId!.Value))
                problem = $"{o.Id} version {version} revokes an object that other organisations' items hold; a revocation is permanent for every holder (STIX 2.1 sections 3.2 and 3.6), so one organisation may not bring it for the others. Not stored.";
            if (problem is not null)
            {
                results.Add(new StixObjectResult(o.Id, version, StixObjectOutcome.Conflict, problem));
                continue;
            }

            rules.Accept(o, key);
            var outcome = !newestKey.TryGetValue(o.Id, out var newest) ? StixObjectOutcome.Added
                : string.CompareOrdinal(key, newest) > 0 ? StixObjectOutcome.NewVersion : StixObjectOutcome.EarlierVersion;
            var fresh = new HeldVersion(o.Id, key, hash);
            existing[(o.Id, key)] = fresh;
            added.Add((o, fresh));
            if (outcome != StixObjectOutcome.EarlierVersion) newestKey[o.Id] = key;
            results.Add(new StixObjectResult(o.Id, version, outcome));
            held.Add(fresh);
        }

        var newIds = await StixBulkWriter.InsertVersionsAsync(db, added.ConvertAll(a => new NewStixVersion(a.Object, a.Row.VersionKey, a.Row.ContentHash)), now, ct);
        for (var i = 0; i < newIds.Length; i++) added[i].Row.Id = newIds[i];
        return (results, held.ConvertAll(h => h.Id));
    }

    /// <summary>
    /// Links versions to an item with the next collection sequences and <c>date_added</c> values, skipping versions the item
    /// already holds (and repeats). Must run inside a transaction after the item and versions are saved; on PostgreSQL it
    /// takes a transaction-scoped advisory lock (SQLite's single writer already serialises), so sequences follow commit
    /// order. Returns the number of new links.
    /// </summary>
    public async Task<int> LinkAsync(Guid itemId, IReadOnlyList<long> versionIds, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Linking object versions needs a transaction.");
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SequenceLockKey})", ct);

        var already = new HashSet<long>();
        foreach (var chunk in versionIds.Distinct().Chunk(LookupChunk))
            already.UnionWith(await db.ItemStixObjects.Where(l => l.ItemId == itemId && EF.Parameter(chunk).Contains(l.VersionId)).Select(l => l.VersionId).ToListAsync(ct));

        var last = await db.ItemStixObjects.OrderByDescending(l => l.Sequence).Select(l => new { l.Sequence, l.AddedAtMicros }).FirstOrDefaultAsync(ct);
        var sequence = last?.Sequence ?? 0;
        // date_added strictly increases with the sequence, so added_after never splits rows that share a microsecond.
        var micros = Math.Max(now.ToUnixTimeMilliseconds() * 1000 + now.Ticks / 10 % 1000, (last?.AddedAtMicros ?? 0) + 1);
        var links = new List<NewStixLink>();
        foreach (var id in versionIds)
            if (already.Add(id)) links.Add(new NewStixLink(++sequence, id, micros++));

        await StixBulkWriter.InsertLinksAsync(db, itemId, links, ct);
        return links.Count;
    }

    /// <summary>
    /// Moves all of an item's links to the end of the collection order, in their order, with new sequences and
    /// <c>date_added</c> values (TAXII 2.1 section 3.4: the date the object was added to the collection). Called when the
    /// item becomes visible to more readers (a forward, a relay, more audience, a looser label): TAXII collections are per
    /// reader, so for a new reader its objects are newly added, and a client pulling with <c>added_after</c> must see them
    /// — also its unversioned objects and earlier versions, which no new version would bring. A reader that already had
    /// them gets them once more (the same versions, which an importer recognises). Must run inside a transaction.
    /// Returns the number of links moved.
    /// </summary>
    public async Task<int> RelinkAsync(Guid itemId, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Relinking object versions needs a transaction.");
        var ids = await db.ItemStixObjects.Where(l => l.ItemId == itemId).OrderBy(l => l.Sequence).Select(l => l.VersionId).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        await db.ItemStixObjects.Where(l => l.ItemId == itemId).ExecuteDeleteAsync(ct);
        return await LinkAsync(itemId, ids, now, ct);
    }

    /// <summary>
    /// Moves the links to the given versions, of every item that holds them, to the end of the collection order (new sequences
    /// and <c>date_added</c>, as <see cref="RelinkAsync"/>). Called when an item gives up a version others still hold (a TAXII
    /// DELETE): served again, the version's Schakel extension no longer names that item, which tells a node that pulled it.
    /// Must run inside a transaction. Returns the number of links moved.
    /// </summary>
    public async Task<int> RelinkVersionsAsync(IReadOnlyList<long> versionIds, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Relinking object versions needs a transaction.");
        var links = await db.ItemStixObjects.Where(l => versionIds.Contains(l.VersionId)).OrderBy(l => l.Sequence)
            .Select(l => new { l.Sequence, l.ItemId, l.VersionId }).ToListAsync(ct);
        var moved = 0;
        foreach (var item in links.GroupBy(l => l.ItemId))
        {
            var sequences = item.Select(l => l.Sequence).ToList();
            await db.ItemStixObjects.Where(l => sequences.Contains(l.Sequence)).ExecuteDeleteAsync(ct);
            moved += await LinkAsync(item.Key, item.Select(l => l.VersionId).ToList(), now, ct);
        }

        return moved;
    }

    /// <summary>A version the node holds or is about to: its key, content hash and, once stored, row id.</summary>
    private sealed record HeldVersion(string StixId, string VersionKey, string ContentHash)
    {
        public long Id { get; set; }
    }

    /// <summary>
    /// The marking definitions <paramref name="objects"/> refer to without carrying them (and that are not the standard TLP
    /// ones), as the node holds them — newest version of each. A statement marking defined in an earlier import, or on an
    /// earlier page of a pull, is then known rather than unknown (which would hold the content as AMBER+STRICT).
    /// </summary>
    public async Task<IReadOnlyList<StixObject>> HeldMarkingDefinitionsAsync(IReadOnlyList<StixObject> objects, CancellationToken ct)
    {
        var defined = objects.Where(o => o.Type == "marking-definition").Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var refs = objects.SelectMany(o => o.ObjectMarkingRefs.Concat(o.GranularMarkings.Select(g => g.MarkingRef).OfType<string>()))
            .Where(r => !defined.Contains(r) && !TlpMarkings.TryGetLabel(r, out _)).Distinct(StringComparer.Ordinal).ToList();
        if (refs.Count == 0) return [];
        var rows = await db.StixObjectVersions.AsNoTracking().Where(v => v.Type == "marking-definition" && refs.Contains(v.StixId))
            .Select(v => new { v.StixId, v.VersionKey, v.Content }).ToListAsync(ct);
        return rows.GroupBy(r => r.StixId).Select(g => StixObject.Parse(g.OrderByDescending(r => r.VersionKey, StringComparer.Ordinal).First().Content)).ToList();
    }

    /// <summary>A <c>date_added</c> value in Unix microseconds as a STIX timestamp with microsecond precision (UTC).</summary>
    public static string DateAddedText(long micros) =>
        StixTimestamp.FromMicroseconds(DateTimeOffset.UnixEpoch.AddTicks(micros * 10)).Text;
}
