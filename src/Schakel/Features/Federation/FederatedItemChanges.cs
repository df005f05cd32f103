using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Sharing;

namespace Schakel.Features.Federation;

using Tlp = Schakel.Features.Sharing.Tlp;

/// <summary>
/// Relabels and retracts items rebuilt from another node when the source node's new object versions say so (DESIGN.md
/// section 3a). The same effects as <see cref="ItemChangeService"/> (routes the new label forbids are withdrawn; every
/// delivery flagged updated; pending relays cancelled on retraction), done for the node-local organisation that
/// represents the source node. Unlike the originator's own changes, no new object versions are made here: the source
/// node's versions already arrived and are what this node serves on.
/// </summary>
public sealed class FederatedItemChanges(SchakelDbContext db, ItemChangeService changes, RelayService relays, AuditLog audit, TimeProvider time)
{
    /// <summary>Gives item <paramref name="itemId"/> the label <paramref name="tlp"/> (never RED); returns the withdrawn deliveries.</summary>
    public async Task<int> RelabelAsync(Guid itemId, Tlp tlp, string source, CancellationToken ct)
    {
        if (tlp == Tlp.Red) throw new SharingRuleException(Problems.RedNoRelabel);
        var item = await db.Items.FirstAsync(i => i.Id == itemId, ct);
        if (item.Tlp == tlp || item.Status == ItemStatus.Retracted) return 0;
        var from = item.Tlp;
        item.Tlp = tlp;
        item.UpdatedAt = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var withdrawn = item.Status == ItemStatus.Draft ? 0 : await changes.ApplyLabelAsync(item, ct);
        if (tlp < from) await relays.RerouteAfterRelaxAsync(item, item.UpdatedAt, ct);
        // A looser label admits readers (this node's own TAXII clients) who never saw the item: its objects are new to them.
        if (tlp < from && item.Status == ItemStatus.Published) await new ThreatIntel.StixVersionStore(db).RelinkAsync(itemId, item.UpdatedAt, ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync(new AuditActor(null, item.PublisherOrganisationId),
            new AuditEvent("item.relabel", itemId, source, new { from = from.ToLabel(), to = tlp.ToLabel(), withdrawn, federation = true }), ct);
        return withdrawn;
    }

    /// <summary>Retracts item <paramref name="itemId"/> (published only); false when it was a draft or already retracted.</summary>
    public async Task<bool> RetractAsync(Guid itemId, string reason, string source, CancellationToken ct)
    {
        var item = await db.Items.FirstAsync(i => i.Id == itemId, ct);
        if (item.Status != ItemStatus.Published) return false;
        var now = time.GetUtcNow();
        item.Status = ItemStatus.Retracted;
        item.RetractedAt = now;
        item.RetractionReason = reason.Length > ItemChangeService.MaxReasonLength ? reason[..ItemChangeService.MaxReasonLength] : reason;
        item.UpdatedAt = now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.Deliveries.Where(d => d.ItemId == itemId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Updated, true), ct);
        await db.Relays.Where(r => r.ItemId == itemId && r.Status == RelayStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RelayStatus.Cancelled), ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync(new AuditActor(null, item.PublisherOrganisationId), new AuditEvent("item.retract", itemId, source, new { federation = true }), ct);
        return true;
    }
}
