using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;

namespace Schakel.Features.Accounts;

/// <summary>Creates people, passwords and API tokens; used by the command line, the administration pages and the demo.</summary>
public sealed class PersonService(SchakelDbContext db, UserManager<Person> users, RoleManager<IdentityRole> roles, TimeProvider time, IConfiguration configuration)
{
    /// <summary>
    /// Key of the organisation that runs this node (<c>Node:OrganisationKey</c>, default <c>ncsc</c>): platform
    /// administrators work for it (DESIGN.md section 1).
    /// </summary>
    public string NodeOrganisationKey => configuration["Node:OrganisationKey"] is { Length: > 0 } k ? k.ToLowerInvariant() : "ncsc";

    /// <summary>The reason a person of <paramref name="orgKey"/> may not hold <paramref name="roleNames"/>, or null.</summary>
    public string? RoleProblem(string orgKey, IEnumerable<string> roleNames) =>
        roleNames.Contains(Roles.PlatformAdmin) && !string.Equals(orgKey, NodeOrganisationKey, StringComparison.OrdinalIgnoreCase)
            ? $"PlatformAdmin is only for people of the organisation that runs the node ('{NodeOrganisationKey}')."
            : null;

    /// <summary>Lower-case hex SHA-256 of a token: what is stored and looked up.</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// A random password of 20 characters from an unambiguous alphabet, with at least one digit, lower- and upper-case
    /// letter (Identity's default rules; about 4% of plain draws lack a digit and would be refused).
    /// </summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        while (true)
        {
            var password = RandomNumberGenerator.GetString(alphabet, 20);
            if (password.Any(char.IsDigit) && password.Any(char.IsLower) && password.Any(char.IsUpper)) return password;
        }
    }

    /// <summary>Makes sure every role of <see cref="Roles.All"/> exists.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }

    /// <summary>
    /// Creates a person in the organisation with the given roles. Returns the errors (unknown organisation or role,
    /// duplicate e-mail, weak password); empty on success.
    /// </summary>
    public async Task<(Person? Person, IReadOnlyList<string> Errors)> CreateAsync(string email, string displayName, string orgKey, IReadOnlyCollection<string> roleNames, string password)
    {
        var errors = new List<string>();
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Key == orgKey.ToLowerInvariant());
        if (org is null) errors.Add($"No organisation with key '{orgKey}'.");
        foreach (var r in roleNames.Where(r => !Roles.All.Contains(r))) errors.Add($"Unknown role '{r}'; roles are {string.Join(", ", Roles.All)}.");
        if (roleNames.Count == 0) errors.Add("Give at least one role.");
        if (org is not null && RoleProblem(org.Key, roleNames) is { } roleProblem) errors.Add(roleProblem);
        if (errors.Count > 0) return (null, errors);

        await EnsureRolesAsync();
        var person = new Person
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName,
            OrganisationId = org!.Id, CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(person, password);
        if (!created.Succeeded) return (null, created.Errors.Select(e => e.Description).ToList());
        var added = await users.AddToRolesAsync(person, roleNames.Distinct());
        if (!added.Succeeded) return (null, added.Errors.Select(e => e.Description).ToList());
        return (person, []);
    }

    /// <summary>Creates an API token for the person and returns it; only its hash is stored, so it is shown once.</summary>
    public async Task<string> CreateTokenAsync(Person person, string name, DateTimeOffset? expiresAt = null)
    {
        var token = "sk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiTokens.Add(new ApiToken { PersonId = person.Id, Name = name, TokenHash = HashToken(token), CreatedAt = time.GetUtcNow(), ExpiresAt = expiresAt });
        await db.SaveChangesAsync();
        return token;
    }
}
