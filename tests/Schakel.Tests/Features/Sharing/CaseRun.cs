using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel.Tests.Features.Sharing;

/// <summary>
/// One case against the services: the database ids of its organisations, people and items, the trace of steps with both
/// outcomes, and the differences found between the model and the services.
/// </summary>
public sealed class CaseRun(string prefix)
{
    public int[] OrgIds { get; private set; } = [];
    public string[] PersonIds { get; private set; } = [];
    public List<Guid> ItemIds { get; } = [];
    public List<string> Trace { get; } = [];
    public List<string> Differences { get; } = [];

    public string OrgKey(int i) => i < 0 ? prefix + "nosuch" : $"{prefix}o{i}";
    public string Email(int p) => $"{prefix}p{p}@example.test";

    /// <summary>Stores the network: organisations, memberships, people (with their organisation), relay policies.</summary>
    public async Task BuildNetworkAsync(SchakelDbContext db, NetworkSpec net)
    {
        var now = DateTimeOffset.UtcNow;
        var orgs = net.Orgs.Select((o, i) => new Organisation
        {
            Key = OrgKey(i), Name = $"Organisation {i}", Type = o.Type, Sectors = [.. o.Sectors], WbniCategory = o.Wbni, IsActive = o.Active, CreatedAt = now,
            Designation = o.Type == OrganisationType.LinkingOrganisation ? Designation.CERT : null,
        }).ToArray();
        db.Organisations.AddRange(orgs);
        db.ConstituencyMemberships.AddRange(net.Memberships.Select(m => new ConstituencyMembership { LinkingOrganisation = orgs[m.Linking], Member = orgs[m.Member], CreatedAt = now }));
        var people = net.People.Select((p, i) => new Person
        {
            Id = $"{prefix}p{i}", UserName = Email(i), NormalizedUserName = Email(i).ToUpperInvariant(), Email = Email(i), NormalizedEmail = Email(i).ToUpperInvariant(),
            DisplayName = $"Person {i}", Organisation = orgs[p.Org], IsActive = p.Active, CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString(),
        }).ToArray();
        db.Users.AddRange(people);
        await db.SaveChangesAsync();
        db.RelayPolicies.AddRange(net.Policies.Select(p => new RelayPolicy { OrganisationId = orgs[p.Org].Id, Tlp = p.Tlp, Automatic = p.Automatic }));
        await db.SaveChangesAsync();
        OrgIds = orgs.Select(o => o.Id).ToArray();
        PersonIds = people.Select(p => p.Id).ToArray();
    }

    public Viewer ViewerFor(NetworkSpec net, int p) =>
        new(PersonIds[p], OrgIds[net.People[p].Org], net.Orgs[net.People[p].Org].Type, net.People[p].Roles.ToHashSet(StringComparer.Ordinal));

    public AudienceSpec[] Audience(Step s) => s.Audience.Select(a => a.Kind switch
    {
        AudienceKind.Network => new AudienceSpec(AudienceKind.Network, null),
        AudienceKind.Sector => new AudienceSpec(AudienceKind.Sector, a.Sector),
        AudienceKind.Person => new AudienceSpec(AudienceKind.Person, Email(a.Person!.Value)),
        _ => new AudienceSpec(a.Kind, OrgKey(a.Org!.Value)),
    }).ToArray();

    /// <summary>Carries out a step through the services; returns null when it was done, else why it was refused.</summary>
    public async Task<string?> ExecuteAsync(IServiceProvider sp, NetworkSpec net, Step s)
    {
        var db = sp.GetRequiredService<SchakelDbContext>();
        var viewer = ViewerFor(net, s.Actor);
        var itemId = s.Item is { } i ? ItemIds[i] : Guid.Empty;
        try
        {
            switch (s.Kind)
            {
                case OpKind.Publish:
                    var org = await db.Organisations.SingleAsync(o => o.Id == viewer.OrganisationId);
                    var now = DateTimeOffset.UtcNow;
                    var item = new Item
                    {
                        Id = Guid.CreateVersion7(), Kind = ItemKind.Post, Title = $"Item {ItemIds.Count}", Tlp = s.Tlp!.Value, PublisherOrganisationId = org.Id,
                        PublisherPersonId = s.Cli ? null : viewer.PersonId, Status = ItemStatus.Draft, CreatedAt = now, UpdatedAt = now,
                    };
                    db.Items.Add(item);
                    await db.SaveChangesAsync();
                    ItemIds.Add(item.Id);
                    if (!s.DraftOnly) await sp.GetRequiredService<PublishingService>().PublishAsync(item, org, s.Cli ? null : viewer.PersonId, Audience(s));
                    return null;
                case OpKind.SetPolicy:
                    await sp.GetRequiredService<RelayService>().SetPolicyAsync(viewer, s.Tlp!.Value, s.Automatic);
                    return null;
            }

            if (s.Item is null) return "no item yet";
            switch (s.Kind)
            {
                case OpKind.AddAudience:
                    var publisher = await db.Organisations.SingleAsync(o => o.Id == viewer.OrganisationId);
                    var tracked = await db.Items.SingleAsync(x => x.Id == itemId);
                    await sp.GetRequiredService<PublishingService>().PublishAsync(tracked, publisher, viewer.PersonId, Audience(s));
                    break;
                case OpKind.Forward:
                    await sp.GetRequiredService<ForwardingService>().ForwardAsync(viewer, itemId, Audience(s), s.Text, s.Tlp);
                    break;
                case OpKind.Relay:
                    await sp.GetRequiredService<RelayService>().RelayAsync(viewer, itemId, s.Text, s.Tlp);
                    break;
                case OpKind.Relabel:
                    await sp.GetRequiredService<ItemChangeService>().RelabelAsync(viewer, itemId, s.Tlp!.Value);
                    break;
                case OpKind.Retract:
                    await sp.GetRequiredService<ItemChangeService>().RetractAsync(viewer, itemId, s.Text);
                    break;
            }

            return null;
        }
        catch (SharingRuleException e)
        {
            return "refused: " + string.Join(" ", e.Problems.Select(p => p.Code));
        }
        catch (KeyNotFoundException)
        {
            return "refused: not found";
        }
    }

