using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Data;

namespace Schakel.Features.Accounts;

/// <summary>
/// Authenticates API tokens: <c>Authorization: Bearer TOKEN</c>, or HTTP Basic with the token as password
/// (TAXII clients; the user name is ignored). A token of a deactivated person or organisation, a revoked or an
/// expired token fails.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SchakelDbContext db, IUserClaimsPrincipalFactory<Person> principals, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string? token = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header[7..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':');
                token = colon >= 0 ? decoded[(colon + 1)..] : null;
            }
            catch (FormatException)
            {
                return AuthenticateResult.Fail("Malformed Basic credentials.");
            }
        }

        if (string.IsNullOrEmpty(token)) return AuthenticateResult.Fail("No token.");
        var hash = PersonService.HashToken(token);
        var now = time.GetUtcNow();
        var row = await db.ApiTokens.Include(t => t.Person).ThenInclude(p => p.Organisation)
            .FirstOrDefaultAsync(t => t.TokenHash == hash);
        if (row is null || row.RevokedAt is not null || (row.ExpiresAt is { } exp && exp <= now)
            || !row.Person.IsActive || !row.Person.Organisation.IsActive)
        {
            return AuthenticateResult.Fail("Invalid, revoked or expired token.");
        }

        // Last-use time is informative; write it at most once a minute to keep reads cheap.
        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync();
        }

        var principal = await principals.CreateAsync(row.Person);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
