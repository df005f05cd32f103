using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Audit;
using Schakel.Features.Tlp;

namespace Schakel.Features.Network;

/// <summary>
/// <c>/organisations/{key}/edit</c> (platform administrators): edits every field but the key, the constituency links,
/// and deactivates or reactivates the organisation. Deactivation renews the security stamp of its people so their
/// cookie sessions end; their API tokens stop working at once (the token handler checks the organisation).
/// </summary>
[Authorize, PlatformAdminOnly]
public sealed class OrganisationEditModel(SchakelDbContext db, NetworkService network, UserManager<Person> users, TimeProvider time, AuditLog audit)
    : OrganisationFormModel(db)
{
    public override bool IsNew => false;

    public Organisation Organisation { get; private set; } = null!;

    /// <summary>The confirmation box of the deactivate form.</summary>
    [BindProperty] public bool Confirm { get; set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        if (await LoadAsync(key, ct) is not { } org) return NotFound();
        Input = OrganisationInput.From(NetworkService.ToDto(org));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (await LoadAsync(key, ct) is not { } org) return NotFound();
        Input.Key = org.Key; // the key never changes: other systems and audiences refer to it
        var valid = await ValidateAsync(org.IsActive, org.Id, ct);
        if (valid is null) return Page();
        var (dto, links) = valid.Value;
        NetworkService.Apply(org, dto);
        network.SetLinks(org, links, time.GetUtcNow());
        var change = AdminChanges.Of(Db, org);
        await Db.SaveChangesAsync(ct);
        if (!change.IsEmpty) await audit.RecordAsync(AuditActor.From(Viewer.From(User)), new AuditEvent("organisation.update", Subject: org.Key, Detail: change), ct);
        TempData["Status"] = "Saved";
        return Redirect($"/organisations/{org.Key}");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string key, CancellationToken ct)
    {
        if (await LoadAsync(key, ct) is not { } org) return NotFound();
        Input = OrganisationInput.From(NetworkService.ToDto(org));
        if (org.Id == Viewer.From(User).OrganisationId) Problems.Add("confirm", "Error.DeactivateOwn");
        else if (!Confirm) Problems.Add("confirm", "Error.ConfirmRequired");
        if (Problems.Count > 0) return Page();

        org.IsActive = false;
        await Db.SaveChangesAsync(ct);
        var people = await Db.Users.Where(p => p.OrganisationId == org.Id).ToListAsync(ct);
        foreach (var person in people) await users.UpdateSecurityStampAsync(person);
        await audit.RecordAsync(AuditActor.From(Viewer.From(User)), new AuditEvent("organisation.deactivate", Subject: org.Key), ct);
        TempData["Status"] = "Deactivated";
        return Redirect($"/organisations/{org.Key}");
    }

    public async Task<IActionResult> OnPostReactivateAsync(string key, CancellationToken ct)
    {
        if (await LoadAsync(key, ct) is not { } org) return NotFound();
        org.IsActive = true;
        await Db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActor.From(Viewer.From(User)), new AuditEvent("organisation.reactivate", Subject: org.Key), ct);
        TempData["Status"] = "Reactivated";
        return Redirect($"/organisations/{org.Key}");
    }

    private async Task<Organisation?> LoadAsync(string key, CancellationToken ct)
    {
        var org = await Db.Organisations.Include(o => o.LinkingOrganisations).ThenInclude(m => m.LinkingOrganisation)
            .FirstOrDefaultAsync(o => o.Key == key, ct);
        if (org is null) return null;
        Organisation = org;
        await LoadOptionsAsync(ct);
        return org;
    }
}
