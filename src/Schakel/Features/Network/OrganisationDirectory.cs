using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Tlp;

namespace Schakel.Features.Network;

/// <summary>
/// One row of the organisation directory: what every signed-in person may see (no contact details). <c>RemoteNode</c>: the
/// API root URL of the other Schakel node the organisation stands for (federation), else null.
/// </summary>
public sealed record DirectoryRow(
    int Id, string Key, string Name, OrganisationType Type, Designation? Designation, List<string> Sectors,
    string? Region, Nis2Class Nis2Class, bool IsActive, List<string> LinkingOrganisations, string? RemoteNode = null);

/// <summary>Queries of the organisation directory and the rule for who sees an organisation's contact details.</summary>
public static class OrganisationDirectory
{
    /// <summary>Rows per directory page.</summary>
    public const int PageSize = 25;

    /// <summary>
    /// One page (1-based) of the directory, ordered by name, filtered by type, sector, region and a case-insensitive
    /// text that matches key or name. Deactivated organisations are listed only for platform administrators.
    /// </summary>
    public static async Task<(List<DirectoryRow> Rows, int Total)> PageAsync(
        SchakelDbContext db, Viewer viewer, OrganisationType? type, string? sector, string? region, string? text, int page, CancellationToken ct)
    {
        var query = db.Organisations.AsNoTracking();
        if (!viewer.IsPlatformAdmin) query = query.Where(o => o.IsActive);
        if (type is { } t) query = query.Where(o => o.Type == t);
        if (!string.IsNullOrEmpty(sector)) query = query.Where(o => o.Sectors.Contains(sector));
        if (!string.IsNullOrEmpty(region)) query = query.Where(o => o.Region == region);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var q = text.Trim().ToLowerInvariant();
            query = query.Where(o => o.Key.Contains(q) || o.Name.ToLower().Contains(q));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(o => o.Name).ThenBy(o => o.Key).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(o => new DirectoryRow(o.Id, o.Key, o.Name, o.Type, o.Designation, o.Sectors, o.Region, o.Nis2Class, o.IsActive,
                o.LinkingOrganisations.OrderBy(m => m.LinkingOrganisation.Key).Select(m => m.LinkingOrganisation.Key).ToList(), o.RemoteNode))
            .ToListAsync(ct);
        return (rows, total);
    }

    /// <summary>
    /// Whether the viewer may see the contact details (mailbox, 24/7 phone, OpenPGP key) of an organisation: the
    /// organisation itself, its linking organisations, the coordinator (DESIGN.md section 1) and platform administrators.
    /// </summary>
    public static bool CanSeeContacts(Viewer viewer, int organisationId, IEnumerable<int> linkingOrganisationIds) =>
        viewer.IsAuthenticated && (viewer.OrganisationId == organisationId
            || viewer.OrganisationType == OrganisationType.Coordinator
            || viewer.IsPlatformAdmin
            || linkingOrganisationIds.Contains(viewer.OrganisationId!.Value));
}
