using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Accounts;
using static Schakel.Features.Network.DemoData;

namespace Schakel.Features.Network;

/// <summary>
/// Seeds the demo network for <c>schakel serve --demo</c>: NCSC, NCTV, nine linking organisations and 45 fictitious
/// members, and demo people with every role. All demo people share one password, made anew and printed at each start.
/// </summary>
public static class DemoNetwork
{
    /// <summary>Demo people: e-mail, display name, organisation key, roles.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Org, string[] Roles)> People =
    [
        ("beheer@ncsc.example.nl", "Platformbeheer NCSC", "ncsc", [Roles.PlatformAdmin, Roles.OrgAdmin]),
        ("analist@ncsc.example.nl", "Anna Analist (NCSC)", "ncsc", [Roles.Analyst]),
        ("lezer@ncsc.example.nl", "Lars Lezer (NCSC)", "ncsc", [Roles.Reader]),
        ("auditor@ncsc.example.nl", "Aukje Auditor (NCSC)", "ncsc", [Roles.Auditor]),
        ("regie@nctv.example.nl", "Rik Regie (NCTV)", "nctv", [Roles.Reader]),
        ("analist@z-cert.example.nl", "Zeynep Zorg (Z-CERT)", "z-cert", [Roles.Analyst]),
        ("beheer@z-cert.example.nl", "Bram Beheer (Z-CERT)", "z-cert", [Roles.OrgAdmin]),
        ("analist@ibd.example.nl", "Ilse Informatie (IBD)", "ibd", [Roles.Analyst]),
        ("analist@surfcert.example.nl", "Sven Student (SURFcert)", "surfcert", [Roles.Analyst]),
        ("analist@water-isac.example.nl", "Wout Water (Water-ISAC)", "water-isac", [Roles.Analyst]),
        ("analist@oktt-mkb.example.nl", "Mila Mkb (OKTT MKB)", "oktt-mkb", [Roles.Analyst]),
        ("ict@ziekenhuis-rijnoever.example.nl", "Eva ICT (Ziekenhuis Rijnoever)", "ziekenhuis-rijnoever", [Roles.Analyst, Roles.OrgAdmin]),
        ("lezer@ziekenhuis-rijnoever.example.nl", "Daan Lezer (Ziekenhuis Rijnoever)", "ziekenhuis-rijnoever", [Roles.Reader]),
        ("ciso@gemeente-veldhoven-aan-zee.example.nl", "Fatima CISO (Gemeente Veldhoven aan Zee)", "gemeente-veldhoven-aan-zee", [Roles.Analyst]),
        ("ict@waterschap-lage-landen.example.nl", "Henk ICT (Waterschap Lage Landen)", "waterschap-lage-landen", [Roles.Reader]),
        ("auditor@ziekenhuis-rijnoever.example.nl", "Ingrid Auditor (Ziekenhuis Rijnoever)", "ziekenhuis-rijnoever", [Roles.Auditor]),
    ];

    /// <summary>
    /// Creates what is missing of the demo network and (re)sets the demo people's password, which it prints to
    /// <paramref name="output"/>. Safe to run on every start.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SchakelDbContext>();
        var network = sp.GetRequiredService<NetworkService>();
        var known = await db.Organisations.Select(o => o.Key).ToListAsync(ct);
        var missing = Organisations().Where(o => !known.Contains(o.Key)).ToList();
        if (missing.Count > 0)
        {
            var result = await network.ImportAsync(new NetworkDocument { Organisations = missing }, ct);
            if (result.Errors.Count > 0) throw new InvalidOperationException("Demo network is inconsistent: " + string.Join(" ", result.Errors));
        }

        var password = PersonService.GeneratePassword();
        var users = sp.GetRequiredService<UserManager<Person>>();
        var persons = sp.GetRequiredService<PersonService>();
        foreach (var (email, name, org, roles) in People)
        {
            var person = await users.FindByEmailAsync(email);
            if (person is null)
            {
                var (_, errors) = await persons.CreateAsync(email, name, org, roles, password);
                if (errors.Count > 0) throw new InvalidOperationException($"Demo person {email}: {string.Join(" ", errors)}");
            }
            else
            {
                var token = await users.GeneratePasswordResetTokenAsync(person);
                await users.ResetPasswordAsync(person, token, password);
            }
        }

        await output.WriteLineAsync($"""
            Demo network ready: {await db.Organisations.CountAsync(ct)} organisations.
            Demo accounts (password for all, shown once: {password}):
            {string.Join(Environment.NewLine, People.Select(p => $"  {p.Email,-46} {string.Join(",", p.Roles),-22} {p.Org}"))}
            """);
    }
}
