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
/// <c>/people/new</c>: a platform administrator adds a person to any organisation, an organisation administrator to
/// their own. A password is generated and shown once on <c>/people/{id}/created</c>; it travels there in the
/// data-protected (encrypted) TempData cookie, which is read once, and only its Identity hash is stored.
/// </summary>
[Authorize]
public sealed class PersonNewModel(SchakelDbContext db, PersonService persons, UserManager<Person> users, AuditLog audit) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Organisation { get; set; }
    [BindProperty] public List<string> SelectedRoles { get; set; } = [];

    public FormProblems Problems { get; } = [];
    public List<(string Key, string Name)> Organisations { get; private set; } = [];
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return StatusCode(StatusCodes.Status403Forbidden);
        Organisation ??= Organisations.Count == 1 ? Organisations[0].Key : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return StatusCode(StatusCodes.Status403Forbidden);
        var email = Email?.Trim() ?? "";
        var name = DisplayName?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !email.Contains('@')) Problems.Add("email", "Error.EmailInvalid");
        else if (await users.FindByEmailAsync(email) is not null) Problems.Add("email", "Error.EmailTaken", email);
        if (name.Length == 0) Problems.Add("name", "Error.NameRequired");
        else if (name.Length > 256) Problems.Add("name", "Error.NameTooLong");
        if (Organisations.All(o => o.Key != Organisation)) Problems.Add("organisation", "Error.OrganisationInvalid");
        var grantable = PeopleAccess.GrantableRoles(Viewer);
        foreach (var r in SelectedRoles.Where(r => !grantable.Contains(r)).Distinct()) Problems.Add("roles", "Error.RoleNotAllowed", r);
        if (SelectedRoles.Count == 0) Problems.Add("roles", "Error.RolesRequired");
        if (Problems.Count > 0) return Page();

        var password = PersonService.GeneratePassword();
        var (person, errors) = await persons.CreateAsync(email, name, Organisation!, SelectedRoles.Distinct().ToList(), password);
        if (person is null)
        {
            foreach (var e in errors) Problems.Add(null, "Error.CreateFailed", e);
            return Page();
        }

        await audit.RecordAsync(AuditActor.From(Viewer), new AuditEvent("person.create", Subject: email, Detail: new { organisation = Organisation, roles = SelectedRoles.Distinct() }), ct);
        await audit.RecordAsync(AuditActor.From(Viewer), new AuditEvent("credential.password-set", Subject: email, Detail: new { reason = "generated for a new person" }), ct);
        TempData[PersonCreatedModel.PasswordKey] = password;
        return Redirect($"/people/{person.Id}/created");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Viewer = Viewer.From(User);
        if (!PeopleAccess.CanManageAny(Viewer)) return false;
        var query = db.Organisations.AsNoTracking().Where(o => o.IsActive);
        if (!Viewer.IsPlatformAdmin) query = query.Where(o => o.Id == Viewer.OrganisationId);
        Organisations = (await query.OrderBy(o => o.Name).Select(o => new { o.Key, o.Name }).ToListAsync(ct)).Select(o => (o.Key, o.Name)).ToList();
        return true;
    }
}
