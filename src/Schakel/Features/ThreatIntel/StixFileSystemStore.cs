using System.Security.Cryptography;
using System.Text;
using Schakel.Stix;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// A folder in the layout of the OASIS python-stix2 <c>FileSystemStore</c>: <c>TYPE/TYPE--UUID/VERSION.json</c> for
/// versioned objects and <c>TYPE/TYPE--UUID.json</c> for unversioned ones, each file a bundle of one object or the object
/// itself. Such a folder is one collection of objects, so the command line imports it as one item.
/// </summary>
public static class StixFileSystemStore
{
    /// <summary>True when <paramref name="folder"/> holds at least one <c>*.json</c> and every one sits where the layout puts it.</summary>
    public static bool IsStore(string folder)
    {
        var any = false;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            any = true;
            var parts = Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var fits = parts.Length switch
            {
                2 => Path.GetFileNameWithoutExtension(parts[1]).StartsWith(parts[0] + "--", StringComparison.Ordinal),
                3 => parts[1].StartsWith(parts[0] + "--", StringComparison.Ordinal),
                _ => false,
            };
            if (!fits) return false;
        }

        return any;
    }

    /// <summary>
    /// Reads every file of the store (in ordinal path order) and writes their objects as one STIX 2.1 bundle (section 8)
    /// whose id is derived from its content, so that importing the same store again is recognised as the same content.
    /// Files that cannot be read are returned as problems (<c>RELATIVE-PATH: reason</c>) and left out.
    /// Null bundle when the files together are larger than <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task<(byte[]? Bundle, List<string> Problems)> ReadAsync(string folder, long maxBytes, CancellationToken ct)
    {
        var problems = new List<string>();
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Sum(f => new FileInfo(f).Length) > maxBytes) return (null, problems);

        var objects = new List<string>();
        foreach (var file in files)
        {
            var read = StixBundleReader.Read(await File.ReadAllBytesAsync(file, ct), maxBytes);
            var relative = Path.GetRelativePath(folder, file);
            problems.AddRange(read.Findings.Select(f => $"{relative}: {f.Message}"));
            objects.AddRange(read.Objects.Select(o => o.Json));
        }

        var joined = string.Join(',', objects);
        // A name-based (version 5) UUID of the objects: the same objects give the same bundle, so a re-import is unchanged,
        // and it is an RFC 4122 UUID as STIX 2.1 section 2.9 requires.
        var id = StixDeterministicIds.Uuid5(StixDeterministicIds.Namespace, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined))));
        return (Encoding.UTF8.GetBytes($"{{\"type\":\"bundle\",\"id\":\"bundle--{id}\",\"objects\":[{joined}]}}"), problems);
    }
}
