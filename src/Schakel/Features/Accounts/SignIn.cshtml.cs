using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schakel.Features.Web;

namespace Schakel.Features.Accounts;

/// <summary><c>/sign-in</c>: e-mail address and password (ASP.NET Core Identity, lockout after repeated failures).</summary>
public sealed class SignInModel(SignInManager<Person> signIn, UserManager<Person> users, IStringLocalizer<SharedResource> s) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public FormErrors Errors { get; } = [];

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Target) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) Errors.Add("email", s["EmailRequired"]);
        if (string.IsNullOrEmpty(Password)) Errors.Add("password", s["PasswordRequired"]);
        if (Errors.Count > 0) return Page();

        var person = await users.Users.Include(p => p.Organisation).FirstOrDefaultAsync(p => p.NormalizedEmail == users.NormalizeEmail(Email!.Trim()));
        // Same message for an unknown address, a wrong password and a deactivated account: nothing to enumerate.
        if (person is null || !person.IsActive || !person.Organisation.IsActive)
        {
            Errors.Add("email", s["SignInFailed"]);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(person, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Target);
        Errors.Add("email", result.IsLockedOut ? s["LockedOut"] : s["SignInFailed"]);
        return Page();
    }

    private string Target => Cultures.IsLocal(ReturnUrl) ? ReturnUrl! : "/inbox";
}
