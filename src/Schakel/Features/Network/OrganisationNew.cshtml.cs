using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Tlp;

namespace Schakel.Features.Network;

/// <summary><c>/organisations/new</c> (platform administrators): creates an organisation with its constituency links.</summary>
[Authorize, PlatformAdminOnly]
public sealed class OrganisationNewModel(SchakelDbContext db, NetworkService network, TimeProvider time, AuditLog audit) : OrganisationFormModel(db)
{
    public override bool IsNew => true;

    public Task OnGetAsync(CancellationToken ct) => LoadOptionsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var valid = await ValidateAsync(isActive: true, selfId: null, ct);
        var key = Input.Key?.Trim();
        if (OrganisationRules.IsValidKey(key) && await Db.Organisations.AnyAsync(o => o.Key == key, ct)) Problems.Add("key", "Error.KeyTaken", key);
        if (valid is null || Problems.Count > 0)
        {
            await LoadOptionsAsync(ct);
            return Page();
        }

        var (dto, links) = valid.Value;
        var now = time.GetUtcNow();
        var entity = new Organisation { Key = dto.Key, Name = dto.Name, CreatedAt = now };
        NetworkService.Apply(entity, dto);
        await using var tx = await Db.Database.BeginTransactionAsync(ct);
        Db.Organisations.Add(entity);
        await Db.SaveChangesAsync(ct);
        // The links need the new organisation's id, hence the second save inside one transaction.
        network.SetLinks(entity, links, now);
        await Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync(AuditActor.From(Viewer.From(User)), new AuditEvent("organisation.create", Subject: entity.Key, Detail: new { type = dto.Type.ToString(), links = dto.LinkingOrganisations }), ct);
        TempData["Status"] = "Created";
        return Redirect($"/organisations/{entity.Key}");
    }
}
