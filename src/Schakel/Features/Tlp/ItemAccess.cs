using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Sharing;
using TlpLabel = Schakel.Features.Sharing.Tlp;

namespace Schakel.Features.Tlp;

/// <summary>
/// The one authorisation path for reading items (DESIGN.md section 3). Every page, endpoint, export and feed asks
/// this service; nothing else filters items by label. Rules:
/// <list type="bullet">
/// <item>Drafts: analysts of the publishing organisation only.</item>
/// <item>Published or retracted CLEAR: everyone, also anonymous visitors.</item>
/// <item>GREEN, AMBER, AMBER+STRICT: the publishing organisation and every organisation holding a delivery.</item>
/// <item>RED: the publishing person and the persons holding a person delivery; nobody else, administrators included.</item>
/// </list>
/// Deliveries are the materialised access list, so each check is one indexed lookup.
/// </summary>
public sealed class ItemAccess(SchakelDbContext db)
{
    /// <summary>Items the viewer may see, as a query to compose further (filters, paging, counts).</summary>
    public IQueryable<Item> VisibleItems(Viewer viewer)
    {
        var items = db.Items.AsNoTracking();
        if (!viewer.IsAuthenticated)
        {
            return items.Where(i => i.Status != ItemStatus.Draft && i.Tlp == TlpLabel.Clear);
        }

        var orgId = viewer.OrganisationId!.Value;
        var personId = viewer.PersonId!;
        var analyst = viewer.IsAnalyst;
        return items.Where(i =>
            (i.Status == ItemStatus.Draft
                ? analyst && i.PublisherOrganisationId == orgId && (i.Tlp != TlpLabel.Red || i.PublisherPersonId == personId)
                : i.Tlp == TlpLabel.Red
                    ? i.PublisherPersonId == personId || i.Deliveries.Any(d => d.RecipientPersonId == personId)
                    : i.Tlp == TlpLabel.Clear
                      || i.PublisherOrganisationId == orgId
                      || i.Deliveries.Any(d => d.RecipientOrganisationId == orgId && d.RecipientPersonId == null)));
    }

    /// <summary>The item if the viewer may see it, otherwise null (callers answer 404: no difference between "absent" and "forbidden").</summary>
    public Task<Item?> FindAsync(Viewer viewer, Guid id, CancellationToken ct = default) =>
        VisibleItems(viewer).FirstOrDefaultAsync(i => i.Id == id, ct);

    /// <summary>Whether the viewer may see the item.</summary>
    public Task<bool> CanSeeAsync(Viewer viewer, Guid id, CancellationToken ct = default) =>
        VisibleItems(viewer).AnyAsync(i => i.Id == id, ct);

    /// <summary>
    /// The deliveries that make up the viewer's inbox: its organisation's deliveries, and person deliveries (RED) only
    /// to the addressed person. Every inbox row is visible by construction, because deliveries are created only when an
    /// item is published (never for drafts) and a RED item only ever gets person deliveries. The organisation comes
    /// first so that the index (RecipientOrganisationId, DeliveredAt) serves the page and the count.
    /// </summary>
    public IQueryable<Delivery> Inbox(Viewer viewer)
    {
        if (!viewer.IsAuthenticated) return db.Deliveries.Where(_ => false);
        var orgId = viewer.OrganisationId!.Value;
        var personId = viewer.PersonId!;
        return db.Deliveries.AsNoTracking().Where(d =>
            d.RecipientOrganisationId == orgId && (d.RecipientPersonId == null || d.RecipientPersonId == personId));
    }

    /// <summary>The viewer's own delivery of an item (tracked, for state changes), or null.</summary>
    public Task<Delivery?> FindDeliveryAsync(Viewer viewer, Guid itemId, CancellationToken ct = default)
    {
        if (!viewer.IsAuthenticated) return Task.FromResult<Delivery?>(null);
        var orgId = viewer.OrganisationId!.Value;
        var personId = viewer.PersonId!;
        return db.Deliveries.Include(d => d.Item).FirstOrDefaultAsync(d => d.ItemId == itemId
            && d.RecipientOrganisationId == orgId
            && d.Item.Status != ItemStatus.Draft
            && (d.RecipientPersonId == null ? d.Item.Tlp != TlpLabel.Red : d.RecipientPersonId == personId), ct);
    }
}