    /// <summary>Compares everything the rules decide with the model and records each difference.</summary>
    public async Task CompareAsync(IServiceProvider sp, NetworkSpec net, SharingModel model)
    {
        var db = sp.GetRequiredService<SchakelDbContext>();
        var access = sp.GetRequiredService<ItemAccess>();
        var orgIndex = OrgIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var items = await db.Items.AsNoTracking().Where(i => ItemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id);
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => ItemIds.Contains(d.ItemId))
            .Select(d => new { d.ItemId, d.RecipientOrganisationId, d.RecipientPersonId, d.EffectiveTlp }).ToListAsync();
        var unreachable = await db.UnreachableMembers.AsNoTracking().Where(u => ItemIds.Contains(u.ItemId)).Select(u => new { u.ItemId, u.OrganisationId, u.Reason }).ToListAsync();
        var relays = await db.Relays.AsNoTracking().Where(r => ItemIds.Contains(r.ItemId)).Select(r => new { r.ItemId, r.LinkingOrganisationId, r.Status }).ToListAsync();
        for (var i = 0; i < ItemIds.Count; i++)
        {
            var id = ItemIds[i];
            var m = model.Items[i];
            Check($"item{i} status", m.Status, items[id].Status);
            Check($"item{i} label", m.Tlp, items[id].Tlp);
            Check($"item{i} organisation deliveries (org:label)", Show(m.Routes.Keys.Select(o => $"o{o}:{model.EffectiveLabel(i, o)!.Value.ToLabel()}")),
                Show(deliveries.Where(d => d.ItemId == id && d.RecipientPersonId == null).Select(d => $"o{orgIndex[d.RecipientOrganisationId]}:{d.EffectiveTlp.ToLabel()}")));
            Check($"item{i} person deliveries", Show(m.PersonDeliveries.Select(p => $"p{p}")),
                Show(deliveries.Where(d => d.ItemId == id && d.RecipientPersonId != null).Select(d => $"p{Array.IndexOf(PersonIds, d.RecipientPersonId)}")));
            Check($"item{i} unreachable", Show(m.Unreachable.Select(u => $"o{u.Key}:{u.Value}")),
                Show(unreachable.Where(u => u.ItemId == id).Select(u => $"o{orgIndex[u.OrganisationId]}:{u.Reason}")));
            Check($"item{i} relays", Show(m.Relays.Select(r => $"o{r.Key}:{r.Value.Status}")),
                Show(relays.Where(r => r.ItemId == id).Select(r => $"o{orgIndex[r.LinkingOrganisationId]}:{r.Status}")));
            Check($"anonymous may see item{i}", model.MaySee(null, i), await access.CanSeeAsync(Viewer.Anonymous, id));
        }

        var anonymous = await access.VisibleItems(Viewer.Anonymous).Where(x => ItemIds.Contains(x.Id)).Select(x => x.Id).ToListAsync();
        Check("anonymous list", Show(Enumerable.Range(0, ItemIds.Count).Where(i => model.MaySee(null, i)).Select(i => $"item{i}")), Show(anonymous.Select(Name)));
        for (var p = 0; p < net.People.Length; p++)
        {
            var viewer = ViewerFor(net, p);
            var visible = (await access.VisibleItems(viewer).Where(x => ItemIds.Contains(x.Id)).Select(x => x.Id).ToListAsync()).ToHashSet();
            var inbox = await access.Inbox(viewer).Where(d => ItemIds.Contains(d.ItemId)).Select(d => new { d.ItemId, d.EffectiveTlp }).ToListAsync();
            for (var i = 0; i < ItemIds.Count; i++)
            {
                var may = model.MaySee(p, i);
                Check($"p{p} CanSeeAsync item{i}", may, await access.CanSeeAsync(viewer, ItemIds[i]));
                Check($"p{p} VisibleItems has item{i}", may, visible.Contains(ItemIds[i]));
                var expected = model.InInbox(p, i)
                    ? (model.Items[i].PersonDeliveries.Contains(p) ? Tlp.Red : model.EffectiveLabel(i, net.People[p].Org)).ToString() : "absent";
                var actual = Show(inbox.Where(d => d.ItemId == ItemIds[i]).Select(d => d.EffectiveTlp.ToString()));
                Check($"p{p} Inbox item{i} (label)", expected, actual == "" ? "absent" : actual);
            }
        }
    }

    private string Name(Guid id) => $"item{ItemIds.IndexOf(id)}";

    private static string Show(IEnumerable<string> values) => string.Join(" ", values.Order(StringComparer.Ordinal));

    private void Check<T>(string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual)) Differences.Add($"{what}: model {expected}, services {actual}");
    }
}
