using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

namespace Schakel.Csaf.Signing;

/// <summary>
/// An unlocked OpenPGP signing key: makes detached ASCII-armoured signatures (the <c>.asc</c> files of CSAF 2.0
/// requirement 7.1.19) and exports its public key (requirement 7.1.20). Thread-safe: signing creates a
/// fresh generator per call.
/// </summary>
public sealed class OpenPgpSecretKey
{
    private readonly PgpSecretKeyRing ring;
    private readonly PgpSecretKey signingKey;
    private readonly PgpPrivateKey privateKey;

    internal OpenPgpSecretKey(PgpSecretKeyRing ring, string? passphrase)
    {
        this.ring = ring;
        signingKey = ring.GetSecretKeys().FirstOrDefault(k => k.IsSigningKey && !k.IsPrivateKeyEmpty)
            ?? throw new FormatException("The secret key ring holds no key that can sign.");
        try
        {
            privateKey = signingKey.ExtractPrivateKey((passphrase ?? "").ToCharArray());
        }
        catch (PgpException e)
        {
            throw new FormatException("The secret key cannot be unlocked (wrong or missing passphrase).", e);
        }
    }

    /// <summary>Upper-case hexadecimal fingerprint (40 characters) of the signing key.</summary>
    public string Fingerprint => OpenPgpKeys.Fingerprint(signingKey.PublicKey);

    /// <summary>The first user id of the key, e.g. <c>"NCSC-NL CSAF &lt;csaf@ncsc.nl&gt;"</c>; empty when it has none.</summary>
    public string UserId => ring.GetPublicKey().GetUserIds().FirstOrDefault() ?? "";

    /// <summary>The public key block, ASCII-armoured (<c>-----BEGIN PGP PUBLIC KEY BLOCK-----</c>).</summary>
    public string PublicKeyArmoured()
    {
        var publicKeys = ring.GetPublicKeys().ToList();
        return Armour(stream =>
        {
            foreach (var key in publicKeys)
            {
                key.Encode(stream);
            }
        });
    }

    /// <summary>The public key as a ring, for verifying this key's own signatures.</summary>
    public OpenPgpPublicKeyRing PublicKeyRing() => OpenPgpKeys.ReadPublicKeys(PublicKeyArmoured());

    /// <summary>The secret key block, ASCII-armoured, protected as generated or read (keep it secret).</summary>
    public string SecretKeyArmoured() => Armour(ring.Encode);

    /// <summary>
    /// Signs <paramref name="data"/> (a binary-document signature, SHA-512, with creation time and issuer
    /// fingerprint) and returns the detached signature ASCII-armoured (<c>-----BEGIN PGP SIGNATURE-----</c>).
    /// </summary>
    /// <param name="data">The exact bytes that will be served.</param>
    /// <param name="signedUtc">Signature creation time (UTC); now when null.</param>
    public string SignDetached(ReadOnlySpan<byte> data, DateTime? signedUtc = null)
    {
        var generator = new PgpSignatureGenerator(signingKey.PublicKey.Algorithm, HashAlgorithmTag.Sha512);
        generator.InitSign(PgpSignature.BinaryDocument, privateKey, new SecureRandom());
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, (signedUtc ?? DateTime.UtcNow).ToUniversalTime());
        hashed.SetIssuerFingerprint(false, signingKey.PublicKey);
        generator.SetHashedSubpackets(hashed.Generate());
        var unhashed = new PgpSignatureSubpacketGenerator();
        unhashed.SetIssuerKeyID(false, signingKey.KeyId);
        generator.SetUnhashedSubpackets(unhashed.Generate());
        generator.Update(data);
        var signature = generator.Generate();
        return Armour(signature.Encode);
    }

    /// <inheritdoc cref="SignDetached(ReadOnlySpan{byte}, DateTime?)"/>
    public string SignDetached(byte[] data, DateTime? signedUtc = null) => SignDetached(data.AsSpan(), signedUtc);

    private static string Armour(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        // No "Version:" header: it only names the library and changes with every upgrade.
        using (var armoured = ArmoredOutputStream.Build().SetVersion(null).Build(buffer))
        {
            write(armoured);
        }

        return Encoding.ASCII.GetString(buffer.ToArray());
    }
}
