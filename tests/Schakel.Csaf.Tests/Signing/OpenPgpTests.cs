using System.Text;
using Schakel.Csaf.Signing;

namespace Schakel.Csaf.Tests.Signing;

public sealed class OpenPgpTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("{\"document\":{\"title\":\"test\"}}\n");

    [Theory]
    [InlineData(OpenPgpKeyAlgorithm.Ed25519)]
    [InlineData(OpenPgpKeyAlgorithm.Rsa3072)]
    public void SignDetached_ThenVerify_IsValidWithTheKeyFingerprint(OpenPgpKeyAlgorithm algorithm)
    {
        var key = OpenPgpKeys.Generate("Schakel test <csaf@example.nl>", algorithm);

        var signature = key.SignDetached(Data);
        var result = OpenPgpSignatures.Verify(Data, signature, key.PublicKeyRing());

        Assert.StartsWith("-----BEGIN PGP SIGNATURE-----", signature, StringComparison.Ordinal);
        Assert.Equal(OpenPgpVerificationStatus.Valid, result.Status);
        Assert.Equal(key.Fingerprint, result.Fingerprint);
        Assert.Matches("^[0-9A-F]{40}$", key.Fingerprint);
    }

    [Fact]
    public void Verify_TamperedBytes_IsInvalid()
    {
        var key = OpenPgpKeys.Generate("Schakel test <csaf@example.nl>");
        var signature = key.SignDetached(Data);
        var tampered = (byte[])Data.Clone();
        tampered[5] ^= 1;

        var result = OpenPgpSignatures.Verify(tampered, signature, key.PublicKeyRing());

        Assert.Equal(OpenPgpVerificationStatus.Invalid, result.Status);
        Assert.Equal(key.Fingerprint, result.Fingerprint);
    }

    [Fact]
    public void Verify_OtherKeyInRing_IsKeyNotAvailableWithSignerFingerprint()
    {
        var signer = OpenPgpKeys.Generate("Signer <a@example.nl>");
        var other = OpenPgpKeys.Generate("Other <b@example.nl>");

        var result = OpenPgpSignatures.Verify(Data, signer.SignDetached(Data), other.PublicKeyRing());

        Assert.Equal(OpenPgpVerificationStatus.KeyNotAvailable, result.Status);
        Assert.Equal(signer.Fingerprint, result.Fingerprint);
    }

    [Theory]
    [InlineData("not a signature")]
    [InlineData("-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n")]
    public void Verify_Garbage_IsMalformed(string signature)
    {
        var key = OpenPgpKeys.Generate("Schakel test <csaf@example.nl>");

        var result = OpenPgpSignatures.Verify(Data, signature, key.PublicKeyRing());

        Assert.Equal(OpenPgpVerificationStatus.Malformed, result.Status);
    }

    [Fact]
    public void Verify_PublicKeyBlockInsteadOfSignature_IsMalformed()
    {
        var key = OpenPgpKeys.Generate("Schakel test <csaf@example.nl>");

        var result = OpenPgpSignatures.Verify(Data, key.PublicKeyArmoured(), key.PublicKeyRing());

        Assert.Equal(OpenPgpVerificationStatus.Malformed, result.Status);
    }

    [Fact]
    public void ReadSecretKey_WithPassphrase_SignsAndWrongPassphraseFails()
    {
        var key = OpenPgpKeys.Generate("Schakel test <csaf@example.nl>", passphrase: "geheim");
        var armoured = key.SecretKeyArmoured();

        var read = OpenPgpKeys.ReadSecretKey(armoured, "geheim");
        var result = OpenPgpSignatures.Verify(Data, read.SignDetached(Data), OpenPgpKeys.ReadPublicKeys(key.PublicKeyArmoured()));

        Assert.Equal(key.Fingerprint, read.Fingerprint);
        Assert.Equal("Schakel test <csaf@example.nl>", read.UserId);
        Assert.True(result.IsValid);
        Assert.Throws<FormatException>(() => OpenPgpKeys.ReadSecretKey(armoured, "fout"));
    }

    [Fact]
    public void ReadSecretKey_Unprotected_RoundTrips()
    {
        var key = OpenPgpKeys.Generate("Schakel test <csaf@example.nl>");

        var read = OpenPgpKeys.ReadSecretKey(key.SecretKeyArmoured());

        Assert.Equal(key.Fingerprint, read.Fingerprint);
    }

    [Fact]
    public void ReadPublicKeys_Garbage_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => OpenPgpKeys.ReadPublicKeys("hello"));

    [Fact]
    public void Merge_TwoRings_VerifiesSignaturesOfBoth()
    {
        var a = OpenPgpKeys.Generate("A <a@example.nl>");
        var b = OpenPgpKeys.Generate("B <b@example.nl>");
        var ring = a.PublicKeyRing().Merge(b.PublicKeyRing());

        Assert.True(OpenPgpSignatures.Verify(Data, a.SignDetached(Data), ring).IsValid);
        Assert.True(OpenPgpSignatures.Verify(Data, b.SignDetached(Data), ring).IsValid);
        Assert.Equal(2, ring.Fingerprints.Count);
    }
}
