using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Schakel.Csaf.Signing;

/// <summary>
/// Makes and reads OpenPGP keys (RFC 4880 v4 keys, ASCII armour) for signing CSAF documents (CSAF 2.0
/// requirement 7.1.19 and 7.1.20). Built on BouncyCastle; no GnuPG installation is needed.
/// </summary>
public static class OpenPgpKeys
{
    /// <summary>
    /// Generates a signing key: one primary key that may certify and sign, with <paramref name="userId"/>
    /// (e.g. <c>"NCSC-NL CSAF &lt;csaf@ncsc.nl&gt;"</c>) self-certified with SHA-512.
    /// </summary>
    /// <param name="userId">The OpenPGP user id; must not be empty.</param>
    /// <param name="algorithm">Key type; Ed25519 unless a verifier needs RSA.</param>
    /// <param name="passphrase">Protects the armoured secret key (AES-256, iterated and salted S2K); null or empty: unprotected.</param>
    /// <param name="createdUtc">Key creation time (UTC); now when null.</param>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is blank.</exception>
    public static OpenPgpSecretKey Generate(
        string userId,
        OpenPgpKeyAlgorithm algorithm = OpenPgpKeyAlgorithm.Ed25519,
        string? passphrase = null,
        DateTime? createdUtc = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var random = new SecureRandom();
        // OpenPGP stores seconds; truncating here keeps the in-memory key equal to the one read back.
        var created = DateTime.UnixEpoch.AddSeconds(
            (long)((createdUtc ?? DateTime.UtcNow).ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds);

        PgpKeyPair pair;
        if (algorithm == OpenPgpKeyAlgorithm.Rsa3072)
        {
            var generator = new RsaKeyPairGenerator();
            generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), random, 3072, 100));
            pair = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, generator.GenerateKeyPair(), created);
        }
        else
        {
            var generator = new Ed25519KeyPairGenerator();
            generator.Init(new Ed25519KeyGenerationParameters(random));
            pair = new PgpKeyPair(PublicKeyAlgorithmTag.EdDsa_Legacy, generator.GenerateKeyPair(), created);
        }

        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetKeyFlags(false, PgpKeyFlags.CanCertify | PgpKeyFlags.CanSign);
        hashed.SetPreferredHashAlgorithms(false, [(int)HashAlgorithmTag.Sha512, (int)HashAlgorithmTag.Sha256]);
        hashed.SetPreferredSymmetricAlgorithms(false, [(int)SymmetricKeyAlgorithmTag.Aes256]);

        var protect = !string.IsNullOrEmpty(passphrase);
        var ringGenerator = new PgpKeyRingGenerator(
            PgpSignature.PositiveCertification,
            pair,
            userId,
            protect ? SymmetricKeyAlgorithmTag.Aes256 : SymmetricKeyAlgorithmTag.Null,
            HashAlgorithmTag.Sha512,
            protect ? passphrase!.ToCharArray() : [],
            true,
            hashed.Generate(),
            null,
            random);

        return new OpenPgpSecretKey(ringGenerator.GenerateSecretKeyRing(), passphrase);
    }

    /// <summary>Reads an armoured (or binary) secret key and unlocks it for signing.</summary>
    /// <param name="armoured">An OpenPGP secret key block; the first key that can sign is used.</param>
    /// <param name="passphrase">The key's passphrase; null or empty for an unprotected key.</param>
    /// <exception cref="FormatException">The text is not an OpenPGP secret key, holds no signing key, or the passphrase is wrong.</exception>
    public static OpenPgpSecretKey ReadSecretKey(string armoured, string? passphrase = null)
    {
        ArgumentNullException.ThrowIfNull(armoured);
        try
        {
            using var decoder = PgpUtilities.GetDecoderStream(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(armoured)));
            var bundle = new PgpSecretKeyRingBundle(decoder);
            var ring = bundle.GetKeyRings().FirstOrDefault()
                ?? throw new FormatException("The text holds no OpenPGP secret key.");
            return new OpenPgpSecretKey(ring, passphrase);
        }
        catch (Exception e) when (e is IOException or PgpException or ArgumentException)
        {
            throw new FormatException("Not a readable OpenPGP secret key: " + e.Message, e);
        }
    }

    /// <summary>Reads one or more armoured (or binary) public keys, e.g. a provider's <c>public_openpgp_keys</c> URL.</summary>
    /// <exception cref="FormatException">The text is not an OpenPGP public key block or holds no key.</exception>
    public static OpenPgpPublicKeyRing ReadPublicKeys(string armoured) =>
        ReadPublicKeys(System.Text.Encoding.ASCII.GetBytes(armoured ?? throw new ArgumentNullException(nameof(armoured))));

    /// <inheritdoc cref="ReadPublicKeys(string)"/>
    public static OpenPgpPublicKeyRing ReadPublicKeys(byte[] keyBytes)
    {
        ArgumentNullException.ThrowIfNull(keyBytes);
        try
        {
            using var decoder = PgpUtilities.GetDecoderStream(new MemoryStream(keyBytes));
            var bundle = new PgpPublicKeyRingBundle(decoder);
            if (bundle.Count == 0)
            {
                throw new FormatException("The text holds no OpenPGP public key.");
            }

            return new OpenPgpPublicKeyRing(bundle);
        }
        catch (Exception e) when (e is IOException or PgpException or ArgumentException)
        {
            throw new FormatException("Not a readable OpenPGP public key: " + e.Message, e);
        }
    }

    /// <summary>Upper-case hexadecimal v4 fingerprint (40 characters), as provider-metadata.json writes it.</summary>
    public static string Fingerprint(PgpPublicKey key) => Convert.ToHexString(key.GetFingerprint());
}
