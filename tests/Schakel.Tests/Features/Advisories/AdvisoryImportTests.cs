using Microsoft.EntityFrameworkCore;
using Schakel.Csaf;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Advisories;

public sealed class AdvisoryImportTests : IClassFixture<SchakelFactory>
{
    private readonly SchakelFactory _factory;

    public AdvisoryImportTests(SchakelFactory factory) => _factory = factory;

    [DataFact]
    public async Task ImportAsync_EveryRealAdvisory_IsImportedWithOriginalBytes()
    {
        var files = Directory.EnumerateFiles(TestEnvironment.Data("csaf", "advisories"), "*.json", SearchOption.AllDirectories).Order().ToList();
        var imported = 0;
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            if (!CsafReader.LooksLikeCsaf(bytes))
            {
                Assert.EndsWith("feed-tlp-white.json", file); // the one ROLIE feed in the folder is skipped, not imported
                continue;
            }

            var result = await _factory.ImportAsync(bytes, "z-cert");
            Assert.True(result.Outcome is ImportOutcome.Imported or ImportOutcome.Unchanged, $"{file}: {result.Outcome} {string.Join("; ", result.Errors)}");
            var stored = await _factory.WithDbAsync((db, _) => db.Items.Where(i => i.Id == result.ItemId).Select(i => i.Advisory!.Content).SingleAsync());
            Assert.Equal(bytes, stored);
            imported++;
        }

