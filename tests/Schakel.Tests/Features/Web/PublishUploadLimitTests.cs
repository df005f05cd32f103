using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Advisories;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Web;

/// <summary>
/// An upload over the real (default) document limit and over the request body limit of the page, through Kestrel on a
/// loopback port: the in-memory test server enforces no request body limit, and that limit is what broke the page.
/// </summary>
public sealed class PublishUploadLimitTests(PublishUploadLimitTests.KestrelFixture fixture) : IClassFixture<PublishUploadLimitTests.KestrelFixture>
{
    private SchakelFactory Factory => fixture.Factory;

    [Fact]
    public async Task Publish_Upload33MiB_RedirectsToClearMessageAndStoresNothing()
    {
        const string email = "analist@ncsc.example.nl";
        await WebSession.SetPasswordAsync(Factory, email, WebSession.Password);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        var session = new WebSession(new HttpClient(handler) { BaseAddress = fixture.BaseAddress });
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, WebSession.Password)).StatusCode);
        var before = await Factory.WithDbAsync((db, _) => db.Items.CountAsync());
        var token = await session.TokenAsync("/publish");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(""), "Label" },
            { new StringContent("publish"), "Action" },
            { new StringContent("health"), "Audience.Sectors" },
        };
        var file = new ByteArrayContent(new byte[33 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "Document", "advisory.json");

        var response = await session.Client.PostAsync("/publish", form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/publish?tooLarge=true", response.Headers.Location!.OriginalString);
        var html = await session.Client.GetStringAsync(response.Headers.Location);
        var limit = PublishModel.MiB(new AdvisoryOptions().MaxDocumentBytes);
        Assert.Equal("32", limit);
        Assert.Contains("Het bestand is groter dan 32 MiB en is niet ingelezen.", html);
        Assert.Contains("href=\"#document\"", html);
        Assert.Equal(before, await Factory.WithDbAsync((db, _) => db.Items.CountAsync()));
    }

    /// <summary>The application on Kestrel (a free loopback port) with the default document limit.</summary>
    public sealed class KestrelFixture : IDisposable
    {
        public KestrelFixture()
        {
            Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            Factory.StartServer();
            BaseAddress = new Uri(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        public SchakelFactory Factory { get; } = new();
        public Uri BaseAddress { get; }

        public void Dispose() => Factory.Dispose();
    }
}
