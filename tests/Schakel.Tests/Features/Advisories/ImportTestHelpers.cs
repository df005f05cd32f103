using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Advisories;

/// <summary>Shortcuts for importing real CSAF documents in tests.</summary>
internal static class ImportTestHelpers
{
    public static async Task<AdvisoryImportResult> ImportAsync(this SchakelFactory factory, byte[] content, string orgKey = "ncsc", Tlp? tlp = null, params string[] audience)
    {
        var specs = audience.Select(a => AudienceSpec.TryParse(a, out var s, out var e) ? s : throw new ArgumentException(e)).ToList();
        return await factory.WithDbAsync(async (db, sp) =>
        {
            var orgId = await db.Organisations.Where(o => o.Key == orgKey).Select(o => o.Id).SingleAsync();
            return await sp.GetRequiredService<AdvisoryImporter>().ImportAsync(content, new AdvisoryImportRequest(orgId, null, tlp, specs));
        });
    }

    public static Task<AdvisoryImportResult> ImportFileAsync(this SchakelFactory factory, string relativePath, string orgKey = "ncsc", Tlp? tlp = null, params string[] audience) =>
        factory.ImportAsync(File.ReadAllBytes(TestEnvironment.Data("csaf", relativePath)), orgKey, tlp, audience);

    /// <summary>A real document with a new version: tracking version, current release date and a revision history entry.</summary>
    public static byte[] WithVersion(byte[] original, string version, string date = "2030-01-01T00:00:00.000Z")
    {
        var doc = JsonNode.Parse(original)!;
        var tracking = doc["document"]!["tracking"]!;
        tracking["version"] = version;
        tracking["current_release_date"] = date;
        tracking["revision_history"]!.AsArray().Add(new JsonObject { ["date"] = date, ["number"] = version, ["summary"] = "Test revision." });
        return System.Text.Encoding.UTF8.GetBytes(doc.ToJsonString());
    }

    /// <summary>
    /// The next version of a real document, valid under CSAF 2.0 tests 6.1.16 and 6.1.21 (no gap in the revision history):
    /// integer versioning n + 1, semantic versioning the next major version.
    /// </summary>
    public static byte[] NextVersion(byte[] original, string date = "2030-01-01T00:00:00.000Z")
    {
        var current = JsonNode.Parse(original)!["document"]!["tracking"]!["version"]!.GetValue<string>();
        var next = current.Contains('.')
            ? $"{int.Parse(current.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture) + 1}.0.0"
            : (int.Parse(current, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WithVersion(original, next, date);
    }

    /// <summary>Counts of everything an import writes, to prove that a rejected document left nothing.</summary>
    public static Task<(int Advisories, int Items, int Revisions, int Deliveries, int Audience)> CountsAsync(this SchakelFactory factory) =>
        factory.WithDbAsync(async (db, _) => (await db.Advisories.CountAsync(), await db.Items.CountAsync(), await db.AdvisoryRevisions.CountAsync(),
            await db.Deliveries.CountAsync(), await db.AudienceEntries.CountAsync()));
}
