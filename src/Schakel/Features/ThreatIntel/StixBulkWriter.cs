using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Schakel.Data;
using Schakel.Stix;

namespace Schakel.Features.ThreatIntel;

/// <summary>A new object version to insert: the object, its version key and content hash.</summary>
internal sealed record NewStixVersion(StixObject Object, string VersionKey, string ContentHash);

/// <summary>A new item link: collection sequence, version row id and <c>date_added</c> in Unix microseconds.</summary>
internal readonly record struct NewStixLink(long Sequence, long VersionId, long AddedAtMicros);

/// <summary>
/// Inserts many object versions and item links without EF's change tracker, whose update pipeline cost about 0.4 ms and
/// 40 KiB per row for a 50,000-object bundle (docs/benchmarks.md section 6). PostgreSQL: Npgsql's binary COPY, with the
/// version ids drawn from the table's identity sequence first. SQLite: one prepared INSERT reused for every row (SQLite
/// runs in process, so a row costs microseconds; multi-row INSERTs with thousands of named parameters are slower there,
/// because binding looks each name up in a list). Both run in the caller's transaction; a version that is already
/// stored fails the unique index with a <see cref="DbException"/>. Names come from the model; values are parameters or
/// COPY fields, never SQL text.
/// </summary>
internal static class StixBulkWriter
{
    private static readonly string[] VersionColumns =
    [
        nameof(StixObjectVersion.StixId), nameof(StixObjectVersion.Type), nameof(StixObjectVersion.VersionKey), nameof(StixObjectVersion.Modified),
        nameof(StixObjectVersion.Created), nameof(StixObjectVersion.SpecVersion), nameof(StixObjectVersion.Revoked), nameof(StixObjectVersion.Content),
        nameof(StixObjectVersion.ContentHash), nameof(StixObjectVersion.StoredAt),
    ];

    private static readonly string[] LinkColumns =
        [nameof(ItemStixObject.Sequence), nameof(ItemStixObject.ItemId), nameof(ItemStixObject.VersionId), nameof(ItemStixObject.AddedAtMicros)];

    /// <summary>Inserts the versions (all stored at <paramref name="now"/>) and returns their new row ids, in order.</summary>
    public static async Task<long[]> InsertVersionsAsync(SchakelDbContext db, IReadOnlyList<NewStixVersion> versions, DateTimeOffset now, CancellationToken ct)
    {
        if (versions.Count == 0) return [];
        var t = EntityTable.Of<StixObjectVersion>(db);
        object?[] Row(NewStixVersion v) =>
        [
            v.Object.Id, v.Object.Type, v.VersionKey, v.Object.Modified?.Text, v.Object.Created?.Text, v.Object.SpecVersion,
            t.Value(nameof(StixObjectVersion.Revoked), v.Object.Revoked), v.Object.Json, v.ContentHash, t.Value(nameof(StixObjectVersion.StoredAt), now),
        ];

        if (db.Database.GetDbConnection() is NpgsqlConnection pg)
        {
            var idColumn = t.Column(nameof(StixObjectVersion.Id));
            var ids = await db.Database.SqlQuery<long>(
                $"SELECT nextval(pg_get_serial_sequence({t.Name}, {idColumn.Trim('"')})) AS \"Value\" FROM generate_series(1, {versions.Count})").ToArrayAsync(ct);
            await CopyAsync(pg, t, [nameof(StixObjectVersion.Id), .. VersionColumns], versions.Select((v, i) => (object?[])[ids[i], .. Row(v)]), ct);
            return ids;
        }

        var result = new long[versions.Count];
        await using var command = Prepare(db, t, VersionColumns, $" RETURNING {t.Column(nameof(StixObjectVersion.Id))}");
        for (var i = 0; i < versions.Count; i++)
        {
            Bind(command, Row(versions[i]));
            result[i] = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>Inserts links of one item.</summary>
    public static async Task InsertLinksAsync(SchakelDbContext db, Guid itemId, IReadOnlyList<NewStixLink> links, CancellationToken ct)
    {
        if (links.Count == 0) return;
        var t = EntityTable.Of<ItemStixObject>(db);
        var item = t.Value(nameof(ItemStixObject.ItemId), itemId);
        var rows = links.Select(l => (object?[])[l.Sequence, item, l.VersionId, l.AddedAtMicros]);
        if (db.Database.GetDbConnection() is NpgsqlConnection pg)
        {
            await CopyAsync(pg, t, LinkColumns, rows, ct);
            return;
        }

        await using var command = Prepare(db, t, LinkColumns, "");
        foreach (var row in rows)
        {
            Bind(command, row);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, EntityTable t, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {t.Name} ({string.Join(", ", columns.Select(t.Column))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var value in row)
            {
                // Strings as text: binary text and varchar share one wire format, and the server still checks the length.
                if (value is null) await writer.WriteNullAsync(ct);
                else if (value is string s) await writer.WriteAsync(s, NpgsqlDbType.Text, ct);
                else if (value is DateTimeOffset d) await writer.WriteAsync(d.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                else await writer.WriteAsync(value, ct);
            }
        }

        await writer.CompleteAsync(ct);
    }

    private static DbCommand Prepare(SchakelDbContext db, EntityTable t, IReadOnlyList<string> columns, string suffix)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Bulk inserts need a transaction.");
        command.CommandText = $"INSERT INTO {t.Name} ({string.Join(", ", columns.Select(t.Column))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}){suffix}";
        for (var i = 0; i < columns.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Bind(DbCommand command, object?[] row)
    {
        for (var i = 0; i < row.Length; i++) command.Parameters[i].Value = row[i] ?? DBNull.Value;
    }
}
