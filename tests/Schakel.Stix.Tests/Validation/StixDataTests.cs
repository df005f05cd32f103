using Schakel.Stix.Validation;

namespace Schakel.Stix.Tests.Validation;

/// <summary>
/// Every real STIX file in the shared data (OASIS validator test examples, OASIS and python-stix2 bundles, the
/// python-stix2 file-system store, the TLP 2.0 marking definitions) validates as the STIX 2.1 specification says it
/// should: the files not listed in <see cref="Expectations"/> are valid without warnings; the listed ones fail or warn
/// with the finding named, each for the reason given. Specification sections: 2.9, 2.16, 3.2, 3.4, 3.6, 7.2.1, 8, 11.1.
/// </summary>
public class StixDataTests
{
    /// <summary>A file's expected outcome: the rules of its errors (none = valid) and of its warnings.</summary>
    public sealed record Expected(string[] ErrorRules, string[] WarningRules, string Reason, string? ErrorPath = null, string? ErrorText = null);

    private static Expected Valid(string reason, params string[] warnings) => new([], warnings, reason);

    public static readonly Dictionary<string, Expected> Expectations = new(StringComparer.Ordinal)
    {
        // The OASIS validator's own expectations (cti-stix-validator stix2validator/test/v21/misc_tests.py).
        ["stix/validator-tests/test_examples/identity_custom.json"] = Valid("custom property 'foo' without x_ prefix (11.1 SHOULD)", "11.1"),
        ["stix/validator-tests/test_examples/tool.json"] = Valid("custom properties foo_value, bar_value without x_ prefix (11.1 SHOULD)", "11.1"),
        ["stix/validator-tests/test_examples/invalid_braces.json"] = new(["json"], [], "not JSON: '<' before the object"),
        ["stix/validator-tests/test_examples/invalid_comma.json"] = new(["json"], [], "not JSON: trailing comma"),
        ["stix/validator-tests/test_examples/invalid_identity.json"] = new(["schema"], [], "'modified' is required on an SDO (3.2)", "", "\"modified\""),
        ["stix/validator-tests/test_examples/invalid_timestamp.json"] = new(["3.6"], [], "'modified' earlier than 'created' (3.6.1)", "/modified"),

        // identity_warning.json differs from identity.json only in the indentation of one line: there is nothing to warn
        // about in STIX terms, and the OASIS validator's tests do not use the file.

        // python-stix2's example SCOs: three artifacts carry a truncated "payload_bin" ("...== ..."), which is not base64
        // (2.1 binary); the array is not a bundle (8); some observables repeat, some with extra non-ID properties (3.6);
        // their UUIDv5 ids are not those of their ID contributing properties (3.4).
        ["stix/bundles/oasis-python-stix2/sco-examples-bundle.json"] = new(["schema"], ["8", "3.6", "3.4"], "truncated base64 in artifact payload_bin", "/payload_bin"),

        // SCOs with random (UUIDv4) ids where section 2.9 asks for the deterministic UUIDv5 (a SHOULD).
        ["stix/bundles/oasis-examples/infrastructure.json"] = Valid("ipv4-addr and domain-name with UUIDv4 ids (2.9/3.4 SHOULD)", "3.4"),
        ["stix/filesystem-store/directory/directory--572827aa-e0cd-44fd-afd5-a717a7585f39.json"] = Valid("directory with a UUIDv4 id (2.9/3.4 SHOULD)", "3.4"),

        // A STIX 2.0 bundle in python-stix2's v21 store: its malware has no spec_version, required in 2.1 (3.2).
        ["stix/filesystem-store/malware/malware--b42378e0-f147-496f-992a-26a49705395b/20170531213215263882.json"] =
            new(["schema"], ["8.1"], "STIX 2.0 object without spec_version", "", "\"spec_version\""),

        // created "2017-06-01T00:00:00Z" has no milliseconds; 3.2 requires at least millisecond precision for created.
        ["stix/filesystem-store/marking-definition/marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168.json"] =
            new(["3.2"], [], "created without milliseconds", "/created"),

        // The upstream OASIS example has an impossible date "2022-101-27" in the relationship's created (2.16) and
        // version-1 UUIDs, where SDOs and SROs should use version 4 (2.9).
        ["stix/tlp2/using-tlp2.0-green.json"] = new(["schema", "2.16"], ["2.9"], "impossible timestamp 2022-101-27", "/created"),
    };

