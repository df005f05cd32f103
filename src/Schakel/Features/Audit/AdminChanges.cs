using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Network;

namespace Schakel.Features.Audit;

/// <summary>
/// The detail of an <c>organisation.update</c> record: which fields changed (names only, never values: contact details and
/// keys of OpenPGP are not the log's business) and which constituency links were added or removed (linking organisation keys).
/// </summary>
public sealed record OrganisationChange(IReadOnlyList<string> Fields, IReadOnlyList<string> LinksAdded, IReadOnlyList<string> LinksRemoved)
{
    public bool IsEmpty => Fields.Count == 0 && LinksAdded.Count == 0 && LinksRemoved.Count == 0;
}

/// <summary>Reads pending changes from EF's change tracker for the audit record; call it before <c>SaveChanges</c>.</summary>
public static class AdminChanges
{
    /// <summary>What is about to change on <paramref name="org"/> (its links must be loaded, as the edit page does).</summary>
    public static OrganisationChange Of(SchakelDbContext db, Organisation org)
    {
        db.ChangeTracker.DetectChanges();
        var entry = db.Entry(org);
        var fields = entry.State == EntityState.Added ? [] : entry.Properties.Where(p => p.IsModified).Select(p => Camel(p.Metadata.Name)).ToList();
        var links = db.ChangeTracker.Entries<ConstituencyMembership>().Where(m => m.Entity.MemberId == org.Id || m.Entity.Member == org).ToList();
        string Key(ConstituencyMembership m) => db.Organisations.Local.FirstOrDefault(o => o.Id == m.LinkingOrganisationId)?.Key ?? m.LinkingOrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new OrganisationChange(fields,
            links.Where(m => m.State == EntityState.Added).Select(m => Key(m.Entity)).Order(StringComparer.Ordinal).ToList(),
            links.Where(m => m.State == EntityState.Deleted).Select(m => Key(m.Entity)).Order(StringComparer.Ordinal).ToList());
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
