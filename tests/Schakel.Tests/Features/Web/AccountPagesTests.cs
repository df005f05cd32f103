using System.Net;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Web;

public sealed class AccountPagesTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private SchakelFactory Factory => fixture.Factory;

    [Fact]
    public async Task SignIn_CorrectPassword_RedirectsToInboxAndShowsName()
    {
        await WebSession.SetPasswordAsync(Factory, "lezer@ncsc.example.nl", WebSession.Password);
        var session = WebSession.Anonymous(Factory);

        var response = await session.SignInAsync("lezer@ncsc.example.nl", WebSession.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inbox", response.Headers.Location?.OriginalString);
        var inbox = await session.Client.GetStringAsync("/inbox");
        Assert.Contains("Lars Lezer (NCSC)", inbox);
        Assert.Contains("Uitloggen", inbox);
    }

    [Fact]
    public async Task SignIn_WrongPassword_RerendersWithErrorAndNoSession()
    {
        var session = WebSession.Anonymous(Factory);

        var response = await session.SignInAsync("auditor@ncsc.example.nl", "wrong-password-123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("schakel-error-summary", html);
        Assert.Contains("href=\"#email\"", html);
        var inbox = await session.Client.GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.StartsWith("/sign-in", inbox.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        var client = WebSession.Anonymous(Factory).Client;

        var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "x@example.nl", ["Password"] = "y" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_Post_EndsSession()
    {
        var session = await WebSession.SignInAsync(Factory, "analist@ibd.example.nl");

        var response = await session.PostFormAsync("/inbox", "/sign-out", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/inbox")).StatusCode);
    }

    [Fact]
    public async Task Culture_SwitchToEnglish_ChangesTextAndLang()
    {
        var session = WebSession.Anonymous(Factory);
        Assert.Contains("<html lang=\"nl\"", await session.Client.GetStringAsync("/sign-in"));

        var response = await session.Client.GetAsync("/culture?c=en&returnUrl=%2Fsign-in");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location?.OriginalString);
        var html = await session.Client.GetStringAsync("/sign-in");
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("E-mail address", html);
        Assert.DoesNotContain("Wachtwoord", html);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task Culture_ForeignReturnUrl_RedirectsHome(string returnUrl)
    {
        var response = await WebSession.Anonymous(Factory).Client.GetAsync("/culture?c=en&returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnyPage_SecurityHeaders_ArePresent()
    {
        var response = await WebSession.Anonymous(Factory).Client.GetAsync("/sign-in");

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Home_SignedIn_RedirectsToInbox()
    {
        var session = await WebSession.SignInAsync(Factory, "analist@surfcert.example.nl");

        var response = await session.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inbox", response.Headers.Location?.OriginalString);
    }
}
