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
public sealed class FederatedItemChanges(SchakelDbContext db, ItemChangeService changes, RelayService relays, PublishingService publishing, AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// Gives item <paramref name="itemId"/> the label <paramref name="tlp"/> (never RED); returns the withdrawn deliveries.
    /// A stricter label also takes the item back from the audience entries it may no longer reach from here
    /// (<see cref="FederationAudience.Cap"/> with the token's organisation <paramref name="holderKey"/>): their routes go,
    /// and deliveries left without a route are withdrawn.
    /// </summary>
    public async Task<int> RelabelAsync(Guid itemId, Tlp tlp, string source, string? holderKey, bool holderIsLinking, CancellationToken ct)
    {
        if (tlp == Tlp.Red) throw new SharingRuleException(Problems.RedNoRelabel);
        var item = await db.Items.FirstAsync(i => i.Id == itemId, ct);
        if (item.Tlp == tlp || item.Status == ItemStatus.Retracted) return 0;
        var from = item.Tlp;
        item.Tlp = tlp;
        item.UpdatedAt = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var capped = tlp > from ? await CapAudienceAsync(item, tlp, holderKey, holderIsLinking, ct) : [];
        var withdrawn = item.Status == ItemStatus.Draft ? 0 : await changes.ApplyLabelAsync(item, ct);
        if (tlp < from) await relays.RerouteAfterRelaxAsync(item, item.UpdatedAt, ct);
        // A looser label admits readers (this node's own TAXII clients) who never saw the item: its objects are new to them.
        if (tlp < from && item.Status == ItemStatus.Published) await new ThreatIntel.StixVersionStore(db).RelinkAsync(itemId, item.UpdatedAt, ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync(new AuditActor(null, item.PublisherOrganisationId),
            new AuditEvent("item.relabel", itemId, source, new { from = from.ToLabel(), to = tlp.ToLabel(), withdrawn, federation = true, audienceRemoved = capped }), ct);
        return withdrawn;
    }

    /// <summary>
    /// Takes the item back from the audience entries the label may not reach from here; returns them as text. The routes of
    /// all its audience entries go and the allowed entries are published again, because an organisation reached by two
    /// entries holds one route, tied to whichever came first.
    /// </summary>
    private async Task<List<string>> CapAudienceAsync(Item item, Tlp tlp, string? holderKey, bool holderIsLinking, CancellationToken ct)
    {
        var entries = await db.AudienceEntries.Where(e => e.ItemId == item.Id).Select(e => new { e.Id, e.Kind, e.Value }).ToListAsync(ct);
        var specs = entries.Select(e => new AudienceSpec(e.Kind, e.Value)).Distinct().ToList();
        var (allowed, _) = FederationAudience.Cap(tlp, specs, holderKey, holderIsLinking);
        var removed = specs.Except(allowed).Select(a => a.ToString()).ToList();
        if (removed.Count == 0 || item.Status != ItemStatus.Published) return removed;
        var ids = entries.Select(e => e.Id).ToList();
        await db.DeliveryRoutes.Where(r => r.AudienceEntryId != null && ids.Contains(r.AudienceEntryId.Value)).ExecuteDeleteAsync(ct);
        await db.AudienceEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
        if (allowed.Count > 0)
        {
            var publisher = await db.Organisations.FirstAsync(o => o.Id == item.PublisherOrganisationId, ct);
            await publishing.PublishAsync(item, publisher, null, allowed, ct);
        }

        return removed;
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
