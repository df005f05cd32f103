using Microsoft.Extensions.Options;

namespace Schakel.Features.CsafProvider;

/// <summary>
/// Configuration section <c>Csaf</c>: how the node publishes as a CSAF trusted provider and aggregator
/// (docs/csaf-provider.md). Validated at start-up by <see cref="CsafOptionsValidator"/>.
/// </summary>
public sealed class CsafOptions
{
    public const string Section = "Csaf";

    /// <summary>Absolute http(s) base URL the node is reached at (e.g. <c>https://schakel.ncsc.nl</c>); when unset, each request's scheme and host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>File with an ASCII-armoured OpenPGP secret key to sign with; when unset, a key is generated on first use and kept in <see cref="DataFolder"/>.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Passphrase of <see cref="SigningKeyFile"/> (and of a generated key, which is then stored protected); empty for none.</summary>
    public string? SigningKeyPassphrase { get; set; }

    /// <summary>Folder (relative to the content root, or absolute) for the generated key and the stored signatures. Default <c>data/csaf</c>.</summary>
    public string DataFolder { get; set; } = "data/csaf";

    /// <summary>The publisher written in provider-metadata.json and aggregator.json; unset fields come from the coordinator organisation.</summary>
    public CsafPublisherOptions Publisher { get; set; } = new();
}

/// <summary><c>Csaf:Publisher</c>: the <c>publisher</c> object of provider-metadata.json (CSAF 2.0 section 7.2.1 via 3.2.1.8).</summary>
public sealed class CsafPublisherOptions
{
    /// <summary>Name; default the coordinator organisation's name.</summary>
    public string? Name { get; set; }

    /// <summary>Absolute URI of the publisher's namespace; default the coordinator's website, else the public base URL.</summary>
    public string? Namespace { get; set; }

    /// <summary>One of coordinator, discoverer, other, translator, user, vendor. Default <c>coordinator</c>.</summary>
    public string Category { get; set; } = "coordinator";

    /// <summary>How to reach the publisher; default the coordinator's e-mail address and phone number.</summary>
    public string? ContactDetails { get; set; }

    /// <summary>The authority under which the node publishes.</summary>
    public string? IssuingAuthority { get; set; }
}

/// <summary>Start-up checks of <see cref="CsafOptions"/>: URLs absolute, category known, a configured key file present.</summary>
public sealed class CsafOptionsValidator : IValidateOptions<CsafOptions>
{
    private static readonly HashSet<string> Categories = ["coordinator", "discoverer", "other", "translator", "user", "vendor"];

    public ValidateOptionsResult Validate(string? name, CsafOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(options.PublicBaseUrl) && !IsHttpUrl(options.PublicBaseUrl))
            errors.Add($"Csaf:PublicBaseUrl must be an absolute http(s) URL, not '{options.PublicBaseUrl}'.");
        if (!string.IsNullOrEmpty(options.Publisher.Namespace) && !IsHttpUrl(options.Publisher.Namespace))
            errors.Add($"Csaf:Publisher:Namespace must be an absolute http(s) URL, not '{options.Publisher.Namespace}'.");
        if (!Categories.Contains(options.Publisher.Category))
            errors.Add($"Csaf:Publisher:Category must be one of {string.Join(", ", Categories)}, not '{options.Publisher.Category}'.");
        if (!string.IsNullOrEmpty(options.SigningKeyFile) && !File.Exists(options.SigningKeyFile))
            errors.Add($"Csaf:SigningKeyFile '{options.SigningKeyFile}' does not exist.");
        if (string.IsNullOrWhiteSpace(options.DataFolder)) errors.Add("Csaf:DataFolder must not be empty.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
