using Schakel.Csaf.Authoring;
using static Schakel.Csaf.Tests.Authoring.AuthoredSamples;

namespace Schakel.Csaf.Tests.Authoring;

/// <summary>Many combinations of what an analyst writes: each builds a valid document that reads back to the same content.</summary>
public sealed class CsafAdvisoryRoundTripTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 60)];

    /// <summary>A deterministic advisory from <paramref name="seed"/>: 1–3 CVEs, 1–4 products (some with unknown versions), optional parts.</summary>
    private static AuthoredAdvisory Generate(int seed)
    {
        var random = new Random(seed);
        bool Maybe() => random.Next(2) == 0;
        var cves = Enumerable.Range(0, random.Next(1, 4)).Select(i => new AuthoredVulnerability($"CVE-2025-{1000 + seed * 10 + i}", Maybe() ? $"Beschrijving {i} € é" : null)).ToList();
        var vendors = new[] { "Microsoft", "Fortinet", "Ivanti" };
        var products = Enumerable.Range(0, random.Next(1, 5)).Select(i => new AuthoredProduct(vendors[random.Next(3)], $"Product {i}",
            random.Next(3) switch { 0 => [], 1 => [$"{i}.0.{seed}"], _ => [$"{i}.1", $"< {i}.5", "vers:generic/>=1.0|<2.0"] })).ToList();
        var remediations = Enumerable.Range(0, random.Next(0, 3)).Select(i => new AuthoredRemediation(
            (RemediationCategory)random.Next(5), $"Maatregel {i}", Maybe() ? $"https://example.com/fix/{i}" : null,
            Maybe() ? cves[random.Next(cves.Count)].Cve : null, Maybe() && products.Count > 1 ? random.Next(products.Count) : null)).ToList();
        return new AuthoredAdvisory
        {
            Title = $"Advies {seed}",
            Summary = $"Samenvatting {seed}",
            Impact = Maybe() ? "Gevolgen" : null,
            Solution = Maybe() ? "Oplossingen" : null,
            Rating = Maybe() ? AdvisoryRating.Urgent : AdvisoryRating.Normaal,
            Probability = Maybe() ? (RiskLevel)random.Next(3) : null,
            Damage = Maybe() ? (RiskLevel)random.Next(3) : null,
            Tlp = (CsafTlpLabel)random.Next(4),
            Status = Maybe() ? AuthoredStatus.Interim : AuthoredStatus.Final,
            Lang = random.Next(4) == 0 ? "en" : "nl",
            Vulnerabilities = cves,
            Products = products,
            Remediations = remediations,
            References = Maybe() ? [new AuthoredReference($"https://example.com/{seed}", "Bron")] : [],
        };
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BuildThenRead_GeneratedAdvisory_ValidAndSameContent(int seed)
    {
        var advisory = Generate(seed);

        var bytes = CsafAdvisoryBuilder.BuildBytes(advisory, Context());
        var info = AssertValid(bytes);
        var read = CsafAdvisoryReader.Read(bytes);

        Assert.Equal("NCSC-2026-0001", info.TrackingId);
        Assert.Equal(advisory.Title, read.Advisory.Title);
        Assert.Equal(advisory.Summary, read.Advisory.Summary);
        Assert.Equal(advisory.Impact, read.Advisory.Impact);
        Assert.Equal(advisory.Solution, read.Advisory.Solution);
        Assert.Equal(advisory.Rating, read.Advisory.Rating);
        Assert.Equal(advisory.Probability, read.Advisory.Probability);
        Assert.Equal(advisory.Damage, read.Advisory.Damage);
        Assert.Equal(advisory.Tlp, read.Advisory.Tlp);
        Assert.Equal(advisory.Status, read.Advisory.Status);
        Assert.Equal(advisory.Vulnerabilities, read.Advisory.Vulnerabilities);
        Assert.Equal(advisory.References, read.Advisory.References);
        // Products come back grouped by vendor; compare as sets of (vendor, name, versions).
        Assert.Equal(Products(advisory.Products, advisory.Products), Products(read.Advisory.Products, read.Advisory.Products));
        Assert.Equal(Remediations(advisory), Remediations(read.Advisory));
        Assert.Equal(1, read.Tracking.Version);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Build_ThreeRevisions_EachValidWithGrowingHistory(int seed)
    {
        var bytes = CsafAdvisoryBuilder.BuildBytes(Generate(seed), Context());
        for (var v = 2; v <= 3; v++)
        {
            var read = CsafAdvisoryReader.Read(bytes);
            bytes = CsafAdvisoryBuilder.BuildBytes(Generate(seed + v) with { }, new AuthoringContext(read.Publisher, "x", Now.AddHours(v), $"Revisie {v}") { Previous = read.Tracking });
            var info = AssertValid(bytes);
            Assert.Equal(v.ToString(), info.Version);
            Assert.Equal(v, CsafAdvisoryReader.Read(bytes).Tracking.History.Count);
        }
    }

    private static List<string> Products(IReadOnlyList<AuthoredProduct> products, IReadOnlyList<AuthoredProduct> _) =>
        products.Select(p => $"{p.Vendor}|{p.Name}|{string.Join(",", p.Versions.Distinct())}").Order().ToList();

    /// <summary>Each remediation expanded to (CVE, product name, category, text, url) rows, independent of how rows group them.</summary>
    private static List<string> Remediations(AuthoredAdvisory a) =>
        a.Remediations.SelectMany(r => (r.Cve is null ? a.Vulnerabilities.Select(v => v.Cve) : [r.Cve]).SelectMany(cve =>
            (r.ProductIndex is { } i ? [a.Products[i]] : a.Products).Select(p => $"{cve}|{p.Vendor}/{p.Name}|{r.Category}|{r.Text}|{r.Url}")))
            .Distinct().Order().ToList();
}
