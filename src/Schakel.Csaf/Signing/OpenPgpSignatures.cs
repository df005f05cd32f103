using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Schakel.Csaf.Signing;

/// <summary>The outcome of checking a detached signature.</summary>
public enum OpenPgpVerificationStatus
{
    /// <summary>The signature was made over exactly these bytes by a key in the ring.</summary>
    Valid,

    /// <summary>The key is in the ring but the signature does not match the bytes (tampered or wrong file).</summary>
    Invalid,

    /// <summary>The signature is well-formed but none of its issuers is in the ring.</summary>
    KeyNotAvailable,

    /// <summary>The signature text is not an OpenPGP signature.</summary>
    Malformed,
}

/// <param name="Status">What the check found.</param>
/// <param name="Fingerprint">Upper-case hex fingerprint of the signing key when known (the key in the ring, else the
/// signature's issuer-fingerprint subpacket); null when malformed or only a key id is known.</param>
/// <param name="KeyId">The issuer key id as 16 upper-case hex digits; null when malformed.</param>
/// <param name="Message">A readable explanation for a log or a report.</param>
public sealed record OpenPgpVerification(OpenPgpVerificationStatus Status, string? Fingerprint, string? KeyId, string Message)
{
    /// <summary>True only for <see cref="OpenPgpVerificationStatus.Valid"/>.</summary>
    public bool IsValid => Status == OpenPgpVerificationStatus.Valid;
}

/// <summary>Checks detached OpenPGP signatures such as CSAF <c>.asc</c> files (CSAF 2.0 requirement 7.1.19).</summary>
public static class OpenPgpSignatures
{
    /// <summary>
    /// Verifies a detached signature (armoured or binary) over <paramref name="data"/> against <paramref name="keys"/>.
    /// When the block holds several signatures, the first one by a key in the ring decides.
    /// </summary>
    /// <returns>Valid, Invalid, KeyNotAvailable or Malformed with the key fingerprint; never throws for bad input.</returns>
    public static OpenPgpVerification Verify(byte[] data, byte[] signature, OpenPgpPublicKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(keys);

        List<PgpSignature> signatures;
        try
        {
            signatures = ReadSignatures(signature);
        }
        catch (Exception e) when (e is IOException or PgpException or ArgumentException or InvalidOperationException)
        {
            return new(OpenPgpVerificationStatus.Malformed, null, null, "Not an OpenPGP signature: " + e.Message);
        }

        if (signatures.Count == 0)
        {
            return new(OpenPgpVerificationStatus.Malformed, null, null, "The text holds no OpenPGP signature.");
        }

        foreach (var sig in signatures)
        {
            var key = keys.Find(sig.KeyId);
            if (key is null)
            {
                continue;
            }

            var fingerprint = OpenPgpKeys.Fingerprint(key);
            var keyId = KeyIdHex(sig.KeyId);
            try
            {
                sig.InitVerify(key);
                sig.Update(data);
                return sig.Verify()
                    ? new(OpenPgpVerificationStatus.Valid, fingerprint, keyId, $"Good signature by key {fingerprint}.")
                    : new(OpenPgpVerificationStatus.Invalid, fingerprint, keyId, $"Bad signature: the bytes do not match what key {fingerprint} signed.");
            }
            catch (PgpException e)
            {
                return new(OpenPgpVerificationStatus.Invalid, fingerprint, keyId, "Signature cannot be checked: " + e.Message);
            }
        }

        var first = signatures[0];
        var issuer = IssuerFingerprint(first);
        return new(OpenPgpVerificationStatus.KeyNotAvailable, issuer, KeyIdHex(first.KeyId),
            $"Signed by key {issuer ?? KeyIdHex(first.KeyId)}, which is not among the known public keys.");
    }

    /// <inheritdoc cref="Verify(byte[], byte[], OpenPgpPublicKeyRing)"/>
    public static OpenPgpVerification Verify(byte[] data, string armouredSignature, OpenPgpPublicKeyRing keys) =>
        Verify(data, Encoding.ASCII.GetBytes(armouredSignature ?? throw new ArgumentNullException(nameof(armouredSignature))), keys);

    private static List<PgpSignature> ReadSignatures(byte[] signature)
    {
        using var decoder = PgpUtilities.GetDecoderStream(new MemoryStream(signature));
        var factory = new PgpObjectFactory(decoder);
        var result = new List<PgpSignature>();
        for (var obj = factory.NextPgpObject(); obj is not null; obj = factory.NextPgpObject())
        {
            if (obj is PgpCompressedData compressed)
            {
                factory = new PgpObjectFactory(compressed.GetDataStream());
                continue;
            }

            if (obj is PgpSignatureList list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    result.Add(list[i]);
                }
            }
            else
            {
                throw new InvalidOperationException($"Expected a signature, found {obj.GetType().Name}.");
            }
        }

        return result;
    }

    private static string? IssuerFingerprint(PgpSignature signature)
    {
        var packet = signature.GetHashedSubPackets()?.GetIssuerFingerprint();
        return packet is null ? null : Convert.ToHexString(packet.GetFingerprint());
    }

    private static string KeyIdHex(long keyId) => ((ulong)keyId).ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
}
