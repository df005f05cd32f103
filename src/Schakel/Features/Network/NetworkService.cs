using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Accounts;

namespace Schakel.Features.Network;

/// <summary>Outcome of a network import: counts and, when rejected, every reason. A rejected import stores nothing.</summary>
public sealed record NetworkImportResult(int OrganisationsCreated, int OrganisationsUpdated, int PeopleCreated, int PeopleUpdated, IReadOnlyList<string> Errors);

/// <summary>Reads, writes, imports and exports the network registry: organisations, constituency links, people.</summary>
public sealed class NetworkService(SchakelDbContext db, PersonService persons, Microsoft.AspNetCore.Identity.UserManager<Person> users, TimeProvider time)
{
    /// <summary>Exports every organisation and person, ordered by key and e-mail.</summary>
    public async Task<NetworkDocument> ExportAsync(CancellationToken ct = default)
    {
        var orgs = await db.Organisations.AsNoTracking().OrderBy(o => o.Key)
            .Include(o => o.LinkingOrganisations).ThenInclude(m => m.LinkingOrganisation).ToListAsync(ct);
        var roleRows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var rolesByPerson = roleRows.ToLookup(r => r.UserId, r => r.Name!);
        var people = await db.Users.AsNoTracking().Include(p => p.Organisation).OrderBy(p => p.Email).ToListAsync(ct);
        return new NetworkDocument
        {
            Organisations = orgs.Select(ToDto).ToList(),
            People = people.Select(p => new PersonDto
            {
                Email = p.Email!, DisplayName = p.DisplayName, Organisation = p.Organisation.Key,
                Roles = rolesByPerson[p.Id].Order(StringComparer.Ordinal).ToList(), IsActive = p.IsActive,
            }).ToList(),
        };
    }

    /// <summary>The data-transfer form of an organisation (its linking organisations must be loaded).</summary>
    public static OrganisationDto ToDto(Organisation o) => new()
    {
        Key = o.Key, Name = o.Name, Type = o.Type, Designation = o.Designation, KvkNumber = o.KvkNumber, Oin = o.Oin,
        Sectors = [.. o.Sectors], Nis2Class = o.Nis2Class, Region = o.Region, WbniCategory = o.WbniCategory, Email = o.Email,
        Phone = o.Phone, PgpKey = o.PgpKey, Website = o.Website, IsActive = o.IsActive,
        LinkingOrganisations = o.LinkingOrganisations.Select(m => m.LinkingOrganisation.Key).Order(StringComparer.Ordinal).ToList(),
    };

    /// <summary>
    /// Imports a network document: organisations are created or updated by key (their constituency links replaced by
    /// the document's), people created or updated by e-mail (new people get no password: an administrator sets one).
    /// Everything is checked first; on any error nothing is stored and every error is returned.
    /// </summary>
    public async Task<NetworkImportResult> ImportAsync(NetworkDocument doc, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in doc.Organisations)
        {
            errors.AddRange(OrganisationRules.Check(o));
            if (!keys.Add(o.Key)) errors.Add($"organisation '{o.Key}': appears twice.");
        }

        var existing = await db.Organisations.Include(o => o.LinkingOrganisations).ToDictionaryAsync(o => o.Key, ct);
        bool IsLinking(string key) =>
            doc.Organisations.FirstOrDefault(x => x.Key == key) is { } d ? d.Type == OrganisationType.LinkingOrganisation
            : existing.TryGetValue(key, out var e) && e.Type == OrganisationType.LinkingOrganisation;
        foreach (var o in doc.Organisations)
        {
            foreach (var lo in o.LinkingOrganisations.Where(lo => !IsLinking(lo)))
                errors.Add($"organisation '{o.Key}': '{lo}' is not a linking organisation.");
            if (o.LinkingOrganisations.Contains(o.Key)) errors.Add($"organisation '{o.Key}': cannot be in its own constituency.");
        }

        // One coordinator and one director in the network (DESIGN.md section 1), counting the document and the database.
        foreach (var unique in new[] { OrganisationType.Coordinator, OrganisationType.Director })
        {
            var keysOfType = doc.Organisations.Where(o => o.Type == unique).Select(o => o.Key)
                .Concat(existing.Values.Where(e => e.Type == unique && doc.Organisations.All(o => o.Key != e.Key)).Select(e => e.Key))
                .Distinct().ToList();
            if (keysOfType.Count > 1) errors.Add($"The network has one {unique.ToString().ToLowerInvariant()}; this would make {keysOfType.Count}: {string.Join(", ", keysOfType)}.");
        }

