using System.Text;
using System.Text.Json.Nodes;
using Schakel.Features.Advisories;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Advisories;

public sealed class AdvisoryRejectionTests : IClassFixture<SchakelFactory>
{
    private readonly SchakelFactory _factory;

    public AdvisoryRejectionTests(SchakelFactory factory) => _factory = factory;

    private static byte[] Real() => File.ReadAllBytes(TestEnvironment.Data("csaf", "advisories", "cisa", "OT", "white", "2024", "icsa-24-004-01.json"));

    private static byte[] Edit(Action<JsonNode> change)
    {
        var doc = JsonNode.Parse(Real())!;
        change(doc);
        return Encoding.UTF8.GetBytes(doc.ToJsonString());
    }

    public static TheoryData<string, string> OasisSchemaFailures => new()
    {
        { "oasis_csaf_tc-csaf_2_0-2021-6-1-08-01.json", "/vulnerabilities/0/scores/0/cvss_v3" },
        { "oasis_csaf_tc-csaf_2_0-2021-6-1-08-02.json", "/vulnerabilities/0/scores/0/cvss_v3" },
        { "oasis_csaf_tc-csaf_2_0-2021-6-1-08-03.json", "/vulnerabilities/0/scores/0/cvss_v2" },
    };

    [DataTheory]
    [MemberData(nameof(OasisSchemaFailures))]
    public async Task ImportAsync_OasisSchemaFailure_RejectedWithPathAndNothingStored(string file, string pathPrefix)
    {
        var before = await _factory.CountsAsync();
        var result = await _factory.ImportAsync(File.ReadAllBytes(TestEnvironment.Data("csaf", "oasis-tests", "validator", "data", "mandatory", file)), "ncsc", null, "network");
        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Path.StartsWith(pathPrefix, StringComparison.Ordinal));
        Assert.Equal(before, await _factory.CountsAsync());
    }

    public static TheoryData<string, string> BrokenDocuments => new()
    {
        { "missing-tracking-id", "/document/tracking/id" },
        { "missing-title", "/document/title" },
        { "wrong-type-version", "/document/tracking/version" },
        { "wrong-type-vulnerabilities", "/vulnerabilities" },
        { "bad-date", "/document/tracking/current_release_date" },
        { "truncated", "" },
        { "not-json", "" },
        { "empty", "" },
        { "not-csaf", "" },
    };

    [DataTheory]
    [MemberData(nameof(BrokenDocuments))]
    public async Task ImportAsync_BrokenDocument_RejectedWithReasonAndNothingStored(string kind, string expectedPath)
    {
        var bytes = kind switch
        {
            "missing-tracking-id" => Edit(d => d["document"]!["tracking"]!.AsObject().Remove("id")),
            "missing-title" => Edit(d => d["document"]!.AsObject().Remove("title")),
            "wrong-type-version" => Edit(d => d["document"]!["tracking"]!["version"] = 2),
            "wrong-type-vulnerabilities" => Edit(d => d["vulnerabilities"] = "none"),
            "bad-date" => Edit(d => d["document"]!["tracking"]!["current_release_date"] = "yesterday"),
            "truncated" => Real()[..(Real().Length / 2)],
            "not-json" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><cvrfdoc/>"),
            "empty" => [],
            "not-csaf" => Encoding.UTF8.GetBytes("""{"feed":{"id":"x","title":"a ROLIE feed"}}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var before = await _factory.CountsAsync();
        var result = await _factory.ImportAsync(bytes, "ncsc", null, "network");
        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        if (expectedPath.Length > 0) Assert.Contains(result.Errors, e => e.Path == expectedPath);
        Assert.Equal(before, await _factory.CountsAsync());
    }

    [DataFact]
    public async Task ImportAsync_OverSizeLimit_RejectedBeforeParsing()
    {
        // 32 MiB of valid JSON whitespace around a real document: refused by size alone.
        var real = Real();
        var big = new byte[32 * 1024 * 1024 + 1];
        Array.Fill(big, (byte)' ');
        real.CopyTo(big, 0);
        var before = await _factory.CountsAsync();
        var result = await _factory.ImportAsync(big, "ncsc", null, "network");
        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.Contains("limit", result.Errors[0].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await _factory.CountsAsync());
    }
}
