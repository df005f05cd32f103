using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;

namespace Schakel.Features.Accounts;

/// <summary><c>schakel user add</c> and <c>schakel token create</c>.</summary>
public static class AccountCommands
{
    /// <summary>
    /// <c>schakel user add --email EMAIL --org KEY --role ROLE [--role ROLE…] [--name NAME]</c>: creates a person. The
    /// password is read from stdin when stdin is redirected and not empty; otherwise one is generated and printed.
    /// </summary>
    public static Command User()
    {
        var email = new Option<string>("--email") { Description = "E-mail address (also the sign-in name).", Required = true };
        var org = new Option<string>("--org") { Description = "Key of the person's organisation, e.g. ncsc.", Required = true };
        var role = new Option<string[]>("--role") { Description = $"Role, repeatable: {string.Join(", ", Roles.All)}.", Required = true, AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "Display name (default: the part of the e-mail before @)." };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var add = new Command("add", "Add a person to an organisation.") { email, org, role, name };
        add.SetAction(async (parse, ct) =>
        {
            var mail = parse.GetValue(email)!.Trim();
            string? password = null;
            if (Console.IsInputRedirected)
            {
                password = (await Console.In.ReadToEndAsync(ct)).TrimEnd('\r', '\n');
                if (password.Length == 0) password = null;
            }

            var generated = password is null;
            password ??= PersonService.GeneratePassword();
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var persons = scope.ServiceProvider.GetRequiredService<PersonService>();
            var (_, errors) = await persons.CreateAsync(mail, parse.GetValue(name) ?? mail.Split('@')[0], parse.GetValue(org)!, parse.GetValue(role)!, password);
            if (errors.Count > 0) return Cli.Fail(string.Join(Environment.NewLine, errors));
            var audit = services.GetRequiredService<AuditLog>();
            await audit.RecordAsync(AuditActor.Node, new AuditEvent("person.create", Subject: mail, Detail: new { organisation = parse.GetValue(org), roles = parse.GetValue(role) }), ct);
            await audit.RecordAsync(AuditActor.Node, new AuditEvent("credential.password-set", Subject: mail, Detail: new { reason = generated ? "generated" : "given on stdin" }), ct);
            Console.WriteLine(generated ? $"Created {mail}. Password: {password}" : $"Created {mail}.");
            return Cli.Ok;
        });
        return new Command("user", "Manage people.") { add };
    }

    /// <summary><c>schakel token create --user EMAIL [--name NAME] [--days N]</c>: prints the new token alone on stdout.</summary>
    public static Command Token()
    {
        var user = new Option<string>("--user") { Description = "E-mail address of the person the token acts as.", Required = true };
        var name = new Option<string>("--name") { Description = "A name to recognise the token by.", DefaultValueFactory = _ => "cli" };
        var days = new Option<int?>("--days") { Description = "Days until the token expires (default: never)." };
        days.Validators.Add(r =>
        {
            // Reads the token itself: a value that is not a number is already a parse error, which must not throw here.
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out var n) && n is <= 0 or > 3650)
                r.AddError("--days must be a whole number of days from 1 to 3650.");
        });
        var create = new Command("create", "Create an API token and print it (shown once).") { user, name, days };
        create.SetAction(async (parse, ct) =>
        {
            var d = parse.GetValue(days);
            await using var services = await Cli.CreateServicesAsync(ct);
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var person = await users.FindByEmailAsync(parse.GetValue(user)!.Trim());
            if (person is null) return Cli.Fail($"No person with e-mail '{parse.GetValue(user)}'.");
            if (!person.IsActive) return Cli.Fail($"{person.Email} is deactivated.");
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            if (!await db.Organisations.AnyAsync(o => o.Id == person.OrganisationId && o.IsActive, ct))
                return Cli.Fail($"The organisation of {person.Email} is deactivated: a token would not work.");
            var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var token = await scope.ServiceProvider.GetRequiredService<PersonService>()
                .CreateTokenAsync(person, parse.GetValue(name)!, d is null ? null : time.GetUtcNow().AddDays(d.Value));
            await services.GetRequiredService<AuditLog>().RecordAsync(AuditActor.Node,
                new AuditEvent("credential.token-create", Subject: person.Email, Detail: new { name = parse.GetValue(name), expiresAt = d is null ? (DateTimeOffset?)null : time.GetUtcNow().AddDays(d.Value) }), ct);
            Console.WriteLine(token);
            return Cli.Ok;
        });
        return new Command("token", "Manage API tokens.") { create };
    }
}
