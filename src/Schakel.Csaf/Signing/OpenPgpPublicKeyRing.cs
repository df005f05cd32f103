using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Schakel.Csaf.Signing;

/// <summary>
/// One or more OpenPGP public keys (e.g. every key a provider lists in <c>public_openpgp_keys</c>), against which
/// detached signatures are checked with <see cref="OpenPgpSignatures.Verify(byte[], byte[], OpenPgpPublicKeyRing)"/>.
/// </summary>
public sealed class OpenPgpPublicKeyRing
{
    internal OpenPgpPublicKeyRing(PgpPublicKeyRingBundle bundle) => Bundle = bundle;

    internal PgpPublicKeyRingBundle Bundle { get; }

    /// <summary>Upper-case hexadecimal fingerprints of every key and subkey in the ring.</summary>
    public IReadOnlyList<string> Fingerprints =>
        Bundle.GetKeyRings().SelectMany(r => r.GetPublicKeys()).Select(OpenPgpKeys.Fingerprint).ToList();

    /// <summary>A ring holding the keys of both rings (e.g. keys read from several URLs).</summary>
    public OpenPgpPublicKeyRing Merge(OpenPgpPublicKeyRing other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var bundle = Bundle;
        foreach (var ring in other.Bundle.GetKeyRings())
        {
            if (bundle.GetPublicKeyRing(ring.GetPublicKey().KeyId) is null)
            {
                bundle = PgpPublicKeyRingBundle.AddPublicKeyRing(bundle, ring);
            }
        }

        return new OpenPgpPublicKeyRing(bundle);
    }

    internal PgpPublicKey? Find(long keyId) => Bundle.GetPublicKey(keyId);
}
