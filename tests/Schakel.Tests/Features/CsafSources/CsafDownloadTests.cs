using Microsoft.EntityFrameworkCore;
using Schakel.Csaf.Distribution;
using Schakel.Csaf.Signing;
using Schakel.Features.Advisories;
using Schakel.Features.CsafSources;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.CsafSources;

/// <summary>
/// The downloader end to end: a provider tree built from the real CISA advisories (own metadata, listings, hashes and
/// signatures with a test key) served on 127.0.0.1, imported through <see cref="AdvisoryImporter"/>.
/// </summary>
public sealed class CsafDownloadTests
{
    private const string Dir = "csaf/white/";

    internal static readonly OpenPgpSecretKey Key = OpenPgpKeys.Generate("Test provider <csaf@test.example>");

    /// <summary>Builds the CISA tree; <paramref name="leaveOut"/> documents are left out of the listings (and the folder).</summary>
    internal static List<(string Name, byte[] Content, DateTimeOffset Released)> BuildCisaTree(StaticProvider provider, int leaveOut = 0)
    {
        var docs = StaticProvider.CisaDocuments().ToList();
        provider.WriteMetadata(Dir, Key);
        foreach (var d in docs.SkipLast(leaveOut)) provider.WriteDocument($"{Dir}2024/{d.Name}", d.Content, Key);
        provider.WriteListings(Dir, docs.SkipLast(leaveOut).Select(d => ($"2024/{d.Name}", d.Released)));
        return docs;
    }

    internal static async Task<(CsafDownloadReport Report, CsafDownloadImport.Counts Counts)> DownloadAsync(SchakelFactory factory, string source, DateTimeOffset? since = null)
    {
        var (orgId, _, problem) = await Schakel.Features.Advisories.AdvisoryCommands.ResolvePublisherAsync(factory.Services, "ncsc", null, CancellationToken.None);
        Assert.Null(problem);
        var counts = new CsafDownloadImport.Counts();
        var handler = CsafDownloadImport.Handler(factory.Services, new AdvisoryImportRequest(orgId, null, null, []), null, counts);
        var report = await CsafDownloadImport.Downloader(factory.Services).DownloadAsync(new CsafDownloadRequest(source) { Since = since }, handler);
        return (report, counts);
    }

    [DataFact]
    public async Task DownloadAsync_CisaTree_ImportsEverythingThenNothingThenOnlyTheNewEntry()
    {
        await using var provider = await StaticProvider.StartAsync();
        var docs = BuildCisaTree(provider, leaveOut: 1);
        using var factory = new SchakelFactory();

        // A domain: found at /.well-known/csaf/provider-metadata.json.
        var (first, counts) = await DownloadAsync(factory, provider.BaseUrl.Authority);
        Assert.True(first.Completed, string.Join("; ", first.Errors));
        Assert.Empty(first.Errors);
        Assert.Equal(docs.Count - 1, first.Succeeded);
        Assert.Equal(docs.Count - 1, counts.GetValueOrDefault("imported"));
        Assert.All(first.Documents, d => Assert.DoesNotContain(d.Warnings, w => w.Contains("Signature", StringComparison.Ordinal)));
        Assert.Equal(docs.SkipLast(1).Max(d => d.Released), first.Cursor);
        var stored = await factory.WithDbAsync(async (db, _) => await db.Advisories.Where(a => a.SourceUrl != null).Select(a => new { a.SourceUrl, a.SourceSignature }).ToListAsync());
        Assert.Equal(docs.Count - 1, stored.Count);
        Assert.All(stored, a => Assert.StartsWith("-----BEGIN PGP SIGNATURE-----", a.SourceSignature));

        var (second, counts2) = await DownloadAsync(factory, provider.BaseUrl + ".well-known/csaf/provider-metadata.json", first.Cursor);
        Assert.Empty(second.Documents);
        Assert.Empty(counts2);
        Assert.Equal(first.Cursor, second.Cursor);

        // A new entry, changed later than everything else: only it is fetched.
        var last = docs[^1];
        var newer = docs.Max(d => d.Released).AddHours(1);
        provider.WriteDocument($"{Dir}2024/{last.Name}", last.Content, Key);
        provider.WriteListings(Dir, docs.SkipLast(1).Select(d => ($"2024/{d.Name}", d.Released)).Append(($"2024/{last.Name}", newer)));
        var (third, counts3) = await DownloadAsync(factory, provider.BaseUrl + ".well-known/csaf/provider-metadata.json", second.Cursor);
        var only = Assert.Single(third.Documents);
        Assert.EndsWith(last.Name, only.Url.AbsolutePath);
        Assert.Equal(1, counts3.GetValueOrDefault("imported"));
        Assert.Equal(newer, third.Cursor);
    }

    [DataFact]
    public async Task DownloadAsync_TamperedWrongHashBadSignatureMissing_EachFailsAloneTheRestImports()
    {
        await using var provider = await StaticProvider.StartAsync();
        var docs = BuildCisaTree(provider);
        using var factory = new SchakelFactory();
        string P(int i) => provider.PathOf($"{Dir}2024/{docs[i].Name}");
        var tampered = File.ReadAllText(P(0)).Replace("\"title\"", "\"title\" ", StringComparison.Ordinal);
        File.WriteAllText(P(0), tampered);                                                // content changed after hashing and signing
        File.WriteAllText(P(1) + ".sha512", new string('a', 128) + "  " + docs[1].Name);  // a wrong hash
        File.WriteAllText(P(2) + ".asc", Key.SignDetached("other bytes"u8.ToArray())); // the provider's key, over other bytes
        File.Delete(P(3));                                                                // listed but missing

        var (report, counts) = await DownloadAsync(factory, provider.BaseUrl.Authority);

        Assert.True(report.Completed);
        var failed = report.Documents.Where(d => !d.Succeeded).ToDictionary(d => d.Url.Segments[^1], d => d.Failure);
        Assert.Equal(CsafDocumentFailure.HashMismatch, failed[docs[0].Name]);
        Assert.Equal(CsafDocumentFailure.HashMismatch, failed[docs[1].Name]);
        Assert.Equal(CsafDocumentFailure.BadSignature, failed[docs[2].Name]);
        Assert.Equal(CsafDocumentFailure.Missing, failed[docs[3].Name]);
        Assert.Equal(4, failed.Count);
        Assert.Equal(docs.Count - 4, counts.GetValueOrDefault("imported"));
        var imported = await factory.WithDbAsync(async (db, _) => await db.Advisories.Select(a => a.SourceUrl).ToListAsync());
        Assert.DoesNotContain(imported, u => u != null && docs.Take(4).Any(d => u.EndsWith(d.Name, StringComparison.Ordinal)));
    }

    [DataFact]
    public async Task DownloadAsync_FingerprintMismatch_IsAnErrorAndSignaturesAreNotTrusted()
    {
        await using var provider = await StaticProvider.StartAsync();
        BuildCisaTree(provider);
        provider.WriteMetadata(Dir, Key, fingerprint: new string('0', 40));
        using var factory = new SchakelFactory();

        var (report, _) = await DownloadAsync(factory, provider.BaseUrl.Authority);

        Assert.Contains(report.Errors, e => e.Contains("fingerprint mismatch", StringComparison.Ordinal));
        Assert.All(report.Documents, d => Assert.Contains(d.Warnings, w => w.StartsWith("Signature not checked", StringComparison.Ordinal)));
    }
}