    /// <summary>Not STIX content: the TLP 2.0 extension's JSON schema, embedded and used by the validator itself.</summary>
    private static readonly HashSet<string> NotStix = new(StringComparer.Ordinal) { "stix/tlp2/tlp2-extension-schema.json" };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        if (TestData.MissingReason is not null && !TestData.IsCi) return data;
        foreach (var folder in new[] { "stix/validator-tests/test_examples", "stix/bundles", "stix/filesystem-store", "stix/tlp2" })
            foreach (var file in TestData.Files(folder, "*.json").Where(f => !NotStix.Contains(f)))
                data.Add(file);
        return data;
    }

    /// <summary>STIX 2.1 sections 2.9–11: each file gives exactly the expected errors and warnings.</summary>
    [DataTheory]
    [MemberData(nameof(Files))]
    public void Validate_RealFile_GivesExpectedFindings(string file)
    {
        var report = StixValidator.Default.Validate(TestData.Bytes(file));
        var expected = Expectations.GetValueOrDefault(file) ?? Valid("valid STIX 2.1");
        var errors = report.Errors.ToList();

        Assert.Equal(expected.ErrorRules.Order(), errors.Select(e => e.Rule).Distinct().Order());
        Assert.Equal(expected.WarningRules.Order(), report.Warnings.Select(w => w.Rule).Distinct().Order());
        if (expected.ErrorPath is not null)
            Assert.Contains(errors, e => e.Path == expected.ErrorPath && (expected.ErrorText is null || e.Message.Contains(expected.ErrorText, StringComparison.Ordinal)));
        Assert.Equal(expected.ErrorRules.Length == 0, report.IsValid);
    }

    /// <summary>Every expectation names a file that exists, so a renamed data file cannot silently turn a check off.</summary>
    [DataFact]
    public void Expectations_EachFile_Exists()
    {
        foreach (var file in Expectations.Keys.Concat(NotStix))
            Assert.True(File.Exists(TestData.Path(file)), file);
    }

    /// <summary>
    /// Section 8: validating what the reader read gives the same verdict per object as validating the bytes (the bare
    /// array is not readable by the reader, and the bundle schema is only seen by the byte-level check).
    /// </summary>
    [DataTheory]
    [MemberData(nameof(Files))]
    public void ValidateReadResult_RealFile_SameInvalidObjectsAsBytes(string file)
    {
        var bytes = TestData.Bytes(file);
        var read = StixBundleReader.Read(bytes);
        if (read.Objects.Count == 0) return; // not JSON, or the bare array: covered by the byte-level test
        var fromRead = StixValidator.Default.Validate(read);
        var fromBytes = StixValidator.Default.Validate(bytes);

        Assert.Equal(fromBytes.InvalidObjectIds.Order(), fromRead.InvalidObjectIds.Order());
        Assert.Equal(fromBytes.ObjectCount, fromRead.ObjectCount);
    }

    /// <summary>The one TLP 2.0 validator example carries the standard TLP:AMBER definition and is valid (7.2.1).</summary>
    [DataFact]
    public void Validate_ValidatorTlpAmberExample_IsTheStandardDefinition()
    {
        var read = StixBundleReader.Read(TestData.Bytes("stix/validator-tests/test_examples/tlp-amber.json"));
        Assert.Equal(Stix.Markings.TlpMarkings.Tlp2Amber, Assert.Single(read.Objects).Id);
        Assert.True(StixValidator.Default.Validate(read).IsValid);
    }
}
