using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Schakel.Csaf;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Advisories;

/// <summary>The authoring form over HTTP: create, validation, add row, preview, edit as a new revision, translation, who may edit.</summary>
public sealed class AuthoringPagesTests(WebFixture fixture) : IClassFixture<WebFixture>
{
    private const string NcscAnalyst = "analist@ncsc.example.nl";
    private SchakelFactory Factory => fixture.Factory;

    /// <summary>A complete advisory: two CVEs, a product with versions and one with unknown versions, a remediation for product 1, a reference.</summary>
    public static Dictionary<string, string> ValidForm(string title, string action = "publish") => new()
    {
        ["Form.Title"] = title,
        ["Form.Summary"] = "Palo Alto Networks heeft een kwetsbaarheid verholpen in PAN-OS.",
        ["Form.Impact"] = "Een ongeauthenticeerde aanvaller kan code uitvoeren.",
        ["Form.Solution"] = "Installeer de hotfix.",
        ["Form.Rating"] = "Urgent",
        ["Form.Probability"] = "high",
        ["Form.Damage"] = "high",
        ["Form.Label"] = "GREEN",
        ["Form.RevisionSummary"] = "Eerste versie",
        ["Form.Cves[0].Id"] = "cve-2024-3400",
        ["Form.Cves[0].Description"] = "Command injection in GlobalProtect.",
        ["Form.Cves[1].Id"] = "CVE-2024-3401",
        ["Form.Products[0].Vendor"] = "Palo Alto Networks",
        ["Form.Products[0].Name"] = "PAN-OS",
        ["Form.Products[0].Versions"] = "10.2.9, 11.0.4, < 11.1.2",
        ["Form.Products[1].Vendor"] = "Palo Alto Networks",
        ["Form.Products[1].Name"] = "Prisma Access",
        ["Form.Products[1].VersionsUnknown"] = "true",
        ["Form.Remediations[0].Category"] = "VendorFix",
        ["Form.Remediations[0].Text"] = "Update naar 11.1.2-h3.",
        ["Form.Remediations[0].Url"] = "https://security.paloaltonetworks.com/CVE-2024-3400",
        ["Form.Remediations[0].Product"] = "1",
        ["Form.References[0].Url"] = "https://security.paloaltonetworks.com/CVE-2024-3400",
        ["Form.References[0].Summary"] = "Advies van de leverancier",
        ["Audience.Sectors"] = "health",
        ["Action"] = action,
    };

    private async Task<Guid> CreateAsync(WebSession session, string title, string action = "publish")
    {
        var response = await session.PostFormAsync("/advisories/new", "/advisories/new", ValidForm(title, action));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return Guid.Parse(response.Headers.Location!.OriginalString["/items/".Length..]);
    }

    private Task<(Advisory Advisory, Item Item)> LoadAsync(Guid itemId) => Factory.WithDbAsync(async (db, _) =>
    {
        var item = await db.Items.AsNoTracking().SingleAsync(i => i.Id == itemId);
        var advisory = await db.Advisories.AsNoTracking().Include(a => a.Revisions).SingleAsync(a => a.Id == item.AdvisoryId);
        return (advisory, item);
    });

    private Task<int> CountAdvisoriesAsync() => Factory.WithDbAsync((db, _) => db.Advisories.CountAsync());

    [Fact]
    public async Task Write_MemberAnalyst_Returns404()
    {
        var member = await WebSession.SignInAsync(Factory, "ict@ziekenhuis-rijnoever.example.nl");

        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/advisories/new")).StatusCode);
    }

    [Fact]
    public async Task Write_ValidForm_PublishesAuthoredSchemaValidCsafWithTrackingId()
    {
        var session = await WebSession.SignInAsync(Factory, NcscAnalyst);
        Assert.Contains("Beveiligingsadvies schrijven", await session.Client.GetStringAsync("/advisories/new"));

        var itemId = await CreateAsync(session, "Kwetsbaarheid in PAN-OS");
        var (advisory, item) = await LoadAsync(itemId);

        Assert.Equal(AdvisoryOrigin.Authored, advisory.Origin);
        Assert.Matches($"^NCSC-{DateTime.UtcNow.Year}-[0-9]{{4}}$", advisory.TrackingId);
        Assert.Equal(ItemStatus.Published, item.Status);
        Assert.Equal(Tlp.Green, item.Tlp);
        var read = CsafReader.Read(advisory.Content);
        Assert.True(read.IsSuccess, read.ToString());
        var doc = JsonNode.Parse(advisory.Content)!;
        Assert.Equal("nl", doc["document"]!["lang"]!.GetValue<string>());
        Assert.Equal("coordinator", doc["document"]!["publisher"]!["category"]!.GetValue<string>());
        Assert.Equal("Urgent", doc["document"]!["aggregate_severity"]!["text"]!.GetValue<string>());
        Assert.Equal("CVE-2024-3400", doc["vulnerabilities"]![0]!["cve"]!.GetValue<string>());
        Assert.Equal("1", doc["document"]!["tracking"]!["version"]!.GetValue<string>());
        Assert.Single(advisory.Revisions);
    }

