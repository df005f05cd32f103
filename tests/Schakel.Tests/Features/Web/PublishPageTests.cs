using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Web;

public sealed class PublishPageTests(PublishPageTests.SmallLimitFixture fixture) : IClassFixture<PublishPageTests.SmallLimitFixture>
{
    /// <summary>Document size limit of this class's application, so the too-large case needs no 32 MiB upload.</summary>
    public const int MaxBytes = 64 * 1024;

    private SchakelFactory Factory => fixture.Factory;

    [Fact]
    public async Task Publish_MemberAnalyst_Returns404()
    {
        var member = await WebSession.SignInAsync(Factory, "ict@ziekenhuis-rijnoever.example.nl");

        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/publish")).StatusCode);
        Assert.DoesNotContain("href=\"/publish\"", await member.Client.GetStringAsync("/inbox"));
    }

    [DataFact]
    public async Task Publish_InvalidCsaf_ShowsFindingAndStoresNothing()
    {
        var session = await WebSession.SignInAsync(Factory, "analist@ncsc.example.nl");
        var doc = JsonNode.Parse(await File.ReadAllBytesAsync(TestEnvironment.Data("csaf", "advisories", "oasis-examples", "bsi-2022-0001.json")))!;
        doc["document"]!.AsObject().Remove("title");
        var before = await CountAdvisoriesAsync();

        var response = await UploadAsync(session, System.Text.Encoding.UTF8.GetBytes(doc.ToJsonString()), "health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("schakel-error-summary", html);
        Assert.Contains("/document", html);
        Assert.Contains("title", html);
        Assert.Equal(before, await CountAdvisoriesAsync());
    }

    [Fact]
    public async Task Publish_TooLarge_ShowsClearMessageAndStoresNothing()
    {
        var session = await WebSession.SignInAsync(Factory, "analist@z-cert.example.nl");
        var before = await CountAdvisoriesAsync();

        var response = await UploadAsync(session, new byte[MaxBytes + 1], "health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("groter dan", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAdvisoriesAsync());
    }

    [DataFact]
    public async Task Publish_NoAudience_AsksForOne()
    {
        var session = await WebSession.SignInAsync(Factory, "analist@ncsc.example.nl");
        var bytes = await File.ReadAllBytesAsync(TestEnvironment.Data("csaf", "advisories", "cisa", "OT", "white", "2024", "icsa-24-004-01.json"));

        var response = await UploadAsync(session, bytes, sector: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"#audience\"", await response.Content.ReadAsStringAsync());
    }

    [DataFact]
    public async Task Publish_ValidToSector_RedirectsToItemAndDeliversToSector()
    {
        var session = await WebSession.SignInAsync(Factory, "analist@ncsc.example.nl");
        var bytes = await File.ReadAllBytesAsync(TestEnvironment.Data("csaf", "advisories", "cisa", "OT", "white", "2024", "icsa-24-011-03.json"));

        var response = await UploadAsync(session, bytes, "health", label: "AMBER");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/items/", location);
        var id = Guid.Parse(location["/items/".Length..]);
        var recipients = await Factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == id).Select(d => d.RecipientOrganisation.Key).ToListAsync());
        Assert.Contains("ziekenhuis-rijnoever", recipients);
        Assert.Contains("z-cert", recipients);
        Assert.DoesNotContain("gemeente-veldhoven-aan-zee", recipients);
        Assert.Contains("TLP:AMBER", await session.Client.GetStringAsync(location));
    }

    private static async Task<HttpResponseMessage> UploadAsync(WebSession session, byte[] document, string? sector, string label = "")
    {
        var token = await session.TokenAsync("/publish");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(label), "Label" },
            { new StringContent("publish"), "Action" },
        };
        if (sector is not null) form.Add(new StringContent(sector), "Audience.Sectors");
        var file = new ByteArrayContent(document);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "Document", "advisory.json");
        return await session.Client.PostAsync("/publish", form);
    }

    private Task<int> CountAdvisoriesAsync() => Factory.WithDbAsync((db, _) => db.Advisories.CountAsync());

    /// <summary>The application with a small document limit.</summary>
    public sealed class SmallLimitFixture : IDisposable
    {
        public SchakelFactory Factory { get; } = new SmallLimitFactory();

        public void Dispose() => Factory.Dispose();
    }

    private sealed class SmallLimitFactory : SchakelFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Advisories:MaxDocumentBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
