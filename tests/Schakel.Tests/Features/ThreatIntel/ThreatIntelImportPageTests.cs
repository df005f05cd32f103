using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.ThreatIntel.StixTestData;

namespace Schakel.Tests.Features.ThreatIntel;

/// <summary>
/// The upload page <c>/threat-intel/import</c> (Post/Redirect/Get to the result page) and the size limit
/// <c>ThreatIntel:MaxBundleBytes</c> on the page, the API (DESIGN.md section 3a: refused before it is parsed).
/// </summary>
public sealed class ThreatIntelImportPageTests(ThreatIntelImportPageTests.SmallLimitFixture fixture) : IClassFixture<ThreatIntelImportPageTests.SmallLimitFixture>
{
    /// <summary>The limit the fixture configures, in bytes.</summary>
    public const int MaxBytes = 4096;

    private SchakelFactory Factory => fixture.Factory;

    [Fact]
    public async Task ImportPage_Upload_RedirectsToResultWithCountsAndConflicts()
    {
        var session = await WebSession.SignInAsync(Factory, "analist@ncsc.example.nl");
        var id = NewIndicatorId();
        using var first = await UploadAsync(session, Bundle(id, "2016-04-06T20:03:48.000Z", "upload v1"), ("Audience.Network", "true"), ("Label", "GREEN"), ("Action", "publish"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var result = first.Headers.Location!.OriginalString;
        Assert.StartsWith("/threat-intel/import/", result, StringComparison.Ordinal);
        var html = await session.Client.GetStringAsync(result);
        Assert.Contains("Resultaat van de import", html);
        Assert.Matches(@"Nieuw</dt><dd>1</dd>", html);

        // A conflict: listed on the result page with its reason; the item is a draft.
        using var second = await UploadAsync(session, Bundle(id, "2016-04-06T20:03:48.000Z", "upload v1 changed"), ("Action", "draft"));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var conflictPage = await session.Client.GetStringAsync(second.Headers.Location!.OriginalString);
        Assert.Matches(@"Conflicten</dt><dd>1</dd>", conflictPage);
        Assert.Contains("different content", conflictPage);
        Assert.Contains("Concept", conflictPage);

        // The result page of another organisation's item answers 404.
        var other = await WebSession.SignInAsync(Factory, "analist@ibd.example.nl");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(second.Headers.Location!.OriginalString)).StatusCode);
    }

    [Fact]
    public async Task ImportPage_RejectedOrMissingAudience_ReRendersWithErrors()
    {
        var session = await WebSession.SignInAsync(Factory, "analist@z-cert.example.nl");
        using var notStix = await UploadAsync(session, "{ no json", ("Action", "draft"));
        Assert.Equal(HttpStatusCode.OK, notStix.StatusCode);
        var html = await notStix.Content.ReadAsStringAsync();
        Assert.Contains("schakel-error-summary", html);
        Assert.Contains("Not JSON", html);

        using var noAudience = await UploadAsync(session, Bundle(NewIndicatorId(), "2016-04-06T20:03:48.000Z", "x"), ("Action", "publish"));
        Assert.Equal(HttpStatusCode.OK, noAudience.StatusCode);
        Assert.Contains("id=\"audience-error\"", await noAudience.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ImportPage_ReaderOrAnonymous_NotServed()
    {
        var reader = await WebSession.SignInAsync(Factory, "lezer@ziekenhuis-rijnoever.example.nl");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.GetAsync("/threat-intel/import")).StatusCode);
        using var anonymous = await WebSession.Anonymous(Factory).Client.GetAsync("/threat-intel/import");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/sign-in", anonymous.Headers.Location!.OriginalString);
    }

    /// <summary>DESIGN.md section 3a: content over the limit is refused before it is read — the page says so (303 to ?tooLarge), the API answers 413.</summary>
    [Fact]
    public async Task SizeLimit_OverMaxBundleBytes_RefusedOnPageAndApiNothingStored()
    {
        var before = await Factory.WithDbAsync((db, _) => db.Items.CountAsync());
        var large = Bundle(NewIndicatorId(), "2016-04-06T20:03:48.000Z", new string('x', MaxBytes));

        var client = await Factory.ClientForAsync("analist@ncsc.example.nl");
        using var api = await client.PostStixAsync(large, null, "network");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);

        // The page allows the form's other fields on top of the limit (DocumentUploadAttribute.FormSlackBytes); go beyond it.
        var session = await WebSession.SignInAsync(Factory, "analist@ncsc.example.nl");
        var huge = Bundle(NewIndicatorId(), "2016-04-06T20:03:48.000Z", new string('x', MaxBytes + 1024 * 1024 + 10));
        using var page = await UploadAsync(session, huge, ("Action", "draft"));
        Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
        Assert.Equal("/threat-intel/import?tooLarge=true", page.Headers.Location!.OriginalString);
        Assert.Contains("utrecht-form-field-error-message", await session.Client.GetStringAsync(page.Headers.Location!.OriginalString));

        // Within the form limit but over the document limit: the page handler refuses it.
        using var over = await UploadAsync(session, large, ("Action", "draft"));
        Assert.Equal(HttpStatusCode.OK, over.StatusCode);
        Assert.Contains("id=\"document-error\"", await over.Content.ReadAsStringAsync());
        Assert.Equal(before, await Factory.WithDbAsync((db, _) => db.Items.CountAsync()));
    }

    private static async Task<HttpResponseMessage> UploadAsync(WebSession session, string content, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new StringContent(await session.TokenAsync("/threat-intel/import")), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "Document", "bundle.json");
        return await session.Client.PostAsync("/threat-intel/import", form);
    }

    /// <summary>The application with <c>ThreatIntel:MaxBundleBytes</c> = <see cref="MaxBytes"/>.</summary>
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
            builder.UseSetting("ThreatIntel:MaxBundleBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
