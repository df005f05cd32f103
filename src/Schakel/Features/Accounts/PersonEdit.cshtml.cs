using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Network;
using Schakel.Features.Tlp;

namespace Schakel.Features.Accounts;

/// <summary>
/// <c>/people/{id}/edit</c>: name, roles and active flag. A person outside the viewer's reach is 404. Only a platform
/// administrator grants or removes PlatformAdmin; nobody deactivates themselves or drops their own PlatformAdmin.
/// Deactivation or a change of roles renews the security stamp, so existing cookie sessions end.
/// </summary>
[Authorize]
public sealed class PersonEditModel(SchakelDbContext db, UserManager<Person> users, PersonService persons, AuditLog audit) : PageModel
{
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public List<string> SelectedRoles { get; set; } = [];
    [BindProperty] public bool IsActive { get; set; }

    public Person Person { get; private set; } = null!;
    public string OrganisationName { get; private set; } = "";
    public IList<string> CurrentRoles { get; private set; } = [];
    public FormProblems Problems { get; } = [];
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;
    public bool IsSelf => Person.Id == Viewer.PersonId;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        (DisplayName, SelectedRoles, IsActive) = (Person.DisplayName, [.. CurrentRoles], Person.IsActive);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var name = DisplayName?.Trim() ?? "";
        if (name.Length == 0) Problems.Add("name", "Error.NameRequired");
        else if (name.Length > 256) Problems.Add("name", "Error.NameTooLong");

        var wanted = SelectedRoles.Where(r => Roles.All.Contains(r)).Distinct().ToHashSet();
        foreach (var r in SelectedRoles.Where(r => !Roles.All.Contains(r)).Distinct()) Problems.Add("roles", "Error.RoleNotAllowed", r);
        if (!Viewer.IsPlatformAdmin)
        {
            // The PlatformAdmin box is not offered to others: its absence means "unchanged", its presence is refused.
            if (wanted.Contains(Roles.PlatformAdmin) && !CurrentRoles.Contains(Roles.PlatformAdmin)) Problems.Add("roles", "Error.RoleNotAllowed", Roles.PlatformAdmin);
            if (CurrentRoles.Contains(Roles.PlatformAdmin)) wanted.Add(Roles.PlatformAdmin);
        }

        if (wanted.Contains(Roles.PlatformAdmin) && !CurrentRoles.Contains(Roles.PlatformAdmin)
            && persons.RoleProblem(Person.Organisation.Key, wanted) is not null)
        {
            Problems.Add("roles", "Error.PlatformAdminNodeOnly", persons.NodeOrganisationKey);
        }

        if (wanted.Count == 0) Problems.Add("roles", "Error.RolesRequired");
        if (IsSelf && !IsActive) Problems.Add("active", "Error.DeactivateSelf");
        if (IsSelf && CurrentRoles.Contains(Roles.PlatformAdmin) && !wanted.Contains(Roles.PlatformAdmin)) Problems.Add("roles", "Error.RemoveOwnPlatformAdmin");
        if (Problems.Count > 0) return Page();

        var rolesChanged = !wanted.SetEquals(CurrentRoles);
        var deactivated = Person.IsActive && !IsActive;
        var (renamed, reactivated) = (Person.DisplayName != name, !Person.IsActive && IsActive);
        Person.DisplayName = name;
        Person.IsActive = IsActive;
        await users.UpdateAsync(Person);
        if (rolesChanged)
        {
            await users.RemoveFromRolesAsync(Person, CurrentRoles.Except(wanted));
            await users.AddToRolesAsync(Person, wanted.Except(CurrentRoles));
        }

        if (rolesChanged || deactivated) await users.UpdateSecurityStampAsync(Person);
        var actor = AuditActor.From(Viewer);
        if (renamed) await audit.RecordAsync(actor, new AuditEvent("person.update", Subject: Person.Email, Detail: new { fields = new[] { "displayName" } }));
        if (rolesChanged) await audit.RecordAsync(actor, new AuditEvent("person.roles", Subject: Person.Email, Detail: new { added = wanted.Except(CurrentRoles), removed = CurrentRoles.Except(wanted) }));
        if (deactivated || reactivated) await audit.RecordAsync(actor, new AuditEvent(deactivated ? "person.deactivate" : "person.reactivate", Subject: Person.Email));
        TempData["Status"] = "Saved";
        return Redirect($"/people/{Person.Id}/edit");
    }

    private async Task<bool> LoadAsync(string id)
    {
        Viewer = Viewer.From(User);
        var person = await db.Users.Include(p => p.Organisation).FirstOrDefaultAsync(p => p.Id == id);
        if (person is null || !PeopleAccess.CanManage(Viewer, person.OrganisationId)) return false;
        Person = person;
        OrganisationName = person.Organisation.Name;
        CurrentRoles = await users.GetRolesAsync(person);
        return true;
    }
}
