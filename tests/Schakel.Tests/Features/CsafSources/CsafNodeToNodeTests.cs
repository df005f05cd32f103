using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Csaf.Signing;
using Schakel.Features.Advisories;
using Schakel.Features.CsafProvider;
using Schakel.Features.CsafSources;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.CsafSources.CsafTwoNodesFixture;
using CsafDownloadReport = Schakel.Csaf.Distribution.CsafDownloadReport;

namespace Schakel.Tests.Features.CsafSources;

/// <summary>
/// Two Schakel nodes end to end: node B runs <c>schakel csaf download</c> (the real executable, on B's database) against
/// node A's trusted provider and aggregator on 127.0.0.1 (<see cref="CsafTwoNodesFixture"/>). Checks what arrives (by
/// tracking id), byte for byte, with signatures verified against A's key from A's provider-metadata.json.
/// </summary>
public sealed partial class CsafNodeToNodeTests(CsafTwoNodesFixture fx) : IClassFixture<CsafTwoNodesFixture>
{
    private sealed record Stored(string TrackingId, string Version, Tlp Tlp, byte[] Content, string? Signature, string? SourceUrl);

    private sealed record Run(int ExitCode, string Stdout, string Stderr, int Imported, int Updated, int Unchanged, int Failed, string? NextSince)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    [DataFact]
    public async Task Download_AnonymousDomainThenMetadataUrl_ExactlyTheClearOnesByteForByteThenNothingThenOnlyVersion2()
    {
        using var b = new CsafNode();
        var domain = new Uri(fx.A.BaseUrl).Authority;

        var first = await DownloadAsync(b, domain);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(fx.ClearSet.Count, first.Imported);
        // GREEN and AMBER answer 401 without a token: skipped with a warning, not a failed run.
        Assert.Contains("/.well-known/csaf/green/changes.csv: needs authentication (401)", first.Stderr, StringComparison.Ordinal);
        await AssertHoldsExactlyAsync(b, fx.ClearSet, first);
        await AssertSignedByAAsync(b);

        // The metadata URL form on another fresh node gives the same.
        using var b2 = new CsafNode();
        var metadataUrl = fx.A.BaseUrl + CsafProviderEndpoints.Root + "/provider-metadata.json";
        var viaUrl = await DownloadAsync(b2, metadataUrl);
        Assert.True(viaUrl.ExitCode == 0, viaUrl.ToString());
        await AssertHoldsExactlyAsync(b2, fx.ClearSet, viaUrl);

        // A second run from the cursor fetches nothing; one without a cursor finds everything unchanged.
        Assert.True(first.NextSince is not null, "the first run gives a cursor: " + first);
        var again = await DownloadAsync(b, metadataUrl, "--since", first.NextSince!);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal((0, 0, 0), (again.Imported, again.Updated, again.Unchanged));
        Assert.DoesNotContain(".json:", again.Stdout, StringComparison.Ordinal);
        var whole = await DownloadAsync(b, metadataUrl);
        Assert.Equal((0, 0, fx.ClearSet.Count), (whole.Imported, whole.Updated, whole.Unchanged));

        // Version 2 on A: only it arrives, as an update.
        var version = await fx.A.ReviseAsync(fx.Items[fx.Clear1], "Nieuwe samenvatting: er is een tweede update.");
        Assert.Equal("2", version);
        var third = await DownloadAsync(b, metadataUrl, "--since", again.NextSince ?? first.NextSince!);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal((0, 1, 0), (third.Imported, third.Updated, third.Unchanged));
        var line = Assert.Single(DocumentLines(third.Stdout));
        Assert.Contains($"updated {fx.Clear1} 2 ", line, StringComparison.Ordinal);
        var held = await StoredAsync(b);
        Assert.Equal("2", held.Single(s => s.TrackingId == fx.Clear1).Version);
        await AssertHoldsExactlyAsync(b, fx.ClearSet, third);
        await AssertSignedByAAsync(b);
    }

