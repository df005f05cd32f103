using System.Text;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;

namespace Schakel.Features.Sharing;

/// <summary>
/// Stores many new deliveries, each with one route, in set-based SQL instead of EF's change tracker.
/// EF's update pipeline costs about 0.4 ms and 20 KiB per row (docs/benchmarks.md: 10,000 organisations took 4-9 s, of
/// which about 1 s in the database); this writes the same rows with multi-row INSERTs. The SQL is plain and quoted so it
/// runs on SQLite and PostgreSQL alike; every value goes through the model's value converters, so the stored form is
/// exactly what EF would store. The caller supplies the transaction; the audience entries must already be saved.
/// </summary>
internal static class BulkDeliveryWriter
{
    /// <summary>Rows per INSERT statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters.</summary>
    private const int ChunkSize = 1000;

    /// <summary>
    /// Inserts a delivery (state Delivered, effective label = the row's route label) for each row's organisation, and
    /// that row's route. The organisations must not hold a delivery of the item yet. Returns the number of deliveries inserted.
    /// </summary>
    public static async Task<int> InsertAsync(SchakelDbContext db, Guid itemId, IReadOnlyList<BulkRow> rows, DateTimeOffset now, CancellationToken ct)
    {
        var d = EntityTable.Of<Delivery>(db);
        var r = EntityTable.Of<DeliveryRoute>(db);
        var inserted = 0;
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            // Shared values are parameters 0-3; each row adds its organisation id and label.
            var values = new List<object?>
            {
                d.Value(nameof(Delivery.ItemId), itemId), d.Value(nameof(Delivery.State), DeliveryState.Delivered),
                d.Value(nameof(Delivery.Updated), false), d.Value(nameof(Delivery.DeliveredAt), now),
            };
            var sql = new StringBuilder($"INSERT INTO {d.Name} ({d.Column(nameof(Delivery.ItemId))}, {d.Column(nameof(Delivery.RecipientOrganisationId))}, " +
                $"{d.Column(nameof(Delivery.EffectiveTlp))}, {d.Column(nameof(Delivery.State))}, {d.Column(nameof(Delivery.Updated))}, {d.Column(nameof(Delivery.DeliveredAt))}) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append($"({{0}}, {{{values.Count}}}, {{{values.Count + 1}}}, {{1}}, {{2}}, {{3}})");
                values.Add(d.Value(nameof(Delivery.RecipientOrganisationId), chunk[i].OrganisationId));
                values.Add(d.Value(nameof(Delivery.EffectiveTlp), chunk[i].Route.Tlp));
            }

            inserted += await db.Database.ExecuteSqlRawAsync(sql.ToString(), values!, ct);

            // The routes find their delivery by (item, organisation): the partial unique index makes that one row.
            foreach (var group in chunk.GroupBy(c => c.Route))
            {
                var t = group.Key;
                var routeValues = new List<object?> { d.Value(nameof(Delivery.ItemId), itemId) };
                string Param(string property, object? value)
                {
                    if (value is null) return "NULL";
                    routeValues.Add(r.Value(property, value));
                    return $"{{{routeValues.Count - 1}}}";
                }

                var columns = string.Join(", ", new[]
                {
                    Param(nameof(DeliveryRoute.Kind), t.Kind), Param(nameof(DeliveryRoute.Tlp), t.Tlp), Param(nameof(DeliveryRoute.AudienceEntryId), t.AudienceEntryId),
                    Param(nameof(DeliveryRoute.ViaOrganisationId), t.ViaOrganisationId), Param(nameof(DeliveryRoute.ForwardId), t.ForwardId),
                    Param(nameof(DeliveryRoute.Basis), t.Basis), Param(nameof(DeliveryRoute.CreatedAt), now),
                });
                var ids = string.Join(", ", group.Select(g =>
                {
                    routeValues.Add(d.Value(nameof(Delivery.RecipientOrganisationId), g.OrganisationId));
                    return $"{{{routeValues.Count - 1}}}";
                }));
                var routeSql = $"INSERT INTO {r.Name} ({r.Column(nameof(DeliveryRoute.DeliveryId))}, {r.Column(nameof(DeliveryRoute.Kind))}, {r.Column(nameof(DeliveryRoute.Tlp))}, " +
                    $"{r.Column(nameof(DeliveryRoute.AudienceEntryId))}, {r.Column(nameof(DeliveryRoute.ViaOrganisationId))}, {r.Column(nameof(DeliveryRoute.ForwardId))}, " +
                    $"{r.Column(nameof(DeliveryRoute.Basis))}, {r.Column(nameof(DeliveryRoute.CreatedAt))}) " +
                    $"SELECT {d.Column(nameof(Delivery.Id))}, {columns} FROM {d.Name} WHERE {d.Column(nameof(Delivery.ItemId))} = {{0}} " +
                    $"AND {d.Column(nameof(Delivery.RecipientPersonId))} IS NULL AND {d.Column(nameof(Delivery.RecipientOrganisationId))} IN ({ids})";
                await db.Database.ExecuteSqlRawAsync(routeSql, routeValues!, ct);
            }
        }

        return inserted;
    }

    /// <summary>
    /// Adds members to a relay's targets in multi-row INSERTs (a coordinator's relay can list thousands of members; one
    /// INSERT per row costs a round trip each on SQLite). The members must not be targets of that relay yet.
    /// </summary>
    public static async Task InsertRelayTargetsAsync(SchakelDbContext db, int relayId, IReadOnlyList<int> members, CancellationToken ct)
    {
        var t = EntityTable.Of<RelayTarget>(db);
        foreach (var chunk in members.Chunk(ChunkSize))
        {
            var values = new List<object?> { t.Value(nameof(RelayTarget.RelayId), relayId) };
            var rows = string.Join(", ", chunk.Select(m =>
            {
                values.Add(t.Value(nameof(RelayTarget.MemberOrganisationId), m));
                return $"({{0}}, {{{values.Count - 1}}})";
            }));
            // Names come from the model and every value is a parameter.
            var sql = $"INSERT INTO {t.Name} ({t.Column(nameof(RelayTarget.RelayId))}, {t.Column(nameof(RelayTarget.MemberOrganisationId))}) VALUES {rows}";
            await db.Database.ExecuteSqlRawAsync(sql, values!, ct);
        }
    }
}

/// <summary>The stored form of a route (ids, not entities), for set-based inserts.</summary>
internal sealed record BulkRoute(RouteKind Kind, Tlp Tlp, int? AudienceEntryId, int? ViaOrganisationId, int? ForwardId, string? Basis);

/// <summary>A new delivery for <paramref name="OrganisationId"/> with its one route.</summary>
internal sealed record BulkRow(int OrganisationId, BulkRoute Route);
