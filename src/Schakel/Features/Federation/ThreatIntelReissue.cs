using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Stix;
using Schakel.Stix.Markings;

namespace Schakel.Features.Federation;

/// <summary>
/// On the sending node, relabels and retractions of a threat-intelligence item travel as new object versions (DESIGN.md
/// section 3a): each current, versioned, not yet revoked object of the item gets a new version with <c>modified</c> =
/// max(now, old + 1 ms) at millisecond precision (STIX 2.1 section 3.2), <c>revoked: true</c> on retraction (section 3.6),
/// and on a relabel its standard TLP marking references replaced by the new label's TLP 2.0 marking, so that the version
/// itself says what the item now is. The new versions are linked to the item, so TAXII clients see them as newly added.
/// A retraction does not revoke an object another live item holds (it stays valid there); those versions move to the end
/// of the collection order instead (<see cref="StixVersionStore.RelinkVersionsAsync"/>).
/// Unversioned objects (most SCOs, marking definitions) cannot get new versions; on a relabel the item's links are first
/// moved to the end of the collection order (<see cref="StixVersionStore.RelinkAsync"/>), so a reader the new label admits
/// gets the whole item, not only its new versions.
/// </summary>
public sealed class ThreatIntelReissue(SchakelDbContext db, StixVersionStore versions, TimeProvider time)
{
    /// <summary>Adds the new versions for <paramref name="item"/> (saved, label and status already changed); runs in the caller's transaction. Returns the number linked.</summary>
    public async Task<int> ReissueAsync(Item item, bool revoke, CancellationToken ct)
    {
        if (item.Kind != ItemKind.ThreatIntel || item.Status == ItemStatus.Draft) return 0;
        var rows = await db.ItemStixObjects.AsNoTracking().Where(l => l.ItemId == item.Id)
            .Select(l => new { l.VersionId, l.Version.StixId, l.Version.VersionKey, l.Version.Content, l.Version.Modified, l.Version.Revoked }).ToListAsync(ct);
        var now = time.GetUtcNow();
        var label = (StixTlp)(int)item.Tlp;
        // A retraction revokes only what no other live item holds: another organisation's item with the same object (the same
        // public bundle imported twice) stays valid, and a revocation is permanent for every holder. The shared versions are
        // served again instead, no longer naming this item, so that nodes holding a copy of it take them out of it.
        var shared = new HashSet<string>(StringComparer.Ordinal);
        if (revoke)
        {
            foreach (var ids in rows.Select(r => r.StixId).Distinct(StringComparer.Ordinal).Chunk(5000))
                shared.UnionWith(await db.ItemStixObjects.Where(l => l.ItemId != item.Id && l.Item.Status != ItemStatus.Retracted && EF.Parameter(ids).Contains(l.Version.StixId))
                    .Select(l => l.Version.StixId).Distinct().ToListAsync(ct));
            if (shared.Count > 0) await versions.RelinkVersionsAsync(rows.Where(r => shared.Contains(r.StixId)).Select(r => r.VersionId).Distinct().ToList(), now, ct);
        }

        // An identity (a created_by_ref target, such as a MISP organisation) is not retracted with one item that names it.
        var renewed = rows.Where(r => !shared.Contains(r.StixId) && !(revoke && r.StixId.StartsWith("identity--", StringComparison.Ordinal)))
            .GroupBy(r => r.StixId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(r => r.VersionKey, StringComparer.Ordinal).First())
            .Where(r => r.Modified is not null && !r.Revoked)
            .Select(r => NextVersion(r.Content, now, revoke, label))
            .OfType<StixObject>().ToList();
        if (!revoke) await versions.RelinkAsync(item.Id, now, ct);
        if (renewed.Count == 0) return 0;

        var (_, held) = await versions.StoreAsync(renewed, now, ct);
        await db.SaveChangesAsync(ct);
        var linked = await versions.LinkAsync(item.Id, held, now, ct);
        await db.ThreatIntelPayloads.Where(p => p.ItemId == item.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ObjectCount, p => p.ObjectCount + linked), ct);
        return linked;
    }

    /// <summary>The next version of an object (see the class); null when its <c>modified</c> cannot be read.</summary>
    public static StixObject? NextVersion(string content, DateTimeOffset now, bool revoke, StixTlp label)
    {
        var node = JsonNode.Parse(content)!.AsObject();
        if (!StixTimestamp.TryParse(node["modified"]?.GetValue<string>(), out var old)) return null;
        var earliest = old.ToDateTimeOffset().AddMilliseconds(1);
        node["modified"] = StixTimestamp.FromMilliseconds(now > earliest ? now : earliest).Text;
        if (revoke) node["revoked"] = true;
        else
        {
            var tlpId = TlpMarkings.Tlp2IdOf(label);
            if (node["object_marking_refs"] is JsonArray refs)
            {
                var replaced = refs.Select(r => r?.GetValue<string>()).OfType<string>()
                    .Select(r => TlpMarkings.TryGetLabel(r, out _) ? tlpId : r).Distinct(StringComparer.Ordinal).ToList();
                node["object_marking_refs"] = new JsonArray(replaced.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
            }

            if (node["granular_markings"] is JsonArray granular)
                foreach (var g in granular.OfType<JsonObject>())
                    if (g["marking_ref"]?.GetValue<string>() is { } r && TlpMarkings.TryGetLabel(r, out _)) g["marking_ref"] = tlpId;
        }

        return StixObject.Parse(node.ToJsonString());
    }
}
