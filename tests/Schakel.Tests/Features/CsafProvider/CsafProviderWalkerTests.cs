using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Schakel.Csaf;
using Schakel.Csaf.Signing;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.CsafProvider.CsafProviderFixture;

namespace Schakel.Tests.Features.CsafProvider;

/// <summary>
/// Walks the provider as a downloader would, starting from <c>/.well-known/csaf/provider-metadata.json</c> only and
/// following the links it gives, and checks the requirements of CSAF 2.0 section 7.1 that the node implements. Each
/// assertion names its requirement. Not checked here: 7.1.3 (TLS: the test host is plain HTTP; production runs behind
/// TLS), 7.1.8 (security.txt), 7.1.10 (DNS path), 7.1.14 (directory listings, optional), 7.1.16/7.1.17 (ROLIE service
/// and category documents, optional), 7.1.21–7.1.23 (aggregator roles, see the aggregator test).
/// </summary>
public sealed partial class CsafProviderWalkerTests(CsafProviderFixture fx) : IClassFixture<CsafProviderFixture>
{
    [DataFact]
    public Task Walk_Anonymous_MeetsSection71() => WalkAsync(fx.Factory.CreateClient(new() { AllowAutoRedirect = false }), signedIn: false);

    [DataFact]
    public async Task Walk_SignedInMember_MeetsSection71() => await WalkAsync(await fx.Factory.ClientForAsync(Hospital), signedIn: true);

    private async Task WalkAsync(HttpClient client, bool signedIn)
    {
        using var _ = client;
        // 7.1.9: the metadata is at the well-known URL; 7.1.7: it is valid against the provider schema.
        var metadataResponse = await client.GetAsync("/.well-known/csaf/provider-metadata.json");
        Assert.True(metadataResponse.StatusCode == HttpStatusCode.OK, "7.1.9 provider-metadata.json at /.well-known/csaf/");
        using var metadata = JsonDocument.Parse(await metadataResponse.Content.ReadAsByteArrayAsync());
        Assert.True(CsafMetadataSchema.ValidateProviderMetadata(metadata.RootElement).Count == 0,
            "7.1.7 provider-metadata.json valid: " + string.Join("; ", CsafMetadataSchema.ValidateProviderMetadata(metadata.RootElement)));
        Assert.Equal("csaf_trusted_provider", metadata.RootElement.GetProperty("role").GetString());

        // 7.1.20: the public key is where the metadata says, with the fingerprint it says.
        var keyEntry = metadata.RootElement.GetProperty("public_openpgp_keys")[0];
        var key = OpenPgpKeys.ReadPublicKeys(await GetOkAsync(client, keyEntry.GetProperty("url").GetString()!, "7.1.20 public OpenPGP key"));
        Assert.True(key.Fingerprints.Contains(keyEntry.GetProperty("fingerprint").GetString()!), "7.1.20 fingerprint matches the key");

        var documents = 0;
        foreach (var distribution in metadata.RootElement.GetProperty("distributions").EnumerateArray())
        {
            var feedInfo = distribution.GetProperty("rolie").GetProperty("feeds")[0];
            var label = feedInfo.GetProperty("tlp_label").GetString()!;
            var directory = distribution.GetProperty("directory_url").GetString()!;
            var feedUrl = feedInfo.GetProperty("url").GetString()!;
            if (label != "WHITE" && !signedIn)
            {
                // 7.1.5: TLP:GREEN and TLP:AMBER are behind access control.
                foreach (var url in new[] { feedUrl, directory + "index.txt", directory + "changes.csv" })
                    Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.Unauthorized, $"7.1.5 {url} needs authentication");
                continue;
            }

            // 7.1.4: TLP:WHITE is reachable without authentication (this walk may be anonymous).
            var index = Lines(await GetTextAsync(client, directory + "index.txt", "7.1.12 index.txt"));
            var changes = Lines(await GetTextAsync(client, directory + "changes.csv", "7.1.13 changes.csv"));
            using var feed = JsonDocument.Parse(await GetTextAsync(client, feedUrl, "7.1.15 ROLIE feed"));
            var feedDocs = feed.RootElement.GetProperty("feed").GetProperty("entry").EnumerateArray()
                .Select(e => e.GetProperty("content").GetProperty("src").GetString()!).Order(StringComparer.Ordinal).ToList();

            // 7.1.13: changes.csv lists the same files, quoted, with UTC timestamps, newest first.
            var changed = changes.Select(l => ChangesLine().Match(l)).ToList();
            Assert.True(changed.All(m => m.Success), "7.1.13 changes.csv lines are \"path\",\"timestamp\"");
            Assert.Equal(index.Order(StringComparer.Ordinal), changed.Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
            var times = changed.Select(m => DateTimeOffset.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(times.SequenceEqual(times.OrderDescending()), "7.1.13 changes.csv newest first");

            // 7.1.15: the feed lists the same documents as the index.
            Assert.Equal(index.Select(p => directory + p).Order(StringComparer.Ordinal), feedDocs);

            foreach (var path in index)
            {
                documents++;
                var url = directory + path;
                var bytes = await (await client.GetAsync(url)).Content.ReadAsByteArrayAsync();
                // 7.1.1: a valid CSAF document; 7.1.2: named by its tracking id (5.1); 7.1.11: in the folder of its initial release year.
                var read = CsafReader.Read(bytes);
                Assert.True(read.IsSuccess, $"7.1.1 {url} is valid CSAF: {read}");
                using var doc = JsonDocument.Parse(bytes);
                var tracking = doc.RootElement.GetProperty("document").GetProperty("tracking");
                Assert.True(CsafFileName.Matches(path[(path.IndexOf('/') + 1)..], tracking.GetProperty("id").GetString()!), $"7.1.2 {url} file name");
                var year = tracking.GetProperty("initial_release_date").GetDateTimeOffset().UtcDateTime.Year;
                Assert.True(path.StartsWith($"{year}/", StringComparison.Ordinal), $"7.1.11 {url} in folder {year}");
                // The document's label is the folder's.
                Assert.Equal(label, doc.RootElement.GetProperty("document").GetProperty("distribution").GetProperty("tlp").GetProperty("label").GetString());
                // 7.1.18 hashes and 7.1.19 signature over exactly the served bytes.
                await CsafProviderTests.AssertIntegrityAsync(client, url, bytes, key);
            }
        }

        Assert.True(documents > 0, "the walk found documents");
    }

    private static async Task<string> GetTextAsync(HttpClient client, string url, string requirement)
    {
        var response = await client.GetAsync(url);
        // 7.1.6: no redirects on the way to a file.
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{requirement}: {url} answered {(int)response.StatusCode} (7.1.6: no redirects)");
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<string> GetOkAsync(HttpClient client, string url, string requirement) => GetTextAsync(client, url, requirement);

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    [GeneratedRegex("^\"([^\"]+)\",\"([^\"]+Z)\"$")]
    private static partial Regex ChangesLine();
}