        Assert.Equal(files.Count - 1, imported);
    }

    [DataFact]
    public async Task ImportAsync_Bulk385CisaAdvisories_AllImportedAndPublished()
    {
        var files = Directory.GetFiles(TestEnvironment.Data("csaf", "bulk", "cisa-ot-2022"), "*.json").Order().ToList();
        Assert.Equal(385, files.Count);
        foreach (var file in files)
        {
            var result = await _factory.ImportAsync(await File.ReadAllBytesAsync(file), "oktt-mkb", null, "constituency:oktt-mkb");
            Assert.True(result.Outcome == ImportOutcome.Imported, $"{file}: {result.Outcome} {string.Join("; ", result.Errors)}");
        }

        var (published, withCves) = await _factory.WithDbAsync(async (db, _) =>
        {
            var org = await db.Organisations.SingleAsync(o => o.Key == "oktt-mkb");
            return (await db.Items.CountAsync(i => i.PublisherOrganisationId == org.Id && i.Status == ItemStatus.Published),
                await db.Advisories.CountAsync(a => a.OwnerOrganisationId == org.Id && a.Vulnerabilities.Any(v => v.Cve != null)));
        });
        Assert.Equal(385, published);
        Assert.True(withCves > 300, $"{withCves} advisories with CVEs");
    }

    [DataTheory]
    [InlineData("advisories/cisa/OT/white/2024/icsa-24-011-03.json", "ICSA-24-011-03", "1", "final", "2024-01-11T07:00:00Z", "2024-01-11T07:00:00Z",
        "Rapid Software LLC Rapid SCADA", "CISA", "https://www.cisa.gov", "csaf_security_advisory", Tlp.Clear, "CVE-2024-21852", 8.8, "HIGH", "Rapid Software LLC", "Rapid SCADA", "<=5.8.4")]
    [InlineData("advisories/cisa/IT/white/2024/va-24-201-01.json", "VA-24-201-01", "1.0.1", "final", "2024-07-19T16:00:00Z", "2024-09-18T16:00:00Z",
        "Adminer and AdminerEvo Multiple Vulnerabilities", "CISA", "https://www.cisa.gov", "csaf_vex", Tlp.Clear, "CVE-2023-45195", 5.3, "MEDIUM", "Adminer", null, null)]
    [InlineData("advisories/oasis-examples/cisco-sa-20180328-smi2.json", "cisco-sa-20180328-smi2", "3.0.0", "final", "2018-03-28T16:00:00Z", "2018-04-17T15:08:41Z",
        "Cisco IOS and IOS XE Software Smart Install Remote Code Execution Vulnerability", "Cisco PSIRT", "https://www.cisco.com", "Cisco Security Advisory", Tlp.Amber, "CVE-2018-0171", 9.8, "CRITICAL", "Cisco", null, null)]
    [InlineData("advisories/oasis-examples/bsi-2022-0001.json", "BSI-2022-0001", "1", "final", "2022-03-17T13:03:42.105Z", "2022-03-17T13:03:42.105Z",
        "CVRF-CSAF-Converter: XML External Entities Vulnerability", "Bundesamt für Sicherheit in der Informationstechnik", "https://www.bsi.bund.de", "csaf_security_advisory", Tlp.Clear, "CVE-2022-27193", 6.1, "MEDIUM", "CSAF Tools", "CVRF-CSAF-Converter", "1.0.0-alpha")]
    [InlineData("advisories/oasis-examples/rhsa-2019_1862.json", "RHSA-2019:1862", "1", "final", "2019-07-26T06:38:00Z", "2019-07-26T06:38:00Z",
        "Red Hat Security Advisory: Red Hat OpenShift Enterprise one-month end-of-life notice", "Red Hat Product Security", "https://www.redhat.com", "csaf_informational_advisory", Tlp.Clear, null, null, null, "Red Hat", null, null)]
    public async Task ImportAsync_RealDocument_ExtractsFields(string path, string trackingId, string version, string status, string initial, string current,
        string title, string publisher, string ns, string category, Tlp tlp, string? cve, double? score, string? severity, string vendor, string? product, string? productVersion)
    {
        var result = await _factory.ImportFileAsync(path, "ibd");
        Assert.True(result.Outcome is ImportOutcome.Imported or ImportOutcome.Unchanged, string.Join("; ", result.Errors));
        var (advisory, item) = await _factory.WithDbAsync(async (db, _) =>
        {
            var i = await db.Items.AsNoTracking().SingleAsync(x => x.Id == result.ItemId);
            var a = await db.Advisories.AsNoTracking().Include(x => x.Vulnerabilities).Include(x => x.Products).SingleAsync(x => x.Id == i.AdvisoryId);
            return (a, i);
        });

        Assert.Equal(trackingId, advisory.TrackingId);
        Assert.Equal(version, advisory.Version);
        Assert.Equal(status, advisory.TrackingStatus);
        Assert.Equal(DateTimeOffset.Parse(initial, System.Globalization.CultureInfo.InvariantCulture), advisory.InitialReleaseDate);
        Assert.Equal(DateTimeOffset.Parse(current, System.Globalization.CultureInfo.InvariantCulture), advisory.CurrentReleaseDate);
        Assert.Equal(title, advisory.Title);
        Assert.Equal(title, item.Title);
        Assert.Equal(publisher, advisory.PublisherName);
        Assert.Equal(ns, advisory.PublisherNamespace);
        Assert.Equal(category, advisory.Category);
        Assert.Equal(tlp, item.Tlp); // WHITE is read as CLEAR; a document without a label is stored as AMBER
        Assert.Equal(ItemKind.Advisory, item.Kind);
        Assert.Equal(ItemStatus.Draft, item.Status); // no audience: a draft
        if (cve is null)
        {
            Assert.DoesNotContain(advisory.Vulnerabilities, v => v.Cve is not null);
        }
        else
        {
            var v = Assert.Single(advisory.Vulnerabilities, v => v.Cve == cve);
            Assert.Equal(score, v.BaseScore);
            Assert.Equal(severity, v.Severity);
        }

        Assert.Contains(advisory.Products, p => p.Vendor == vendor && (product is null || p.Product == product) && (productVersion is null || p.Version == productVersion));
    }

    [DataFact]
    public async Task ImportAsync_Versions_NewerUpdatesSameIsNoOpOlderRefused()
    {
        var original = await File.ReadAllBytesAsync(TestEnvironment.Data("csaf", "advisories", "oasis-examples", "bsi-2022-0001.json"));
        var first = await _factory.ImportAsync(original, "surfcert", null, "constituency:surfcert");
        Assert.Equal(ImportOutcome.Imported, first.Outcome);
        var deliveries = await _factory.WithDbAsync((db, _) => db.Deliveries.Where(d => d.ItemId == first.ItemId).CountAsync());
        Assert.True(deliveries > 0);

        var again = await _factory.ImportAsync(original, "surfcert");
        Assert.Equal(ImportOutcome.Unchanged, again.Outcome);
        Assert.Equal(first.ItemId, again.ItemId);
        Assert.False(await _factory.WithDbAsync((db, _) => db.Deliveries.AnyAsync(d => d.ItemId == first.ItemId && d.Updated)));

        var newer = await _factory.ImportAsync(ImportTestHelpers.WithVersion(original, "2"), "surfcert");
        Assert.Equal(ImportOutcome.Updated, newer.Outcome);
        Assert.Equal(first.ItemId, newer.ItemId);
        var (version, revisions, allUpdated) = await _factory.WithDbAsync(async (db, _) =>
        {
            var item = await db.Items.Include(i => i.Advisory!).ThenInclude(a => a.Revisions).SingleAsync(i => i.Id == first.ItemId);
            return (item.Version, item.Advisory!.Revisions.Select(r => r.Version).Order().ToList(),
                await db.Deliveries.Where(d => d.ItemId == first.ItemId).AllAsync(d => d.Updated));
        });
        Assert.Equal("2", version);
        Assert.Equal(["1", "2"], revisions);
        Assert.True(allUpdated);

        var older = await _factory.ImportAsync(original, "surfcert");
        Assert.Equal(ImportOutcome.Rejected, older.Outcome);
        Assert.Contains("older", older.Errors[0].Message);

        // Another organisation importing the same advisory gets its own record.
        var other = await _factory.ImportAsync(original, "water-isac");
        Assert.Equal(ImportOutcome.Imported, other.Outcome);
        Assert.NotEqual(first.ItemId, other.ItemId);
    }

    [DataFact]
    public async Task ImportAsync_SameDocumentConcurrently_OneRecordNoRejection()
    {
        var bytes = await File.ReadAllBytesAsync(TestEnvironment.Data("csaf", "bulk", "cisa-ot-2022", "icsa-22-013-02.json"));
        _ = _factory.Services; // start the application once, before the parallel imports
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => _factory.ImportAsync(bytes, "water-isac", null, "constituency:water-isac"))));
        Assert.DoesNotContain(results, r => r.Outcome == ImportOutcome.Rejected);
        Assert.Single(results, r => r.Outcome == ImportOutcome.Imported);
        Assert.Single(results.Select(r => r.ItemId).Distinct());
        var (advisories, duplicates) = await _factory.WithDbAsync(async (db, _) =>
            (await db.Advisories.CountAsync(a => a.TrackingId == "ICSA-22-013-02" && a.OwnerOrganisation.Key == "water-isac"),
             await db.Deliveries.Where(d => d.ItemId == results[0].ItemId).GroupBy(d => d.RecipientOrganisationId).CountAsync(g => g.Count() > 1)));
        Assert.Equal(1, advisories);
        Assert.Equal(0, duplicates);
    }

    [DataFact]
    public async Task ImportAsync_LabelRules_StricterAllowedLooserRefusedRedToOrganisationsRefused()
    {
        var path = "advisories/cisa/OT/white/2024/icsa-24-016-01.json";
        var stricter = await _factory.ImportFileAsync(path, "energie-isac", Tlp.AmberStrict);
        Assert.Equal(ImportOutcome.Imported, stricter.Outcome);
        Assert.Equal(Tlp.AmberStrict, await _factory.WithDbAsync((db, _) => db.Items.Where(i => i.Id == stricter.ItemId).Select(i => i.Tlp).SingleAsync()));

        // RED goes to named people only: an organisation audience is refused.
        var red = await _factory.ImportFileAsync(path, "fi-isac", Tlp.Red, "sector:banking");
        Assert.Equal(ImportOutcome.Rejected, red.Outcome);
        Assert.Contains("RED", red.Errors[0].Message);

        var doc = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllBytesAsync(TestEnvironment.Data("csaf", path)))!;
        doc["document"]!["distribution"]!["tlp"]!["label"] = "AMBER";
        var looser = await _factory.ImportAsync(System.Text.Encoding.UTF8.GetBytes(doc.ToJsonString()), "cert-rijk", Tlp.Green);
        Assert.Equal(ImportOutcome.Rejected, looser.Outcome);
        Assert.Contains("stricter", looser.Errors[0].Message);
    }

    [DataFact]
    public async Task ImportAsync_AudienceNotAllowed_RejectedAndNothingStored()
    {
        var before = await _factory.CountsAsync();
        // A linking organisation may address only its own constituency.
        var result = await _factory.ImportFileAsync("advisories/cisa/OT/white/2024/icsa-24-030-01.json", "z-cert", null, "constituency:ibd");
        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Message.Contains("own constituency", StringComparison.Ordinal));
        // A member may not publish at all.
        var member = await _factory.ImportFileAsync("advisories/cisa/OT/white/2024/icsa-24-030-01.json", "ziekenhuis-rijnoever", null, "network");
        Assert.Equal(ImportOutcome.Rejected, member.Outcome);
        Assert.Equal(before, await _factory.CountsAsync());
    }
}
