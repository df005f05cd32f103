using System.Text.Json;
using Schakel.Stix.Tests.Validation;

namespace Schakel.Stix.Tests;

/// <summary>STIX 2.1 sections 2.9 and 3.4: deterministic SCO ids (UUIDv5 over the canonical ID contributing properties).</summary>
public class StixDeterministicIdsTests
{
    private static string? Compute(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return StixDeterministicIds.Compute(doc.RootElement);
    }

    /// <summary>
    /// The IPv4 address of the specification's section 2.9 example; and vectors made independently with Python's
    /// uuid.uuid5 over the JCS text (the specification's own file example in 3.10 does not reproduce: section 3.4 admits
    /// that some example ids are not the computed ones).
    /// </summary>
    [Theory]
    [InlineData("""{"type":"ipv4-addr","id":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","value":"198.51.100.3"}""", "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4")]
    [InlineData("""{"type":"file","hashes":{"MD5":"3773a88f65a5e780c8dff9cdc3a056f3"},"size":25537,"extensions":{"ntfs-ext":{"sid":"1234567"}}}""", "file--2e202cb3-6639-5fa4-8700-57ad24b9e246")]
    [InlineData("""{"type":"network-traffic","src_ref":"ipv4-addr--4d22aae0-2bf9-5427-8819-e4f6abf20a53","dst_ref":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","protocols":["tcp"]}""", "network-traffic--6e0cb830-0305-57d4-8536-7be874d42005")]
    public void Compute_KnownVectors_SameId(string json, string expected) => Assert.Equal(expected, Compute(json));

    /// <summary>Only ID contributing properties count, and of hashes only the preferred one (MD5 before SHA-256).</summary>
    [Fact]
    public void Compute_NonContributingAndExtraHashes_Ignored()
    {
        var plain = Compute("""{"type":"file","hashes":{"MD5":"3773a88f65a5e780c8dff9cdc3a056f3"},"name":"a.exe"}""");
        Assert.Equal(plain, Compute("""{"type":"file","name":"a.exe","size":5,"hashes":{"SHA-256":"aa","MD5":"3773a88f65a5e780c8dff9cdc3a056f3"}}"""));
        Assert.NotEqual(plain, Compute("""{"type":"file","hashes":{"MD5":"3773a88f65a5e780c8dff9cdc3a056f3"},"name":"b.exe"}"""));
    }

    /// <summary>No contributing property (or process, which has none): no deterministic id; not an SCO: none either.</summary>
    [Theory]
    [InlineData("""{"type":"process","pid":1221}""")]
    [InlineData("""{"type":"software","languages":["en"]}""")]
    [InlineData("""{"type":"campaign","name":"x"}""")]
    public void Compute_NothingToHash_Null(string json) => Assert.Null(Compute(json));

    /// <summary>The validator warns (3.4) when an SCO's id is not its deterministic id, and accepts the right one.</summary>
    [Fact]
    public void ValidateObject_ScoWithOtherId_Warning()
    {
        var right = """{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","value":"198.51.100.3"}""";
        Assert.Empty(Samples.Check(right));
        var other = right.Replace("28bb3599-77cd-5a82-a950-b5bc3caf07c4", "ff26c055-6336-5bc5-b98d-13d6226742dd", StringComparison.Ordinal);
        var finding = Assert.Single(Samples.Check(other));
        Assert.Equal(("3.4", StixSeverity.Warning), (finding.Rule, finding.Severity));
        Assert.Contains("28bb3599-77cd-5a82-a950-b5bc3caf07c4", finding.Message, StringComparison.Ordinal);
    }
}
