using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Schakel.Csaf;
using Schakel.Csaf.Signing;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.CsafProvider.CsafProviderFixture;

namespace Schakel.Tests.Features.CsafProvider;

/// <summary>What each caller sees in each CSAF directory, and that every served file is what its hashes and signature say.</summary>
public sealed class CsafProviderTests(CsafProviderFixture fx) : IClassFixture<CsafProviderFixture>
{
    private static string PathOf(string dataPath) => "2024/" + Path.GetFileName(dataPath);

    [DataFact]
    public async Task Index_EachCaller_ListsExactlyWhatItMaySee()
    {
        using var anonymous = fx.Factory.CreateClient();
        using var hospital = await fx.Factory.ClientForAsync(Hospital);
        using var director = await fx.Factory.ClientForAsync(Director);
        using var ncsc = await fx.Factory.ClientForAsync(NcscAnalyst);

        Assert.Equal([PathOf(Clear)], await LinesAsync(anonymous, "white/index.txt"));
        Assert.Equal([PathOf(Clear)], await LinesAsync(hospital, "white/index.txt"));
        Assert.Equal([PathOf(Green)], await LinesAsync(hospital, "green/index.txt"));
        Assert.Empty(await LinesAsync(hospital, "amber/index.txt"));
        Assert.Empty(await LinesAsync(director, "green/index.txt"));
        Assert.Equal([PathOf(Amber)], await LinesAsync(director, "amber/index.txt"));
        Assert.Equal([PathOf(Green)], await LinesAsync(ncsc, "green/index.txt"));
        Assert.Equal([PathOf(Amber)], await LinesAsync(ncsc, "amber/index.txt"));
    }

    [DataFact]
    public async Task Directories_NeverHoldRedStrictDraftRetractedOrImported()
    {
        using var ncsc = await fx.Factory.ClientForAsync(NcscAnalyst);
        using var hospital = await fx.Factory.ClientForAsync(Hospital);
        foreach (var client in new[] { ncsc, hospital })
            foreach (var folder in new[] { "white", "green", "amber" })
                foreach (var file in new[] { "index.txt", "changes.csv" })
                {
                    var text = await client.GetStringAsync($"/.well-known/csaf/{folder}/{file}");
                    foreach (var absent in new[] { AmberStrict, Red, Draft, Retracted, MirroredSigned, MirroredUnsigned })
                        Assert.DoesNotContain(Path.GetFileName(absent), text, StringComparison.Ordinal);
                }

        Assert.Equal(HttpStatusCode.NotFound, (await ncsc.GetAsync("/.well-known/csaf/red/index.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/.well-known/csaf/white/{PathOf(Retracted)}")).StatusCode);
    }

    [DataFact]
    public async Task GreenAndAmber_Anonymous_Answer401WithChallenge()
    {
        using var anonymous = fx.Factory.CreateClient();
        foreach (var path in new[] { "green/index.txt", "amber/changes.csv", "feed-tlp-green.json", "feed-tlp-amber.json", $"green/{PathOf(Green)}" })
        {
            var response = await anonymous.GetAsync("/.well-known/csaf/" + path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
    }

    [DataFact]
    public async Task Document_CallerMayNotSeeIt_Answers404()
    {
        using var hospital = await fx.Factory.ClientForAsync(Hospital);
        using var director = await fx.Factory.ClientForAsync(Director);

        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/.well-known/csaf/amber/{PathOf(Amber)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/.well-known/csaf/amber/{PathOf(Amber)}.asc")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/.well-known/csaf/amber/{PathOf(Amber)}")).StatusCode);
    }

    [DataFact]
    public async Task Documents_HashesAndSignatures_MatchServedBytes()
    {
        using var ncsc = await fx.Factory.ClientForAsync(NcscAnalyst);
        var key = await fx.NodeKeyAsync(ncsc);
        foreach (var (folder, source, label) in new[] { ("white", Clear, "WHITE"), ("green", Green, "GREEN"), ("amber", Amber, "AMBER") })
        {
            var url = $"/.well-known/csaf/{folder}/{PathOf(source)}";
            var bytes = await ncsc.GetByteArrayAsync(url);
            await AssertIntegrityAsync(ncsc, url, bytes, key);
            using var doc = JsonDocument.Parse(bytes);
            Assert.Equal(label, doc.RootElement.GetProperty("document").GetProperty("distribution").GetProperty("tlp").GetProperty("label").GetString());
            // The original is WHITE: served as is under CLEAR, relabelled under GREEN and AMBER.
            Assert.Equal(folder == "white", bytes.AsSpan().SequenceEqual(Bytes(source)));
            // The same signature on every request: it is stored, not made again.
            Assert.Equal(await ncsc.GetStringAsync(url + ".asc"), await ncsc.GetStringAsync(url + ".asc"));
        }
    }

