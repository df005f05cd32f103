using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.CsafProvider;

/// <summary>
/// CSAF 2.0 7.1.13 (changes.csv) for incremental downloaders: a document that enters a directory late, here by a relabel
/// from GREEN to CLEAR, is listed as the newest change, even though its own current_release_date is older than the
/// newest one there; a downloader that continues from its cursor therefore gets it.
/// </summary>
public sealed class CsafChangesTests : IDisposable
{
    private const string Newer = "csaf/advisories/cisa/OT/white/2024/icsa-24-011-03.json";
    private const string Older = "csaf/advisories/cisa/OT/white/2024/icsa-24-004-01.json";
    private readonly SchakelFactory _factory = new();

    [DataFact]
    public async Task ChangesCsv_RelabelIntoClear_ListedAsNewestChange()
    {
        await ImportAsync(Newer, Tlp.Clear);
        var older = await ImportAsync(Older, Tlp.Green);
        using var anonymous = _factory.CreateClient();
        var before = await ChangesAsync(anonymous);
        var cursor = Assert.Single(before).Time;

        using var analyst = await _factory.ClientForAsync("analist@ncsc.example.nl");
        using (var relabel = await analyst.PostAsJsonAsync($"/api/v1/items/{older}/relabel", new { tlp = "CLEAR" }))
            Assert.Equal(HttpStatusCode.OK, relabel.StatusCode);

        var after = await ChangesAsync(anonymous);
        Assert.Equal(2, after.Count);
        Assert.Equal("2024/icsa-24-004-01.json", after[0].Path);
        Assert.True(after[0].Time > cursor, $"{after[0].Time:o} is not after the cursor {cursor:o}");
        using var metadata = await anonymous.GetAsync("/.well-known/csaf/provider-metadata.json");
        var lastUpdated = (await metadata.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("last_updated").GetDateTimeOffset();
        Assert.True(lastUpdated >= after[0].Time, "provider-metadata.json last_updated moves with the change");
    }

    public void Dispose() => _factory.Dispose();

    private static async Task<List<(string Path, DateTimeOffset Time)>> ChangesAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/.well-known/csaf/white/changes.csv");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(','))
            .Select(p => (p[0].Trim('"'), DateTimeOffset.Parse(p[1].Trim('"'), System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    private Task<Guid> ImportAsync(string path, Tlp tlp) =>
        _factory.WithDbAsync(async (db, sp) =>
        {
            var analyst = await db.Users.SingleAsync(u => u.Email == "analist@ncsc.example.nl");
            var audience = new List<AudienceSpec> { AudienceSpec.TryParse("org:ziekenhuis-rijnoever", out var s, out var e) ? s : throw new ArgumentException(e) };
            var result = await sp.GetRequiredService<AdvisoryImporter>().ImportAsync(File.ReadAllBytes(TestEnvironment.Data(path)),
                new AdvisoryImportRequest(analyst.OrganisationId, analyst.Id, tlp, audience) { Origin = AdvisoryOrigin.Authored });
            Assert.True(result.ItemId is not null, string.Join("; ", result.Errors));
            return result.ItemId!.Value;
        });
}
