using Schakel.Csaf.Distribution;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.CsafSources;

/// <summary>Real-world trees: CISA's repository as published (quirks), and gocsaf's test providers with their placeholders filled in.</summary>
public sealed class CsafQuirksTests
{
    [DataFact]
    public async Task DownloadAsync_CisaRepositoryAsPublished_QuirksAreWarningsMissingFilesFailPerEntry()
    {
        await using var provider = await StaticProvider.StartAsync();
        // CISA's own files, unchanged: index.txt/changes.csv list csaf_files/OT/white/2024/… unquoted, most listed files are
        // not in this snapshot, and CISA's public key is not available.
        var source = TestEnvironment.Data("csaf", "advisories", "cisa", "OT", "white");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, provider.PathOf("csaf_files/OT/white/" + Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/')));
        provider.WriteMetadata("csaf_files/OT/white/", key: null);
        using var factory = new SchakelFactory();
        var since = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var (report, counts) = await CsafDownloadTests.DownloadAsync(factory, provider.BaseUrl.Authority, since);

        Assert.True(report.Completed, string.Join("; ", report.Errors));
        var present = Directory.EnumerateFiles(Path.Combine(source, "2024"), "*.json").Select(Path.GetFileName).ToHashSet();
        Assert.Equal(present.Count, counts.GetValueOrDefault("imported"));
        Assert.All(report.Documents.Where(d => d.Succeeded), d => Assert.Contains(d.Url.Segments[^1], present));
        Assert.All(report.Documents.Where(d => !d.Succeeded), d => Assert.Equal(CsafDocumentFailure.Missing, d.Failure));
        Assert.True(report.Failed > 100, $"only {report.Failed} missing entries reported");
        Assert.Contains(report.Warnings, w => w.Contains("unquoted", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("relative to the repository", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("no public_openpgp_keys", StringComparison.Ordinal));
        Assert.All(report.Documents.Where(d => d.Succeeded), d => Assert.Contains(d.Warnings, w => w.StartsWith("Signature not checked", StringComparison.Ordinal)));
        // Resolved inside the directory, not below a doubled csaf_files/OT/white/csaf_files/… path.
        Assert.All(report.Documents, d => Assert.Matches("^/csaf_files/OT/white/20[0-9]{2}/[a-z0-9-]+\\.json$", d.Url.AbsolutePath));
    }

    [DataTheory]
    [InlineData("simple-directory-provider")]
    [InlineData("simple-rolie-provider")]
    public async Task DownloadAsync_GocsafProvider_ImportsItsDocumentWithAVerifiedSignature(string tree)
    {
        await using var provider = await StaticProvider.StartAsync();
        provider.CopyTemplateTree(TestEnvironment.Data("csaf", "distribution", "gocsaf-testdata", tree), provider.Prefix);
        using var factory = new SchakelFactory();
        var imported = new List<CsafDownloadedDocument>();

        var (report, counts) = await CsafDownloadTests.DownloadAsync(factory, provider.BaseUrl + "provider-metadata.json");

        Assert.True(report.Completed, string.Join("; ", report.Errors));
        Assert.Empty(report.Errors);
        var doc = Assert.Single(report.Documents);
        Assert.True(doc.Succeeded, doc.Message);
        Assert.EndsWith("/white/avendor-advisory-0004.json", doc.Url.AbsolutePath);
        Assert.Equal(1, counts.GetValueOrDefault("imported"));
        Assert.DoesNotContain(doc.Warnings, w => w.Contains("Signature", StringComparison.Ordinal) || w.Contains("sha", StringComparison.OrdinalIgnoreCase));
        // The file beside it that no listing names is never fetched.
        Assert.DoesNotContain(provider.Requests, r => r.Contains("not-listed", StringComparison.Ordinal));
    }
}