    [Fact]
    public async Task Write_TwoAdvisories_GetConsecutiveTrackingIds()
    {
        var session = await WebSession.SignInAsync(Factory, "analist@ibd.example.nl");

        var first = (await LoadAsync(await CreateAsync(session, "Eerste", "draft"))).Advisory.TrackingId;
        var second = (await LoadAsync(await CreateAsync(session, "Tweede", "draft"))).Advisory.TrackingId;

        var year = DateTime.UtcNow.Year;
        Assert.StartsWith($"IBD-{year}-", first);
        Assert.Equal(int.Parse(first[^4..]) + 1, int.Parse(second[^4..]));
    }

    [Fact]
    public async Task Write_InvalidFields_ShowsErrorPerFieldAndStoresNothing()
    {
        var session = await WebSession.SignInAsync(Factory, NcscAnalyst);
        var form = ValidForm("");
        form["Form.Cves[0].Id"] = "CVE-24";
        form["Form.Products[0].Versions"] = "";
        form["Form.References[0].Url"] = "javascript:alert(1)";
        var before = await CountAdvisoriesAsync();

        var response = await session.PostFormAsync("/advisories/new", "/advisories/new", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("schakel-error-summary", html);
        foreach (var field in new[] { "title", "cves-0-id", "products-0-versions", "references-0-url" })
        {
            Assert.Contains($"href=\"#{field}\"", html);
            Assert.Contains($"id=\"{field}-error\"", html);
        }

        Assert.Equal(before, await CountAdvisoriesAsync());
    }

    [Fact]
    public async Task Write_AddRowAndPreview_RenderWithoutSaving()
    {
        var session = await WebSession.SignInAsync(Factory, NcscAnalyst);
        var before = await CountAdvisoriesAsync();

        var added = await (await session.PostFormAsync("/advisories/new", "/advisories/new", ValidForm("Rij", "add-product"))).Content.ReadAsStringAsync();
        var preview = await (await session.PostFormAsync("/advisories/new", "/advisories/new", ValidForm("Voorbeeld", "preview"))).Content.ReadAsStringAsync();

        Assert.Contains("id=\"products-2-vendor\"", added);
        Assert.Contains("value=\"Prisma Access\"", added);
        Assert.Contains("csaf_security_advisory", preview);
        Assert.Contains("product_version_range", preview);
        Assert.Equal(before, await CountAdvisoriesAsync());
    }

    [Fact]
    public async Task Edit_NewRevision_Version2WithRevisionHistoryIdAndInitialDateKept()
    {
        var session = await WebSession.SignInAsync(Factory, NcscAnalyst);
        var itemId = await CreateAsync(session, "Origineel advies");
        var (first, _) = await LoadAsync(itemId);
        var page = await session.Client.GetStringAsync($"/advisories/{itemId}/edit");
        Assert.Contains("value=\"Origineel advies\"", page);
        Assert.Contains("value=\"Palo Alto Networks\"", page);
        Assert.Contains("Prisma Access", page);

        var form = ValidForm("Gewijzigd advies", "draft");
        form.Remove("Audience.Sectors");
        form["Form.RevisionSummary"] = "Tweede CVE toegevoegd";
        var response = await session.PostFormAsync($"/advisories/{itemId}/edit", $"/advisories/{itemId}/edit", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (advisory, item) = await LoadAsync(itemId);
        Assert.Equal("2", advisory.Version);
        Assert.Equal(2, advisory.Revisions.Count);
        Assert.Equal("Gewijzigd advies", item.Title);
        Assert.Equal(ItemStatus.Published, item.Status);
        var tracking = JsonNode.Parse(advisory.Content)!["document"]!["tracking"]!;
        Assert.Equal(first.TrackingId, tracking["id"]!.GetValue<string>());
        Assert.Equal(first.InitialReleaseDate, advisory.InitialReleaseDate);
        Assert.Equal(["Eerste versie", "Tweede CVE toegevoegd"], tracking["revision_history"]!.AsArray().Select(r => r!["summary"]!.GetValue<string>()));
        Assert.True(CsafReader.Read(advisory.Content).IsSuccess);
    }

    [Fact]
    public async Task Edit_WithoutRevisionSummary_AsksForOne()
    {
        var session = await WebSession.SignInAsync(Factory, NcscAnalyst);
        var itemId = await CreateAsync(session, "Zonder omschrijving", "draft");
        var form = ValidForm("Zonder omschrijving 2", "draft");
        form["Form.RevisionSummary"] = "";

        var response = await session.PostFormAsync($"/advisories/{itemId}/edit", $"/advisories/{itemId}/edit", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"#revision-summary\"", await response.Content.ReadAsStringAsync());
        Assert.Equal("1", (await LoadAsync(itemId)).Advisory.Version);
    }

    [Fact]
    public async Task Edit_OthersWhoSeeIt_Return404AndNoEditLink()
    {
        var ncsc = await WebSession.SignInAsync(Factory, NcscAnalyst);
        var itemId = await CreateAsync(ncsc, "Alleen NCSC bewerkt");
        Assert.Contains($"href=\"/advisories/{itemId}/edit\"", await ncsc.Client.GetStringAsync($"/items/{itemId}"));

        foreach (var email in new[] { "analist@z-cert.example.nl", "lezer@ncsc.example.nl", "ict@ziekenhuis-rijnoever.example.nl" })
        {
            var other = await WebSession.SignInAsync(Factory, email);
            Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync($"/items/{itemId}")).StatusCode);
            Assert.DoesNotContain($"/advisories/{itemId}/edit", await other.Client.GetStringAsync($"/items/{itemId}"));
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/advisories/{itemId}/edit")).StatusCode);
        }

        var zcert = await WebSession.SignInAsync(Factory, "analist@z-cert.example.nl");
        var token = WebSession.TokenIn(await zcert.Client.GetStringAsync("/advisories/new"));
        var form = ValidForm("Overgenomen", "draft");
        form["__RequestVerificationToken"] = token;
        var post = await zcert.Client.PostAsync($"/advisories/{itemId}/edit", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("1", (await LoadAsync(itemId)).Advisory.Version);
    }

    [DataFact]
    public async Task Edit_ImportedAdvisory_Returns404()
    {
        var itemId = await WebSession.ImportAsync(Factory, "cisa/OT/white/2024/icsa-24-004-01.json", "ncsc", null);
        var session = await WebSession.SignInAsync(Factory, NcscAnalyst);

        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/advisories/{itemId}/edit")).StatusCode);
    }

    [Fact]
    public async Task Translate_EnglishDocument_TranslatorSourceLangAndLinkedBothWays()
    {
        var session = await WebSession.SignInAsync(Factory, NcscAnalyst);
        var originalId = await CreateAsync(session, "Kwetsbaarheid in PAN-OS (vertaald)");
        var (original, _) = await LoadAsync(originalId);
        var page = await session.Client.GetStringAsync($"/advisories/{originalId}/translate");
        Assert.Contains("value=\"Kwetsbaarheid in PAN-OS (vertaald)\"", page);

        var form = ValidForm("Vulnerability in PAN-OS");
        form["Form.Summary"] = "Palo Alto Networks fixed a vulnerability in PAN-OS.";
        form["Form.RevisionSummary"] = "English translation";
        var response = await session.PostFormAsync($"/advisories/{originalId}/translate", $"/advisories/{originalId}/translate", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var translationId = Guid.Parse(response.Headers.Location!.OriginalString["/items/".Length..]);
        var (translation, _) = await LoadAsync(translationId);
        Assert.True(CsafReader.Read(translation.Content).IsSuccess);
        var doc = JsonNode.Parse(translation.Content)!["document"]!;
        Assert.Equal("en", doc["lang"]!.GetValue<string>());
        Assert.Equal("nl", doc["source_lang"]!.GetValue<string>());
        Assert.Equal("translator", doc["publisher"]!["category"]!.GetValue<string>());
        Assert.Equal(original.TrackingId + "-EN", doc["tracking"]!["id"]!.GetValue<string>());
        Assert.Equal("Urgent", doc["aggregate_severity"]!["text"]!.GetValue<string>());
        // The original is GREEN: the translation points at its file in the node's GREEN CSAF directory.
        var originalFile = $"/.well-known/csaf/green/{original.InitialReleaseDate.UtcDateTime.Year}/{Schakel.Csaf.CsafFileName.FromTrackingId(original.TrackingId)}";
        Assert.Contains(doc["references"]!.AsArray(), r => r!["category"]!.GetValue<string>() == "external" && r["url"]!.GetValue<string>().EndsWith(originalFile));
        Assert.Contains($"href=\"/items/{translationId}\"", await session.Client.GetStringAsync($"/items/{originalId}"));
        Assert.Contains($"href=\"/items/{originalId}\"", await session.Client.GetStringAsync($"/items/{translationId}"));
        // A second translation is not made: the translate page leads to the existing one's edit page.
        var again = await session.Client.GetAsync($"/advisories/{originalId}/translate");
        Assert.Equal($"/advisories/{translationId}/edit", again.Headers.Location!.OriginalString);
    }
}