        // The node's own organisation and its platform administrators keep the node manageable: an import never locks them out.
        var node = persons.NodeOrganisationKey;
        if (doc.Organisations.FirstOrDefault(o => o.Key == node) is { IsActive: false })
            errors.Add($"organisation '{node}': runs this node and cannot be deactivated.");
        var demoted = doc.People.Where(p => !p.IsActive || !p.Roles.Contains(Roles.PlatformAdmin)).Select(p => p.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == Roles.PlatformAdmin && u.IsActive
                            select u.Email).ToListAsync(ct);
        var remaining = admins.Where(e => !demoted.Contains(e!)).Concat(doc.People.Where(p => p.IsActive && p.Roles.Contains(Roles.PlatformAdmin)).Select(p => p.Email)).Distinct().Count();
        if (admins.Count > 0 && remaining == 0) errors.Add("The import would leave no active platform administrator.");

        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in doc.People)
        {
            if (!p.Email.Contains('@')) errors.Add($"person '{p.Email}': e-mail address is not valid.");
            if (!emails.Add(p.Email)) errors.Add($"person '{p.Email}': appears twice.");
            if (!keys.Contains(p.Organisation) && !existing.ContainsKey(p.Organisation)) errors.Add($"person '{p.Email}': no organisation '{p.Organisation}'.");
            foreach (var r in p.Roles.Where(r => !Roles.All.Contains(r))) errors.Add($"person '{p.Email}': unknown role '{r}'.");
            if (persons.RoleProblem(p.Organisation, p.Roles) is { } roleProblem) errors.Add($"person '{p.Email}': {roleProblem}");
        }

        if (errors.Count > 0) return new NetworkImportResult(0, 0, 0, 0, errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        int created = 0, updated = 0;
        foreach (var o in doc.Organisations)
        {
            if (!existing.TryGetValue(o.Key, out var entity))
            {
                entity = new Organisation { Key = o.Key, Name = o.Name, CreatedAt = now };
                db.Organisations.Add(entity);
                existing[o.Key] = entity;
                created++;
            }
            Apply(entity, o);
            // Only organisations whose fields really changed count as updated.
            var entry = db.Entry(entity);
            if (entry.State == EntityState.Unchanged)
            {
                entry.DetectChanges();
                if (entry.State == EntityState.Modified) updated++;
            }
        }

        await db.SaveChangesAsync(ct);
        foreach (var o in doc.Organisations)
        {
            SetLinks(existing[o.Key], o.LinkingOrganisations.Select(k => existing[k]), now);
        }

        await db.SaveChangesAsync(ct);
        int pCreated = 0, pUpdated = 0;
        foreach (var p in doc.People)
        {
            var (ok, wasNew, problems) = await UpsertPersonAsync(p, existing[p.Organisation].Id);
            if (!ok) errors.AddRange(problems);
            else if (wasNew) pCreated++;
            else pUpdated++;
        }

        if (errors.Count > 0) return new NetworkImportResult(0, 0, 0, 0, errors);
        await tx.CommitAsync(ct);
        return new NetworkImportResult(created, updated, pCreated, pUpdated, []);
    }

    /// <summary>Copies the editable fields of a DTO onto an entity (not the key, not the links).</summary>
    public static void Apply(Organisation entity, OrganisationDto o)
    {
        entity.Name = o.Name.Trim();
        entity.Type = o.Type;
        entity.Designation = o.Designation;
        entity.KvkNumber = o.KvkNumber;
        entity.Oin = o.Oin;
        entity.Sectors = o.Sectors.Distinct().ToList();
        entity.Nis2Class = o.Nis2Class;
        entity.Region = o.Region;
        entity.WbniCategory = o.WbniCategory;
        entity.Email = o.Email;
        entity.Phone = o.Phone;
        entity.PgpKey = o.PgpKey;
        entity.Website = o.Website;
        entity.IsActive = o.IsActive;
    }

    /// <summary>Replaces the linking organisations of a member (the member's links must be loaded).</summary>
    public void SetLinks(Organisation member, IEnumerable<Organisation> linking, DateTimeOffset now)
    {
        var wanted = linking.Select(l => l.Id).ToHashSet();
        member.LinkingOrganisations.RemoveAll(m => !wanted.Contains(m.LinkingOrganisationId));
        foreach (var id in wanted.Where(id => member.LinkingOrganisations.All(m => m.LinkingOrganisationId != id)))
        {
            member.LinkingOrganisations.Add(new ConstituencyMembership { LinkingOrganisationId = id, MemberId = member.Id, CreatedAt = now });
        }
    }

    private async Task<(bool Ok, bool Created, IReadOnlyList<string> Errors)> UpsertPersonAsync(PersonDto p, int orgId)
    {
        var person = await users.FindByEmailAsync(p.Email);
        if (person is null)
        {
            await persons.EnsureRolesAsync();
            person = new Person { UserName = p.Email, Email = p.Email, EmailConfirmed = true, DisplayName = p.DisplayName, OrganisationId = orgId, IsActive = p.IsActive, CreatedAt = time.GetUtcNow() };
            var r = await users.CreateAsync(person);
            if (!r.Succeeded) return (false, true, r.Errors.Select(e => $"person '{p.Email}': {e.Description}").ToList());
            r = await users.AddToRolesAsync(person, p.Roles.Distinct());
            return (r.Succeeded, true, r.Errors.Select(e => $"person '{p.Email}': {e.Description}").ToList());
        }

        person.DisplayName = p.DisplayName;
        person.OrganisationId = orgId;
        person.IsActive = p.IsActive;
        var u = await users.UpdateAsync(person);
        var current = await users.GetRolesAsync(person);
        await users.RemoveFromRolesAsync(person, current.Except(p.Roles));
        await users.AddToRolesAsync(person, p.Roles.Except(current).Distinct());
        await users.UpdateSecurityStampAsync(person);
        return (u.Succeeded, false, u.Errors.Select(e => $"person '{p.Email}': {e.Description}").ToList());
    }
}
