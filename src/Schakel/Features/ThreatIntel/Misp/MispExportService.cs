using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Stix;
using Schakel.Stix.Markings;
using Schakel.Stix.Misp;

namespace Schakel.Features.ThreatIntel.Misp;

/// <summary>What an export found: <see cref="NotFound"/> (absent or not visible: one answer), <see cref="NotThreatIntel"/>, or the event.</summary>
public enum MispExportStatus
{
    Ok,
    NotFound,
    NotThreatIntel,
}

/// <summary>The MISP event of an item, or why there is none.</summary>
public sealed record MispExportResult(MispExportStatus Status, MispExport? Export);

/// <summary>
/// Writes an item's current STIX objects as a MISP event (<see cref="StixToMisp"/>). Reading goes through
/// <see cref="ItemAccess"/> (DESIGN.md section 3: one authorisation service for every channel, MISP export included): an
/// item the viewer may not see is <see cref="MispExportStatus.NotFound"/>, exactly like an unknown one. The event's
/// <c>tlp:</c> tag is the item's label; its distribution follows the item's audience.
/// </summary>
public sealed class MispExportService(SchakelDbContext db, ItemAccess access)
{
    public async Task<MispExportResult> ExportAsync(Viewer viewer, Guid itemId, CancellationToken ct = default)
    {
        var item = await access.FindAsync(viewer, itemId, ct);
        if (item is null) return new(MispExportStatus.NotFound, null);
        if (item.Kind != ItemKind.ThreatIntel) return new(MispExportStatus.NotThreatIntel, null);

        // The item's current objects: per STIX id the latest version the item holds (versions sort by VersionKey).
        var versions = await db.ItemStixObjects.AsNoTracking().Where(l => l.ItemId == itemId)
            .Select(l => new { l.Version.StixId, l.Version.VersionKey, l.Version.Content }).ToListAsync(ct);
        var objects = versions.GroupBy(v => v.StixId)
            .Select(g => g.OrderByDescending(v => v.VersionKey, StringComparer.Ordinal).First())
            .Select(v => StixObject.Parse(v.Content)).ToList();

        var audience = await db.AudienceEntries.AsNoTracking().Where(a => a.ItemId == itemId && a.ForwardId == null)
            .Select(a => new { a.Kind, a.Value }).ToListAsync(ct);
        var publisher = await db.Organisations.AsNoTracking().Where(o => o.Id == item.PublisherOrganisationId).Select(o => o.Key).FirstAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().Select(o => new SchakelOrganisation(o.Key, o.Name, null)).ToListAsync(ct);
        var export = StixToMisp.Convert(objects, new StixToMispOptions
        {
            Tlp = (StixTlp)(int)item.Tlp,
            Audience = audience.Select(a => new AudienceSpec(a.Kind, a.Value).ToString()).ToList(),
            OwnOrganisationKey = publisher,
            Organisations = organisations,
            EventUuid = item.Id.ToString(),
            Info = item.Title,
        });
        return new(MispExportStatus.Ok, export);
    }
}
