using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Audit;
using Schakel.Features.Sharing;
using Schakel.Tests.Features.Network;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Audit;

/// <summary>
/// Who reads which audit records (API, page, export), and which actions write them. One application for the class;
/// the organisations' auditors are created once.
/// </summary>
public sealed class AuditApiTests : IClassFixture<AdminFactory>, IAsyncLifetime
{
    private const string ZCertAuditor = "auditor@z-cert.example.nl";
    private const string NodeAuditor = "auditor@ncsc.example.nl";
    private const string Member = "ict@ziekenhuis-rijnoever.example.nl";
    private readonly AdminFactory _factory;

    public AuditApiTests(AdminFactory factory) => _factory = factory;

    public async Task InitializeAsync()
    {
        foreach (var (email, org) in new[] { (ZCertAuditor, "z-cert"), (NodeAuditor, "ncsc") })
        {
            if (!await _factory.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.Email == email))) await _factory.CreatePersonAsync(email, org, "Auditor");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Search_OrganisationAuditor_OwnActionsAndOwnItemsOnly()
    {
        var log = _factory.Services.GetRequiredService<AuditLog>();
        var zcert = await AuditTestData.OrganisationIdAsync(_factory, "z-cert");
        var rijnoever = await AuditTestData.OrganisationIdAsync(_factory, "ziekenhuis-rijnoever");
        var zcertItem = await AuditTestData.PublishAsync(_factory, "z-cert", Tlp.Amber, "org:ziekenhuis-rijnoever");
        var tag = Guid.NewGuid().ToString("N")[..8];
        await log.RecordAsync(new AuditActor(null, zcert), new AuditEvent("test.scope", Subject: tag + "-own"));
        await log.RecordAsync(new AuditActor(null, rijnoever), new AuditEvent("test.scope", zcertItem, Subject: tag + "-about-own-item"));
        await log.RecordAsync(new AuditActor(null, rijnoever), new AuditEvent("test.scope", Subject: tag + "-other"));

        var seen = await SubjectsAsync(await _factory.ClientForAsync(ZCertAuditor), "/api/v1/audit?action=test.scope&pageSize=500");
        Assert.Contains(tag + "-own", seen);
        Assert.Contains(tag + "-about-own-item", seen);
        Assert.DoesNotContain(tag + "-other", seen);

        var node = await SubjectsAsync(await _factory.ClientForAsync(NodeAuditor), "/api/v1/audit?action=test.scope&pageSize=500");
        Assert.Contains(tag + "-other", node);
        Assert.Contains(tag + "-own", node);
    }