    [DataFact]
    public async Task Download_TokenOfZcertAnalyst_ClearPlusExactlyTheGreenAndAmberItMaySee()
    {
        // On A the Z-CERT analyst sees the AMBER+STRICT and RED items too: their absence below is the provider's rule.
        Assert.True(await fx.A.CanSeeAsync(Zcert, fx.Items[fx.AmberStrict]), "the Z-CERT analyst sees the AMBER+STRICT item on A");
        Assert.True(await fx.A.CanSeeAsync(Zcert, fx.Items[fx.Red]), "the Z-CERT analyst sees the RED item on A");
        Assert.False(await fx.A.CanSeeAsync(Zcert, fx.Items[fx.GreenNctv]), "the Z-CERT analyst does not see NCTV's GREEN item on A");
        using var b = new CsafNode();

        var run = await DownloadAsync(b, new Uri(fx.A.BaseUrl).Authority, "--token", await fx.A.TokenForAsync(Zcert));

        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = new HashSet<string>(fx.ClearSet) { fx.GreenZcert, fx.AmberZcert };
        await AssertHoldsExactlyAsync(b, expected, run);
        var held = await StoredAsync(b);
        Assert.Equal(Tlp.Green, held.Single(s => s.TrackingId == fx.GreenZcert).Tlp);
        Assert.Equal(Tlp.Amber, held.Single(s => s.TrackingId == fx.AmberZcert).Tlp);
        foreach (var never in new[] { fx.GreenNctv, fx.AmberNctv, fx.AmberStrict, fx.Red, fx.Draft, fx.RetractedClear, fx.RetractedGreen })
            Assert.DoesNotContain(never, run.Stdout + run.Stderr, StringComparison.Ordinal);
        await AssertSignedByAAsync(b);
    }

    [DataFact]
    public async Task Download_AggregatorMirror_OtherPublisherByteForByteWithOriginalSignature()
    {
        using var b = new CsafNode();
        var mirror = $"{fx.A.BaseUrl}{CsafAggregatorEndpoints.Root}/{CsafDistribution.Slug("https://www.cisa.gov")}/provider-metadata.json";

        var run = await DownloadAsync(b, mirror);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.Imported);
        var held = (await StoredAsync(b)).ToDictionary(s => s.TrackingId);
        Assert.Equal(2, held.Count);
        var signed = held.Values.Single(s => s.SourceUrl!.EndsWith("/va-24-254-02.json", StringComparison.Ordinal));
        var unsigned = held.Values.Single(s => s.SourceUrl!.EndsWith("/va-24-262-01.json", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(TestEnvironment.Data(MirroredSigned)), signed.Content);
        Assert.Equal(File.ReadAllBytes(TestEnvironment.Data(MirroredUnsigned)), unsigned.Content);
        // The original signature travels with the document (CISA's key is not in the data, so it is kept, not verified).
        Assert.Equal(File.ReadAllText(TestEnvironment.Data(MirroredSigned + ".asc")), signed.Signature);
        // The document that came without one carries A's signature, verified against the key A's metadata lists.
        Assert.Equal(OpenPgpVerificationStatus.Valid, OpenPgpSignatures.Verify(unsigned.Content, Encoding.UTF8.GetBytes(unsigned.Signature!), await fx.KeyAsync()).Status);
        Assert.DoesNotContain("va-24-262-01.json: imported", SignatureWarnings(run), StringComparison.Ordinal);
        Assert.Contains("va-24-254-02.json: imported", SignatureWarnings(run), StringComparison.Ordinal);
    }

