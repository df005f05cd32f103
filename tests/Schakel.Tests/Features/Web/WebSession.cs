using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Accounts;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Web;

/// <summary>A browser-like client of the web UI: keeps cookies, follows no redirects, posts forms with the antiforgery token of the page.</summary>
public sealed partial class WebSession(HttpClient client)
{
    public const string Password = "Correct-Horse-Battery-9";

    public HttpClient Client { get; } = client;

    public static WebSession Anonymous(SchakelFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Sets <see cref="Password"/> for a demo person and signs in through the form.</summary>
    public static async Task<WebSession> SignInAsync(SchakelFactory factory, string email)
    {
        await SetPasswordAsync(factory, email, Password);
        var session = Anonymous(factory);
        var response = await session.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var token = await TokenAsync("/sign-in");
        return await Client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password,
        }));
    }

    /// <summary>The antiforgery token in the page at <paramref name="path"/> (which also sets the antiforgery cookie).</summary>
    public async Task<string> TokenAsync(string path)
    {
        var html = await Client.GetStringAsync(path);
        return TokenIn(html);
    }

    public static string TokenIn(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    /// <summary>Posts a form with the token of <paramref name="pagePath"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(pagePath);
        return await Client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static async Task SetPasswordAsync(SchakelFactory factory, string email, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No person {email}.");
        var reset = await users.ResetPasswordAsync(person, await users.GeneratePasswordResetTokenAsync(person), password);
        Assert.True(reset.Succeeded, string.Join(" ", reset.Errors.Select(e => e.Description)));
    }

    /// <summary>Imports a CSAF file of the shared data as an organisation's publication (empty audience: draft).</summary>
    /// <summary>Makes a linking organisation review AMBER relays first (relays are automatic unless chosen otherwise).</summary>
    public static Task ReviewAmberRelaysAsync(SchakelFactory factory, string linkingKey) => factory.WithDbAsync(async (db, _) =>
    {
        var orgId = await db.Organisations.Where(o => o.Key == linkingKey).Select(o => o.Id).SingleAsync();
        var policy = await db.RelayPolicies.FindAsync(orgId, Tlp.Amber);
        if (policy is null) db.RelayPolicies.Add(new RelayPolicy { OrganisationId = orgId, Tlp = Tlp.Amber, Automatic = false });
        else policy.Automatic = false;
        return await db.SaveChangesAsync();
    });

    public static Task<Guid> ImportAsync(SchakelFactory factory, string relativePath, string publisherKey, Tlp? tlp, params string[] audience) =>
        factory.WithDbAsync(async (db, sp) =>
        {
            var org = await db.Organisations.SingleAsync(o => o.Key == publisherKey);
            var specs = audience.Select(a => AudienceSpec.TryParse(a, out var s, out _) ? s : throw new ArgumentException(a)).ToList();
            var bytes = await File.ReadAllBytesAsync(TestEnvironment.Data("csaf", "advisories", relativePath));
            var result = await sp.GetRequiredService<AdvisoryImporter>().ImportAsync(bytes, new AdvisoryImportRequest(org.Id, null, tlp, specs));
            Assert.True(result.ItemId is not null, string.Join("; ", result.Errors));
            return result.ItemId!.Value;
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