    [Theory]
    [InlineData("/api/v1/audit")]
    [InlineData("/api/v1/audit/export?format=csv")]
    public async Task Audit_NotAnAuditor_403AndAnonymous401(string url)
    {
        foreach (var email in new[] { "beheer@ncsc.example.nl", "analist@ncsc.example.nl", Member })
        {
            using var response = await (await _factory.ClientForAsync(email)).GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.ClientForAsync(Member)).GetAsync("/audit")).StatusCode);
    }

    [Fact]
    public async Task Page_Auditor_ShowsRecordsAndExportLinksAndNavigation()
    {
        var client = await _factory.ClientForAsync(ZCertAuditor);
        var html = await PageForms.HtmlAsync(await client.GetAsync("/audit?action=item.*&from=2020-01-01"));
        Assert.Contains("href=\"/audit\"", html); // navigation entry
        const string export = "/api/v1/audit/export?action=item.*&from=2020-01-01T00%3A00%3A00Z&format=csv";
        Assert.Contains(export, html);
        using var download = await client.GetAsync(export);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var bad = await PageForms.HtmlAsync(await client.GetAsync("/audit?item=nope"));
        Assert.Contains("aria-invalid=\"true\"", bad);
    }

    [Fact]
    public async Task Export_CsvAndJson_FilteredRecordsAndTheExportIsRecorded()
    {
        var log = _factory.Services.GetRequiredService<AuditLog>();
        var zcert = await AuditTestData.OrganisationIdAsync(_factory, "z-cert");
        var tag = Guid.NewGuid().ToString("N")[..8];
        await log.RecordAsync(new AuditActor(null, zcert), new AuditEvent("test.export", Subject: "=cmd|" + tag, Detail: new { count = 2 }));
        var client = await _factory.ClientForAsync(ZCertAuditor);

        using var csv = await client.GetAsync("/api/v1/audit/export?format=csv&action=test.export");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,at,action,person,organisation,itemId,itemOrganisation,subject,detail,source,previousHash,hash", lines[0]);
        var row = Assert.Single(lines, l => l.Contains(tag));
        Assert.Contains(",test.export,,z-cert,,,\"'=cmd|" + tag + "\",\"{\"\"count\"\":2}\",", row); // formula escaped, JSON quoted
        Assert.Matches(",[0-9a-f]{64},[0-9a-f]{64}$", row);

        using var json = await client.GetAsync("/api/v1/audit/export?format=json&action=test.export");
        var array = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        var entry = Assert.Single(array.EnumerateArray(), e => e.GetProperty("subject").GetString() == "=cmd|" + tag);
        Assert.Equal("{\"count\":2}", entry.GetProperty("detail").GetString());
        Assert.Equal("z-cert", entry.GetProperty("organisation").GetString());
        var stored = await _factory.WithDbAsync((db, _) => db.AuditRecords.SingleAsync(r => r.Subject == "=cmd|" + tag));
        Assert.Equal(stored.Hash, entry.GetProperty("hash").GetString());

        var exports = await _factory.WithDbAsync((db, _) => db.AuditRecords.Where(r => r.Action == "audit.export" && r.PersonEmail == ZCertAuditor).ToListAsync());
        Assert.Contains(exports, e => e.Detail!.Contains("\"format\":\"csv\"") && e.Detail.Contains("test.export"));
        Assert.Contains(exports, e => e.Detail!.Contains("\"format\":\"json\""));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/audit/export?format=xml")).StatusCode);
    }

    [Fact]
    public async Task ItemRead_AmberOpenedCLEAROpened_OnlyAmberRecorded()
    {
        var amber = await AuditTestData.PublishAsync(_factory, "ncsc", Tlp.Amber, "org:ziekenhuis-rijnoever");
        var clear = await AuditTestData.PublishAsync(_factory, "ncsc", Tlp.Clear, "org:ziekenhuis-rijnoever");
        var member = await _factory.ClientForAsync(Member);
        foreach (var id in new[] { amber, clear })
        {
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/v1/items/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/items/{id}")).StatusCode);
        }

        await AuditTestData.FlushAsync(_factory);
        var reads = await _factory.WithDbAsync((db, _) => db.AuditRecords.Where(r => r.ItemId == amber || r.ItemId == clear).ToListAsync());
        Assert.Equal(2, reads.Count(r => r.ItemId == amber && r.Action == "item.read"));
        Assert.DoesNotContain(reads, r => r.ItemId == clear && r.Action.StartsWith("item.read", StringComparison.Ordinal));
        Assert.Contains(reads, r => r.ItemId == clear && r.Action == "item.publish"); // publishing is audited for every label
        var read = reads.First(r => r.ItemId == amber && r.Action == "item.read");
        Assert.Equal(Member, read.PersonEmail);
        Assert.Equal("ziekenhuis-rijnoever", read.OrganisationKey);
        Assert.Equal(await AuditTestData.OrganisationIdAsync(_factory, "ncsc"), read.ItemOrganisationId);
        Assert.NotNull(read.Source);
    }

    [Fact]
    public async Task PersonEdit_RolesChangedByAdmin_WritesPersonRolesRecord()
    {
        var email = $"rollen-{Guid.NewGuid():N}"[..15] + "@z-cert.example.nl";
        await _factory.CreatePersonAsync(email, "z-cert", "Reader");
        var id = await _factory.WithDbAsync((db, _) => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var admin = await _factory.ClientForAsync("beheer@ncsc.example.nl");
        using var response = await PageForms.PostAsync(admin, $"/people/{id}/edit",
            ("DisplayName", "Rollen"), ("SelectedRoles", "Reader"), ("SelectedRoles", "Analyst"), ("IsActive", "true"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var record = await _factory.WithDbAsync((db, _) => db.AuditRecords.SingleAsync(r => r.Action == "person.roles" && r.Subject == email));
        Assert.Equal("beheer@ncsc.example.nl", record.PersonEmail);
        Assert.Contains("\"added\":[\"Analyst\"]", record.Detail);
    }

    private static async Task<List<string?>> SubjectsAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(page.GetProperty("totalCount").GetInt32() >= page.GetProperty("items").GetArrayLength());
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("subject").GetString()).ToList();
    }
}
