using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Stix;
using Schakel.Stix.Misp;

namespace Schakel.Features.ThreatIntel.Misp;

/// <summary>
/// The outcome of importing one MISP event: the importer's result, the audience used (given, or from the event's distribution;
/// empty when none), a note on it (empty when there is nothing to say), what did not map, and the item's status after the
/// import (null when nothing was stored): an item imported before keeps its status, so an import without an audience may
/// leave a published item published.
/// </summary>
public sealed record MispImportResult(ThreatIntelImportResult Import, IReadOnlyList<string> Audience, string AudienceNote, IReadOnlyList<MispUnmapped> Unmapped,
    ItemStatus? Status = null);

/// <summary>
/// Imports a MISP event as one threat-intelligence item (DESIGN.md section 3a): reads it (size limit of
/// <see cref="ThreatIntelOptions.MaxBundleBytes"/>), converts it with <see cref="MispToStix"/> and hands the objects to
/// <see cref="ThreatIntelImporter"/> with format <c>misp-event</c> and the original bytes. The label follows the event's
/// <c>tlp:</c> tags through the TLP markings they became (stricter on request, looser refused); without an audience the
/// event's distribution is used when it maps exactly, else the item stays a draft with the reason and a note to choose the
/// audience (only when it really is a draft afterwards: the same event imported again keeps its item's status). With an
/// audience given, an event without a distribution has nothing to report about it. What did not map is returned and stored
/// in the payload's report.
/// </summary>
public sealed class MispImportService(SchakelDbContext db, ThreatIntelImporter importer, IOptions<ThreatIntelOptions> options)
{
    public async Task<MispImportResult> ImportAsync(byte[] content, ThreatIntelImportRequest request, IReadOnlyList<MispSharingGroup> sharingGroups, CancellationToken ct = default)
    {
        var read = MispEventReader.Read(content, options.Value.MaxBundleBytes);
        if (read.Event is null)
        {
            var rejected = new ThreatIntelImportResult(ImportOutcome.Rejected, null, null, [],
                read.Findings.Select(f => new StixFinding(StixSeverity.Error, null, f.Path, f.Message, "misp")).ToList(), []);
            return new MispImportResult(rejected, [], "", []);
        }

        var publisher = await db.Organisations.AsNoTracking().Where(o => o.Id == request.PublisherOrganisationId).Select(o => o.Key).FirstOrDefaultAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive).Select(o => new SchakelOrganisation(o.Key, o.Name, null)).ToListAsync(ct);
        var conversion = MispToStix.Convert(read.Event, new MispToStixOptions
        {
            OwnOrganisationKey = publisher, Organisations = organisations, SharingGroups = sharingGroups,
        });

        var audience = request.Audience;
        var note = "";
        if (audience.Count == 0)
        {
            if (conversion.Audience.Exact && conversion.Audience.Audiences.Count > 0)
            {
                audience = conversion.Audience.Audiences.Select(a => AudienceSpec.TryParse(a, out var s, out _) ? s : null).OfType<AudienceSpec>().ToList();
                note = "Audience from the event's distribution: " + conversion.Audience.Explanation;
            }
            else
            {
                note = "Stored as a draft: " + conversion.Audience.Explanation + " Choose the audience when publishing (--publish-to).";
            }
        }

        var unmapped = conversion.Unmapped.ToList();
        // An event without a distribution (feed format) only matters when nobody chose an audience.
        if (request.Audience.Count > 0 && conversion.Audience.Distribution is null) unmapped.RemoveAll(u => u.Kind == "distribution" && u.Id == read.Event.Uuid);
        if (request.Audience.Count > 0 && conversion.Audience.Distribution is { } distribution
            && !conversion.Audience.Audiences.ToHashSet().SetEquals(audience.Select(a => a.ToString())))
        {
            // The importer's choice stands, but whoever set "your organisation only" in MISP must hear that it went elsewhere.
            unmapped.Add(new MispUnmapped("distribution", read.Event.Uuid, distribution.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"the event's distribution is not the audience given ({conversion.Audience.Explanation}); published to {string.Join(' ', audience)} as asked."));
        }

        var warnings = read.Findings.Select(f => $"Left out: {f}")
            .Concat(unmapped.Select(u => $"Not mapped: {u}"))
            .Append(note).Where(w => w.Length > 0).ToList();
        var stix = new StixReadResult(StixContainer.Bundle, null, conversion.Objects, []);
        var result = await importer.ImportAsync(stix, request with
        {
            Audience = audience,
            Format = "misp-event",
            Original = content,
            Title = read.Event.Info,
            ExtraWarnings = [.. request.ExtraWarnings, .. warnings],
        }, ct);
        ItemStatus? status = result.ItemId is { } itemId ? await db.Items.AsNoTracking().Where(i => i.Id == itemId).Select(i => i.Status).FirstAsync(ct) : null;
        // Imported before and already shared (or withdrawn): not left as a draft, so no note telling to choose an audience.
        if (status is not (null or ItemStatus.Draft) && audience.Count == 0) note = "";
        return new MispImportResult(result, audience.Select(a => a.ToString()).ToList(), note, unmapped, status);
    }
}