    [DataFact]
    public async Task SourceRunner_AnonymousSubscriptionToA_CompletesWithCursorThenFetchesNothing()
    {
        using var b = new CsafNode();
        var id = await b.WithDbAsync(async (_, sp) =>
        {
            var (sourceId, problems) = await sp.GetRequiredService<CsafSourceService>().AddAsync(
                new CsafSourceInput(new Uri(fx.A.BaseUrl).Authority, "z-cert", [], Tlp.Clear, 60, null), CancellationToken.None);
            Assert.Empty(problems);
            return sourceId!.Value;
        });

        var first = await RunSourceAsync(b, id);

        Assert.True(first.Completed && first.Errors.Count == 0, string.Join("; ", first.Errors));
        await AssertHoldsExactlyAsync(b, fx.ClearSet, null);
        var source = await b.WithDbAsync(async (db, _) => await db.Set<CsafSource>().AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.True(source.LastRunOk, source.LastResult);
        Assert.Equal(first.Cursor, source.Cursor);
        Assert.NotNull(source.Cursor);
        var second = await RunSourceAsync(b, id);
        Assert.Empty(second.Documents);
    }

    private static Task<CsafDownloadReport> RunSourceAsync(CsafNode b, int id) =>
        b.WithDbAsync(async (_, sp) => (await sp.GetRequiredService<CsafSourceRunner>().RunAsync(id, CancellationToken.None))!);

    /// <summary>B holds exactly <paramref name="trackingIds"/>, each byte for byte as A holds it, and the run's output names no other.</summary>
    private async Task AssertHoldsExactlyAsync(CsafNode b, IReadOnlySet<string> trackingIds, Run? run)
    {
        var held = await StoredAsync(b);
        Assert.True(trackingIds.SetEquals(held.Select(h => h.TrackingId)),
            $"expected {string.Join(", ", trackingIds.Order())}; B holds {string.Join(", ", held.Select(h => h.TrackingId).Order())}\n{run}");
        var onA = await fx.A.ContentsAsync();
        Assert.All(held, h => Assert.True(onA[h.TrackingId].AsSpan().SequenceEqual(h.Content), $"{h.TrackingId} differs from A's bytes"));
        Assert.Equal(0, run?.Failed ?? 0);
    }

    /// <summary>Every document B holds came with a signature that verifies against A's key, and the run checked it.</summary>
    private async Task AssertSignedByAAsync(CsafNode b)
    {
        var key = await fx.KeyAsync();
        var bKey = b.Services.GetRequiredService<CsafSigning>().Key.Fingerprint;
        Assert.DoesNotContain(bKey, key.Fingerprints);
        foreach (var h in await StoredAsync(b))
        {
            Assert.True(h.Signature is not null, $"{h.TrackingId} came without a signature");
            Assert.Equal(OpenPgpVerificationStatus.Valid, OpenPgpSignatures.Verify(h.Content, Encoding.UTF8.GetBytes(h.Signature!), key).Status);
        }
    }

    private static Task<List<Stored>> StoredAsync(CsafNode node) =>
        node.WithDbAsync(async (db, _) => await db.Items.Where(i => i.AdvisoryId != null)
            .Select(i => new Stored(i.Advisory!.TrackingId, i.Advisory.Version, i.Tlp, i.Advisory.Content, i.Advisory.SourceSignature, i.Advisory.SourceUrl)).ToListAsync());

    /// <summary>Runs <c>schakel csaf download ARGS --as z-cert</c> on node B's database and reads its summary line.</summary>
    private static async Task<Run> DownloadAsync(CsafNode b, params string[] args)
    {
        var r = await CliRunner.RunAsync(b.ConnectionString, null, ["csaf", "download", .. args, "--as", "z-cert"]);
        var summary = Summary().Match(r.Stdout);
        Assert.True(summary.Success, $"no summary line: exit {r.ExitCode}\n{r.Stdout}\n{r.Stderr}");
        int N(int g) => int.Parse(summary.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture);
        var next = NextSince().Match(r.Stdout);
        var run = new Run(r.ExitCode, r.Stdout, r.Stderr, N(1), N(2), N(3), N(4), next.Success ? next.Groups[1].Value : null);
        // Signatures were checked against A's key: no document of A's own provider says otherwise.
        Assert.DoesNotContain("/.well-known/csaf/", SignatureWarnings(run), StringComparison.Ordinal);
        return run;
    }

    private static IEnumerable<string> DocumentLines(string stdout) => stdout.Split('\n').Where(l => l.StartsWith("http", StringComparison.Ordinal));

    private static string SignatureWarnings(Run run) => string.Join('\n', (run.Stdout + "\n" + run.Stderr).Split('\n')
        .Where(l => l.Contains("Signature not checked", StringComparison.Ordinal) || l.Contains("No .asc", StringComparison.Ordinal)));

    [GeneratedRegex(@"Imported (\d+), updated (\d+), unchanged (\d+), failed (\d+) from")]
    private static partial Regex Summary();

    [GeneratedRegex(@"Next run: --since (\S+)")]
    private static partial Regex NextSince();
}
