using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Stix;
using Schakel.Stix.Misp;

namespace Schakel.Features.ThreatIntel.Misp;

/// <summary>The outcome of importing one MISP event: the importer's result, the audience used and why, and what did not map.</summary>
public sealed record MispImportResult(ThreatIntelImportResult Import, IReadOnlyList<string> Audience, string AudienceNote, IReadOnlyList<MispUnmapped> Unmapped);

/// <summary>
/// Imports a MISP event as one threat-intelligence item (DESIGN.md section 3a): reads it (size limit of
/// <see cref="ThreatIntelOptions.MaxBundleBytes"/>), converts it with <see cref="MispToStix"/> and hands the objects to
/// <see cref="ThreatIntelImporter"/> with format <c>misp-event</c> and the original bytes. The label follows the event's
/// <c>tlp:</c> tags through the TLP markings they became (stricter on request, looser refused); without an audience the
/// event's distribution is used when it maps exactly, else the item stays a draft with the reason. What did not map is
/// returned and stored in the payload's report.
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
                note = "Stored as a draft: " + conversion.Audience.Explanation + " Give --publish-to to publish.";
            }
        }

        var unmapped = conversion.Unmapped.ToList();
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
        return new MispImportResult(result, audience.Select(a => a.ToString()).ToList(), note, unmapped);
    }
}
