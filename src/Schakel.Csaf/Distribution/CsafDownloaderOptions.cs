namespace Schakel.Csaf.Distribution;

/// <summary>Limits and policy of <see cref="CsafDownloader"/>. All sizes are in bytes.</summary>
public sealed class CsafDownloaderOptions
{
    /// <summary>Largest CSAF document fetched (default 32 MiB, as <see cref="CsafReader.DefaultMaxBytes"/>).</summary>
    public long MaxDocumentBytes { get; set; } = CsafReader.DefaultMaxBytes;

    /// <summary>
    /// The validator every document must pass before it is handed on: the schema and the mandatory tests of CSAF 2.0
    /// section 6.1 (default: <see cref="Validation.CsafValidator"/> without the optional and informative tests, which only warn).
    /// </summary>
    public Validation.CsafValidator Validator { get; set; } = MandatoryOnly;

    private static readonly Validation.CsafValidator MandatoryOnly =
        new(options: new Validation.CsafValidatorOptions { Optional = false, Informative = false });

    /// <summary>Largest <c>provider-metadata.json</c> or <c>security.txt</c> (default 1 MiB).</summary>
    public long MaxMetadataBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest <c>changes.csv</c>, <c>index.txt</c> or ROLIE feed (default 64 MiB: big providers list 100,000+ documents).</summary>
    public long MaxListingBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest <c>.asc</c> signature or public key file (default 256 KiB).</summary>
    public long MaxSignatureBytes { get; set; } = 256 * 1024;

    /// <summary>Largest <c>.sha256</c>/<c>.sha512</c> file (default 4 KiB).</summary>
    public long MaxHashBytes { get; set; } = 4096;

    /// <summary>Timeout of one HTTP request including reading its body (default 60 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Follow redirects and listed URLs that leave the provider's origin (scheme, host, port of the metadata URL).
    /// Off by default: such a URL is then a failure. When on, each one is still reported as a warning.
    /// </summary>
    public bool AllowOtherOrigins { get; set; }

    /// <summary>Most redirects followed for one request (default 5).</summary>
    public int MaxRedirects { get; set; } = 5;
}
