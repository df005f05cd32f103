using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Tlp;

namespace Schakel.Features.Audit;

/// <summary>
/// Search criteria for audit records, shared by the page, the API and the export. All optional; together they narrow.
/// <see cref="Action"/>: an exact action key, or a prefix ending in <c>.*</c> (<c>item.*</c>). <see cref="Email"/>: the
/// acting person's e-mail or the subject (a credential record names the person concerned there), case-insensitive.
/// <see cref="OrganisationKey"/>: the acting organisation. <see cref="Before"/> is exclusive; times are UTC.
/// </summary>
public sealed record AuditFilter(string? Action = null, string? Email = null, string? OrganisationKey = null, Guid? ItemId = null,
    DateTimeOffset? From = null, DateTimeOffset? Before = null)
{
    /// <summary>True when the range cannot hold anything (<see cref="Before"/> not after <see cref="From"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmptyRange => From is { } f && Before is { } b && b <= f;

    public IQueryable<AuditRecord> Apply(IQueryable<AuditRecord> records)
    {
        if (Action is { Length: > 0 } a)
        {
            if (a.EndsWith(".*", StringComparison.Ordinal))
            {
                var prefix = a[..^1];
                records = records.Where(r => r.Action.StartsWith(prefix));
            }
            else
            {
                records = records.Where(r => r.Action == a);
            }
        }

        if (Email is { Length: > 0 } e)
        {
            var lower = e.Trim().ToLowerInvariant();
            records = records.Where(r => (r.PersonEmail != null && r.PersonEmail.ToLower() == lower) || (r.Subject != null && r.Subject.ToLower() == lower));
        }

        if (OrganisationKey is { Length: > 0 } k)
        {
            var key = k.Trim().ToLowerInvariant();
            records = records.Where(r => r.OrganisationKey == key);
        }

        if (ItemId is { } id) records = records.Where(r => r.ItemId == id);
        if (From is { } from) records = records.Where(r => r.At >= from);
        if (Before is { } before) records = records.Where(r => r.At < before);
        return records;
    }
}

/// <summary>
/// THE one place that decides which audit records a viewer may read (issue 3, "Audit log"): people with the
/// <c>Auditor</c> role only. Auditors of the organisation that runs the node (<c>Node:OrganisationKey</c>, see
/// <see cref="PersonService.NodeOrganisationKey"/>) see every record; auditors of any other organisation see the records
/// of their organisation's actions and the records about their organisation's items, except records about TLP:RED
/// items. Records hold no item content, so
/// neither does anything built on this query.
/// </summary>
public sealed class AuditScope(SchakelDbContext db, PersonService persons)
{
    /// <summary>The records the viewer may read, or null when the viewer is not an auditor (callers answer 403).</summary>
    public async Task<IQueryable<AuditRecord>?> VisibleAsync(Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.IsAuthenticated || !viewer.Roles.Contains(Roles.Auditor)) return null;
        var records = db.AuditRecords.AsNoTracking();
        var orgId = viewer.OrganisationId!.Value;
        var nodeKey = persons.NodeOrganisationKey;
        var isNode = await db.Organisations.AnyAsync(o => o.Id == orgId && o.Key == nodeKey, ct);
        // A RED item is never in anyone's lists (DESIGN.md section 3): an organisation's auditors do not see records about
        // one, not even their own people's reads, which would show that it exists. The node's auditors see every record.
        return isNode ? records : records.Where(r => (r.OrganisationId == orgId || r.ItemOrganisationId == orgId)
            && (r.ItemId == null || !db.Items.Any(i => i.Id == r.ItemId && i.Tlp == Sharing.Tlp.Red)));
    }

    /// <summary>Whether the viewer may read audit records at all (for the navigation).</summary>
    public static bool IsAuditor(Viewer viewer) => viewer.IsAuthenticated && viewer.Roles.Contains(Roles.Auditor);
}
