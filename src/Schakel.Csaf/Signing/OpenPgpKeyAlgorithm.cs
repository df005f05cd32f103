namespace Schakel.Csaf.Signing;

/// <summary>The key types <see cref="OpenPgpKeys.Generate"/> can make.</summary>
public enum OpenPgpKeyAlgorithm
{
    /// <summary>Ed25519 (EdDSA, OpenPGP v4 "legacy" encoding that GnuPG 2.2+ and gocsaf read). Fast; the default.</summary>
    Ed25519,

    /// <summary>RSA with a 3072-bit modulus; for verifiers that only know RSA. Generating takes about a second.</summary>
    Rsa3072,
}
