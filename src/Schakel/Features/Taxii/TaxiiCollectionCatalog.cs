using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schakel.Data;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using TlpLabel = Schakel.Features.Sharing.Tlp;

namespace Schakel.Features.Taxii;

/// <summary>
/// One collection as a caller sees it: its key (<c>public</c>, <c>inbox</c>, <c>network</c>, <c>sector:KEY</c>,
/// <c>constituency:KEY</c>, <c>org:KEY</c>), TAXII id, title and description (Dutch or English), whether the caller may
/// write (POST an envelope), and the audience an envelope posted to it is published to (null: not writable at all).
/// </summary>
public sealed record TaxiiCollectionInfo(string Key, string Id, string Title, string Description, bool CanWrite, AudienceSpec? Audience)
{
    /// <summary>The collection that holds published CLEAR items, readable without credentials.</summary>
    public bool IsPublic => Key == TaxiiCollectionCatalog.PublicKey;
}

/// <summary>
/// The collections of the API root per caller and the items each holds (docs/taxii.md). Every collection is a view on
/// <see cref="ItemAccess.VisibleItems"/> (the one authorisation path), narrowed: <c>public</c> to CLEAR, <c>inbox</c> to
/// nothing more, an audience collection to items with an audience entry of that audience (forwards included). Drafts are
/// never served: a draft is not shared yet.
/// </summary>
public sealed class TaxiiCollectionCatalog(SchakelDbContext db, ItemAccess access, PublishingService publishing, IStringLocalizerFactory localizers)
{
    public const string PublicKey = "public";
    public const string InboxKey = "inbox";

    private readonly IStringLocalizer _text = localizers.Create("Features.Taxii.TaxiiNames", typeof(TaxiiCollectionCatalog).Assembly.GetName().Name!);

    /// <summary>The caller's collections in a stable order: public, inbox, network, sectors, constituencies, own organisation.</summary>
    public async Task<IReadOnlyList<TaxiiCollectionInfo>> ListAsync(Viewer viewer, CancellationToken ct)
    {
        var names = NetworkNames.Create(localizers);
        var list = new List<(string Key, string Title, string Description, AudienceSpec? Audience, TlpLabel Label)>
        {
            (PublicKey, _text["Public"], _text["PublicDescription"], new AudienceSpec(AudienceKind.Network, null), TlpLabel.Clear),
        };
        if (!viewer.IsAuthenticated) return await WithWriteAsync(viewer, null, list, ct);

        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == viewer.OrganisationId)
            .Select(o => new
            {
                Org = o,
                Linking = o.LinkingOrganisations.Select(m => new { m.LinkingOrganisation.Key, m.LinkingOrganisation.Name }).OrderBy(m => m.Key).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (org is null) return await WithWriteAsync(viewer, null, list, ct);

        list.Add((InboxKey, _text["Inbox"], _text["InboxDescription"], null, TlpLabel.Amber));
        list.Add(("network", _text["Network"], _text["NetworkDescription"], new AudienceSpec(AudienceKind.Network, null), TlpLabel.Amber));
        foreach (var sector in org.Org.Sectors.Order(StringComparer.Ordinal))
            list.Add(($"sector:{sector}", string.Format(_text["Sector"], names.Sector(sector)), string.Format(_text["SectorDescription"], names.Sector(sector)),
                new AudienceSpec(AudienceKind.Sector, sector), TlpLabel.Amber));
        var constituencies = org.Org.Type == OrganisationType.LinkingOrganisation
            ? new[] { new { org.Org.Key, org.Org.Name } }.ToList()
            : org.Linking;
        foreach (var lo in constituencies)
            list.Add(($"constituency:{lo.Key}", string.Format(_text["Constituency"], lo.Name), string.Format(_text["ConstituencyDescription"], lo.Name),
                new AudienceSpec(AudienceKind.Constituency, lo.Key), TlpLabel.Amber));
        list.Add(($"org:{org.Org.Key}", string.Format(_text["Organisation"], org.Org.Name), string.Format(_text["OrganisationDescription"], org.Org.Name),
            new AudienceSpec(AudienceKind.Organisation, org.Org.Key), TlpLabel.Amber));
        return await WithWriteAsync(viewer, org.Org, list, ct);
    }

    /// <summary>The caller's collection with this id (or alias, which is its key); null when the caller has no such collection.</summary>
    public async Task<TaxiiCollectionInfo?> FindAsync(Viewer viewer, string idOrAlias, CancellationToken ct)
    {
        var all = await ListAsync(viewer, ct);
        return all.FirstOrDefault(c => string.Equals(c.Id, idOrAlias, StringComparison.OrdinalIgnoreCase) || c.Key == idOrAlias);
    }

    /// <summary>Whether this id or alias names the public collection (anonymous callers get 401 for every other one).</summary>
    public static bool IsPublicId(string idOrAlias) =>
        idOrAlias == PublicKey || string.Equals(idOrAlias, TaxiiCollectionIds.For(PublicKey), StringComparison.OrdinalIgnoreCase);

    /// <summary>The ids of the items the collection holds for this caller, as a query to compose (never materialised here).</summary>
    public IQueryable<Guid> ItemIds(Viewer viewer, TaxiiCollectionInfo collection)
    {
        var items = access.VisibleItems(viewer).Where(i => i.Status != ItemStatus.Draft);
        if (collection.Key == PublicKey) return items.Where(i => i.Tlp == TlpLabel.Clear).Select(i => i.Id);
        if (collection.Key == InboxKey) return items.Select(i => i.Id);
        var kind = collection.Audience!.Kind;
        var value = collection.Audience.Value;
        return items.Where(i => db.AudienceEntries.Any(a => a.ItemId == i.Id && a.Kind == kind && a.Value == value)).Select(i => i.Id);
    }

    /// <summary>
    /// The ids of every item the caller may read over TAXII, whatever the collection: the inbox's items, CLEAR ones for an
    /// anonymous caller. Used to name the other items holding an object version (<see cref="TaxiiStore.OtherHoldersAsync"/>).
    /// </summary>
    public IQueryable<Guid> AllItemIds(Viewer viewer)
    {
        var items = access.VisibleItems(viewer).Where(i => i.Status != ItemStatus.Draft);
        return viewer.IsAuthenticated ? items.Select(i => i.Id) : items.Where(i => i.Tlp == TlpLabel.Clear).Select(i => i.Id);
    }

    private async Task<IReadOnlyList<TaxiiCollectionInfo>> WithWriteAsync(Viewer viewer, Organisation? org,
        List<(string Key, string Title, string Description, AudienceSpec? Audience, TlpLabel Label)> list, CancellationToken ct)
    {
        var mayWrite = org is not null && viewer.IsAnalyst && org.IsActive && PublishingService.MayPublish(org.Type);
        var result = new List<TaxiiCollectionInfo>(list.Count);
        foreach (var c in list)
        {
            var canWrite = mayWrite && c.Audience is not null && c.Key != InboxKey
                && (await publishing.CheckAudienceAsync(org!, c.Label, [c.Audience], ct)).Count == 0;
            result.Add(new TaxiiCollectionInfo(c.Key, TaxiiCollectionIds.For(c.Key), c.Title, c.Description, canWrite, c.Key == InboxKey ? null : c.Audience));
        }

        return result;
    }
}
