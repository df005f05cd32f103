using System.Text;

namespace Schakel.Csaf.Distribution;

/// <summary>
/// Finds a provider's <c>provider-metadata.json</c> (CSAF 2.0 section 7.3.1): the URL itself when one is given; for a
/// domain, <c>https://DOMAIN/.well-known/csaf/provider-metadata.json</c>, then the <c>CSAF:</c> fields of
/// <c>https://DOMAIN/.well-known/security.txt</c>, then <c>https://csaf.data.security.DOMAIN</c>. Loopback hosts use http.
/// </summary>
internal static class ProviderDiscovery
{
    /// <summary>The candidate URLs for <paramref name="source"/> in the order to try; security.txt is marked to be read, not used.</summary>
    public static IReadOnlyList<(Uri Url, bool IsSecurityTxt)> Candidates(string source)
    {
        source = source.Trim();
        Uri site;
        if (source.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var url)) throw new ArgumentException($"'{source}' is not a URL.", nameof(source));
            if (url.AbsolutePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return [(url, false)];
            site = new Uri(url.GetLeftPart(UriPartial.Authority));
        }
        else
        {
            var probe = new Uri("http://" + source.TrimEnd('/'));
            site = new Uri((probe.IsLoopback ? "http://" : "https://") + probe.Authority);
        }

        var list = new List<(Uri, bool)>
        {
            (new Uri(site, "/.well-known/csaf/provider-metadata.json"), false),
            (new Uri(site, "/.well-known/security.txt"), true),
        };
        if (site.HostNameType == UriHostNameType.Dns && !site.IsLoopback) list.Add((new Uri($"https://csaf.data.security.{site.Host}"), false));
        return list;
    }

    /// <summary>The URLs of the <c>CSAF:</c> fields of a security.txt (RFC 9116), in order.</summary>
    public static IReadOnlyList<Uri> CsafFields(Uri securityTxt, byte[] content)
    {
        var result = new List<Uri>();
        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            var l = line.Trim();
            if (!l.StartsWith("CSAF:", StringComparison.OrdinalIgnoreCase)) continue;
            if (Uri.TryCreate(securityTxt, l[5..].Trim(), out var u)) result.Add(u);
        }

        return result;
    }
}
