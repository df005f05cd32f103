using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;

namespace Schakel.Features.Federation;

/// <summary>
/// The effects of a reconcile (<see cref="TaxiiReconciler"/>) on this node's items: object versions the source no longer
/// offers leave the items that hold them, exactly as a TAXII 2.1 DELETE (section 5.7) does on the source
/// (<c>TaxiiDelete</c>): the links go, the payload's object count drops, every delivery is flagged updated, a version no item
/// holds any more is removed from the node, and the change is audited as <c>item.correct</c> with the source as subject and
/// the objects in the detail. An item that would lose ALL its objects is retracted instead
/// (<see cref="FederatedItemChanges.RetractAsync"/>), its content kept for the audit trail.
/// </summary>
public sealed class ReconcileChanges(SchakelDbContext db, FederatedItemChanges federated, AuditLog audit)
{
    /// <summary>The retraction reason, Dutch first as everywhere in the UI.</summary>
    public const string RetractReason = "Niet meer aangeboden door het bronknooppunt / no longer offered by the source node";

    /// <summary>
    /// Applies the removal of <paramref name="gone"/> (a subset of <paramref name="held"/>, which holds every link of the items
    /// concerned) for the items of organisation <paramref name="organisationId"/> from <paramref name="source"/> (the API root URL).
    /// </summary>
    public async Task ApplyAsync(string source, int organisationId, IReadOnlyList<HeldObject> held, IReadOnlyList<HeldObject> gone, ReconcileReport report, CancellationToken ct)
    {
        var total = held.GroupBy(h => h.ItemId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var item in gone.GroupBy(h => h.ItemId))
        {
            var objects = item.Select(h => h.Version is null ? h.StixId : $"{h.StixId} {h.Version}").Order(StringComparer.Ordinal).ToList();
            if (item.Count() == total[item.Key])
            {
                if (await federated.RetractAsync(item.Key, $"{RetractReason} ({source}).", source, ct))
                {
                    report.ItemsRetracted++;
                    report.Messages.Add($"Item {item.Key}: retracted, none of its {objects.Count} object(s) is offered by the source any more: {string.Join(", ", objects)}");
                }
                else
                {
                    // A draft (pulled without an audience) is not shared, so there is nothing to retract; it stays as it is.
                    report.Messages.Add($"Item {item.Key}: a draft whose objects are no longer offered by the source; left as it is.");
                }

                continue;
            }

            await RemoveAsync(item.Key, item.ToList(), ct);
            report.ObjectsRemoved += objects.Count;
            report.ItemsCorrected++;
            foreach (var o in objects) report.Messages.Add($"Item {item.Key}: removed {o} (no longer offered by the source).");
            await audit.RecordAsync(new AuditActor(null, organisationId), new AuditEvent("item.correct", item.Key, source,
                new { objects, removed = objects.Count, reconcile = true, federation = true }), ct);
        }
    }

    private async Task RemoveAsync(Guid itemId, IReadOnlyList<HeldObject> links, CancellationToken ct)
    {
        var sequences = links.Select(l => l.Sequence).ToList();
        var versionIds = links.Select(l => l.VersionId).Distinct().ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.ItemStixObjects.Where(l => l.ItemId == itemId && sequences.Contains(l.Sequence)).ExecuteDeleteAsync(ct);
        await db.StixObjectVersions.Where(v => versionIds.Contains(v.Id) && !v.Items.Any()).ExecuteDeleteAsync(ct);
        await db.ThreatIntelPayloads.Where(p => p.ItemId == itemId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ObjectCount, p => p.ObjectCount - removed), ct);
        await db.Deliveries.Where(d => d.ItemId == itemId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Updated, true), ct);
        await tx.CommitAsync(ct);
    }
}