    [DataFact]
    public async Task ChangesCsv_QuotedPathAndUtcTimestamp()
    {
        using var ncsc = await fx.Factory.ClientForAsync(NcscAnalyst);

        // The time of the change in the directory: here the publication, later than the document's current_release_date
        // (icsa-24-004-01: 2024-01-04T07:00:00.000000Z), written in UTC with a Z.
        var line = Assert.Single(await LinesAsync(ncsc, "white/changes.csv"));
        var match = System.Text.RegularExpressions.Regex.Match(line, "^\"([^\"]+)\",\"([0-9T:.-]+Z)\"$");
        Assert.True(match.Success, line);
        Assert.Equal(PathOf(Clear), match.Groups[1].Value);
        Assert.True(DateTimeOffset.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= new DateTimeOffset(2024, 1, 4, 7, 0, 0, TimeSpan.Zero));
    }

    [DataFact]
    public async Task ProviderMetadata_ValidAgainstSchema_TrustedProviderWithFeedsAndKey()
    {
        using var anonymous = fx.Factory.CreateClient();
        using var doc = JsonDocument.Parse(await anonymous.GetByteArrayAsync("/.well-known/csaf/provider-metadata.json"));
        var root = doc.RootElement;

        Assert.Empty(CsafMetadataSchema.ValidateProviderMetadata(root));
        Assert.Equal("csaf_trusted_provider", root.GetProperty("role").GetString());
        Assert.Equal("2.0", root.GetProperty("metadata_version").GetString());
        Assert.Equal(["WHITE", "GREEN", "AMBER"], root.GetProperty("distributions").EnumerateArray()
            .Select(d => d.GetProperty("rolie").GetProperty("feeds")[0].GetProperty("tlp_label").GetString()!).ToList());
        Assert.Matches("^[0-9A-F]{40}$", root.GetProperty("public_openpgp_keys")[0].GetProperty("fingerprint").GetString()!);
        Assert.Equal("coordinator", root.GetProperty("publisher").GetProperty("category").GetString());
    }

    [DataFact]
    public async Task Aggregator_MirrorsImportedWhiteDocumentsByteForByte()
    {
        using var anonymous = fx.Factory.CreateClient();
        using var aggregator = JsonDocument.Parse(await anonymous.GetByteArrayAsync("/.well-known/csaf-aggregator/aggregator.json"));
        Assert.Empty(CsafMetadataSchema.ValidateAggregator(aggregator.RootElement));
        Assert.Equal("aggregator", aggregator.RootElement.GetProperty("aggregator").GetProperty("category").GetString());
        var mirror = aggregator.RootElement.GetProperty("csaf_providers").EnumerateArray()
            .Single(p => p.TryGetProperty("mirrors", out _)).GetProperty("mirrors")[0].GetString()!;
        // The uploaded document claims BSI as its publisher; only documents downloaded from a provider are mirrored.
        Assert.DoesNotContain("bsi", aggregator.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);

        using var metadata = JsonDocument.Parse(await anonymous.GetByteArrayAsync(mirror));
        Assert.Empty(CsafMetadataSchema.ValidateProviderMetadata(metadata.RootElement));
        var directory = metadata.RootElement.GetProperty("distributions")[0].GetProperty("directory_url").GetString()!;
        var index = (await anonymous.GetStringAsync(directory + "index.txt")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { PathOf(MirroredSigned), PathOf(MirroredUnsigned) }.Order(), index.Order());
        Assert.DoesNotContain(Path.GetFileName(fx.MirroredGreen), string.Join("\n", index), StringComparison.Ordinal);

        var key = await fx.NodeKeyAsync(anonymous);
        foreach (var source in new[] { MirroredSigned, MirroredUnsigned })
        {
            var url = directory + PathOf(source);
            var bytes = await anonymous.GetByteArrayAsync(url);
            Assert.Equal(Bytes(source), bytes);
            await AssertHashesAsync(anonymous, url, bytes);
            var signature = await anonymous.GetStringAsync(url + ".asc");
            if (source == MirroredSigned) Assert.Equal(File.ReadAllText(TestEnvironment.Data(source + ".asc")), signature);
            else Assert.True(OpenPgpSignatures.Verify(bytes, signature, key).IsValid);
        }
    }

    internal static async Task AssertIntegrityAsync(HttpClient client, string url, byte[] bytes, OpenPgpPublicKeyRing key)
    {
        await AssertHashesAsync(client, url, bytes);
        var verification = OpenPgpSignatures.Verify(bytes, await client.GetStringAsync(url + ".asc"), key);
        Assert.True(verification.IsValid, $"{url}: {verification.Message}");
    }

    private static async Task AssertHashesAsync(HttpClient client, string url, byte[] bytes)
    {
        var name = url[(url.LastIndexOf('/') + 1)..];
        Assert.Equal($"{Convert.ToHexStringLower(SHA256.HashData(bytes))}  {name}\n", await client.GetStringAsync(url + ".sha256"));
        Assert.Equal($"{Convert.ToHexStringLower(SHA512.HashData(bytes))}  {name}\n", await client.GetStringAsync(url + ".sha512"));
    }

    private static async Task<List<string>> LinesAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync("/.well-known/csaf/" + path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
