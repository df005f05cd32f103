using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Schakel.Csaf;
using Schakel.Csaf.Signing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.CsafSources;

/// <summary>
/// A static file server on 127.0.0.1 (Kestrel) over a temporary folder, standing in for a CSAF provider. <see cref="Fail"/>
/// makes chosen requests answer 503 (a network problem in the middle of a run). The folder is deleted on dispose.
/// </summary>
public sealed partial class StaticProvider : IAsyncDisposable
{
    private readonly WebApplication app;

    private StaticProvider(WebApplication app, string root, Uri baseUrl) => (this.app, Root, BaseUrl) = (app, root, baseUrl);

    /// <summary>The served folder.</summary>
    public string Root { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>, without a trailing slash, for building URLs in files.</summary>
    public string Prefix => BaseUrl.ToString().TrimEnd('/');

    /// <summary>Requests for which this returns true get 503.</summary>
    public Func<PathString, bool>? Fail { get; set; }

    /// <summary>Paths requested, in order.</summary>
    public List<string> Requests { get; } = [];

    public static async Task<StaticProvider> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("schakel-csaf-provider-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        StaticProvider? self = null;
        app.Use(async (context, next) =>
        {
            lock (self!.Requests) self.Requests.Add(context.Request.Path);
            if (self.Fail?.Invoke(context.Request.Path) == true) { context.Response.StatusCode = 503; return; }
            await next();
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), ServeUnknownFileTypes = true });
        await app.StartAsync();
        self = new StaticProvider(app, root, new Uri(app.Urls.First().TrimEnd('/')));
        return self;
    }

    /// <summary>Absolute path of a file under the root (created folders included).</summary>
    public string PathOf(string relative)
    {
        var path = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Copies a gocsaf test tree, filling <c>{{.URL}}</c> with <paramref name="urlPrefix"/> and keeping every <c>{{if}}</c> block.</summary>
    public void CopyTemplateTree(string source, string urlPrefix)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = PathOf(Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/'));
            if (file.EndsWith(".json", StringComparison.Ordinal) && File.ReadAllText(file).Contains("{{", StringComparison.Ordinal))
                File.WriteAllText(target, GoIf().Replace(File.ReadAllText(file).Replace("{{.URL}}", urlPrefix, StringComparison.Ordinal), ""));
            else File.Copy(file, target);
        }
    }

    /// <summary>Writes a document with its .sha256, .sha512 and (with a key) .asc beside it, at <paramref name="relative"/>.</summary>
    public void WriteDocument(string relative, byte[] content, OpenPgpSecretKey? key)
    {
        File.WriteAllBytes(PathOf(relative), content);
        var name = relative.Split('/')[^1];
        File.WriteAllText(PathOf(relative + ".sha256"), Convert.ToHexStringLower(SHA256.HashData(content)) + "  " + name + "\n");
        File.WriteAllText(PathOf(relative + ".sha512"), Convert.ToHexStringLower(SHA512.HashData(content)) + "  " + name + "\n");
        if (key is not null) File.WriteAllText(PathOf(relative + ".asc"), key.SignDetached(content));
    }

    /// <summary>Writes a provider-metadata.json at <c>/.well-known/csaf/</c> with one directory distribution and the key.</summary>
    public void WriteMetadata(string directoryPath, OpenPgpSecretKey? key, string? fingerprint = null)
    {
        var keys = key is null ? "" : $$"""
            "public_openpgp_keys": [ { "fingerprint": "{{fingerprint ?? key.Fingerprint}}", "url": "{{Prefix}}/.well-known/csaf/openpgp/key.asc" } ],
            """;
        if (key is not null) File.WriteAllText(PathOf(".well-known/csaf/openpgp/key.asc"), key.PublicKeyArmoured());
        File.WriteAllText(PathOf(".well-known/csaf/provider-metadata.json"), $$"""
            {
              "canonical_url": "{{Prefix}}/.well-known/csaf/provider-metadata.json",
              "distributions": [ { "directory_url": "{{Prefix}}/{{directoryPath}}" } ],
              "last_updated": "2024-10-01T00:00:00Z",
              "list_on_CSAF_aggregators": true,
              "metadata_version": "2.0",
              "mirror_on_CSAF_aggregators": true,
              {{keys}}
              "publisher": { "category": "coordinator", "name": "Test provider", "namespace": "https://test.example" },
              "role": "csaf_trusted_provider"
            }
            """);
    }

    /// <summary>Writes changes.csv (quoted, newest first as the specification orders it) and index.txt into <paramref name="directoryPath"/>.</summary>
    public void WriteListings(string directoryPath, IEnumerable<(string Path, DateTimeOffset Changed)> entries)
    {
        var list = entries.OrderByDescending(e => e.Changed).ToList();
        File.WriteAllText(PathOf(directoryPath + "changes.csv"), string.Concat(list.Select(e => $"\"{e.Path}\",\"{e.Changed.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\"\n")));
        File.WriteAllText(PathOf(directoryPath + "index.txt"), string.Concat(list.Select(e => e.Path + "\n")));
    }

    /// <summary>The real CISA advisories (OT and IT) as (file name, bytes, current_release_date).</summary>
    public static IReadOnlyList<(string Name, byte[] Content, DateTimeOffset Released)> CisaDocuments() =>
        new[] { "OT", "IT" }.SelectMany(part => Directory.EnumerateFiles(TestEnvironment.Data("csaf", "advisories", "cisa", part, "white", "2024"), "*.json"))
            .Order(StringComparer.Ordinal)
            .Select(f =>
            {
                var bytes = File.ReadAllBytes(f);
                var info = CsafReader.Read(bytes).Document ?? throw new InvalidOperationException(f + " is not valid CSAF");
                return (Path.GetFileName(f), bytes, info.CurrentReleaseDate);
            }).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"\{\{(if [^}]*|end)\}\}")]
    private static partial Regex GoIf();
}
