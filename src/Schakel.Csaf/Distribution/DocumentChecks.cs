using System.Security.Cryptography;
using System.Text;
using Schakel.Csaf.Signing;

namespace Schakel.Csaf.Distribution;

/// <summary>The hash and signature checks of one fetched document (CSAF 2.0 sections 7.1.18 and 7.1.19).</summary>
internal static class DocumentChecks
{
    /// <summary>
    /// Compares <paramref name="content"/> with a <c>.sha256</c>/<c>.sha512</c> file (<c>HEX</c> or <c>HEX  FILENAME</c>).
    /// Returns null when it matches, else the reason.
    /// </summary>
    public static string? CompareHash(byte[] content, byte[] hashFile, bool sha512, Uri hashUrl)
    {
        var text = Encoding.UTF8.GetString(hashFile).Trim();
        var token = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var expectedLength = sha512 ? 128 : 64;
        if (token.Length != expectedLength || !token.All(Uri.IsHexDigit)) return $"{hashUrl}: not a {(sha512 ? "SHA-512" : "SHA-256")} hash file.";
        var actual = Convert.ToHexStringLower(sha512 ? SHA512.HashData(content) : SHA256.HashData(content));
        return string.Equals(actual, token, StringComparison.OrdinalIgnoreCase) ? null
            : $"{(sha512 ? "SHA-512" : "SHA-256")} mismatch: the file says {token.ToLowerInvariant()[..16]}…, the content hashes to {actual[..16]}….";
    }

    /// <summary>
    /// Checks the detached signature. Returns (failure reason or null, warning or null, verified).
    /// No key at all, or a signature by a key the provider does not list, is a warning; a signature that does not match is a failure.
    /// </summary>
    public static (string? Failure, string? Warning, bool Verified) CheckSignature(byte[] content, byte[] signature, OpenPgpPublicKeyRing? keys)
    {
        if (keys is null) return (null, "Signature not checked: no public key of the provider is available.", false);
        var result = OpenPgpSignatures.Verify(content, signature, keys);
        return result.Status switch
        {
            OpenPgpVerificationStatus.Valid => (null, null, true),
            OpenPgpVerificationStatus.KeyNotAvailable => (null, "Signature not checked: " + result.Message, false),
            _ => ("Bad signature: " + result.Message, null, false),
        };
    }
}
