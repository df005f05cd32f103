using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Tlp;

namespace Schakel.Features.Accounts;

/// <summary><c>GET /people/{id}/created</c>: the result of adding a person, with the generated password shown this once.</summary>
[Authorize]
public sealed class PersonCreatedModel(SchakelDbContext db) : PageModel
{
    /// <summary>TempData key of the generated password (removed once read).</summary>
    public const string PasswordKey = "schakel.new-password";

    public string Email { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public string? Password { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null || !PeopleAccess.CanManage(Viewer.From(User), person.OrganisationId)) return NotFound();
        (Email, DisplayName) = (person.Email!, person.DisplayName);
        Password = TempData[PasswordKey] as string;
        // Never cache the page that shows a password.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
