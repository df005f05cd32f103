using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Schakel.Csaf.Signing;

namespace Schakel.Features.CsafProvider;

/// <summary>
/// The node's OpenPGP signing key and its signatures (CSAF 2.0 requirements 7.1.19 and 7.1.20). The key is the
/// configured <c>Csaf:SigningKeyFile</c>, or one generated on first use and kept as <c>signing-key.asc</c> in
/// <c>Csaf:DataFolder</c> (file mode 600). Signatures are stored in <c>signatures/</c> there, named by the SHA-256 of
/// the bytes they sign: a document is signed once per exact content (revision and label), and a served <c>.asc</c>
/// stays the same on every request. Singleton; thread-safe.
/// </summary>
public sealed class CsafSigning
{
    private readonly Lazy<OpenPgpSecretKey> _key;
    private readonly string _folder;
    private readonly ILogger<CsafSigning> _log;

    public CsafSigning(IOptions<CsafOptions> options, ILogger<CsafSigning> log)
    {
        _log = log;
        var o = options.Value;
        // Relative to the working directory, as the SQLite database is: the key belongs with the node's data, not with a build output.
        _folder = Path.GetFullPath(o.DataFolder);
        _key = new Lazy<OpenPgpSecretKey>(() => Load(o), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The signing key (loaded or generated on first use).</summary>
    public OpenPgpSecretKey Key => _key.Value;

    /// <summary>The detached ASCII-armoured signature of exactly <paramref name="bytes"/>, made once and then read from disk.</summary>
    public string Sign(byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = Path.Combine(_folder, "signatures", sha[..2], $"{sha}-{Key.Fingerprint[^16..]}.asc");
        if (File.Exists(path)) return File.ReadAllText(path);

        var signature = Key.SignDetached(bytes);
        WriteAtomically(path, signature);
        return signature;
    }

    private OpenPgpSecretKey Load(CsafOptions o)
    {
        if (!string.IsNullOrEmpty(o.SigningKeyFile)) return OpenPgpKeys.ReadSecretKey(File.ReadAllText(o.SigningKeyFile), o.SigningKeyPassphrase);

        var generated = Path.Combine(_folder, "signing-key.asc");
        if (File.Exists(generated)) return OpenPgpKeys.ReadSecretKey(File.ReadAllText(generated), o.SigningKeyPassphrase);

        var userId = $"{(string.IsNullOrWhiteSpace(o.Publisher.Name) ? "Schakel" : o.Publisher.Name)} CSAF signing key";
        var key = OpenPgpKeys.Generate(userId, OpenPgpKeyAlgorithm.Ed25519, o.SigningKeyPassphrase);
        WriteAtomically(generated, key.SecretKeyArmoured(), secret: true);
        _log.LogInformation("Generated the CSAF signing key {Fingerprint} in {Path}.", key.Fingerprint, generated);
        // Another process may have written its own key in the meantime; the file on disk wins so that all agree.
        return OpenPgpKeys.ReadSecretKey(File.ReadAllText(generated), o.SigningKeyPassphrase);
    }

    private static void WriteAtomically(string path, string text, bool secret = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, text);
        if (secret && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            // No overwrite: when two requests sign at once, the first file stays and both answers are valid signatures.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }
}
