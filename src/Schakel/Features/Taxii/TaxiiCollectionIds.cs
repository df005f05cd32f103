using System.Security.Cryptography;
using System.Text;

namespace Schakel.Features.Taxii;

/// <summary>
/// Stable collection identifiers: derived from the collection key (<c>public</c>, <c>inbox</c>, <c>network</c>,
/// <c>sector:KEY</c>, <c>constituency:KEY</c>, <c>org:KEY</c>) the way RFC 4122 section 4.3 derives name-based UUIDs
/// (SHA-1 over a namespace and the name), so every node and every restart gives a collection the same id. The version
/// bits are those of a version 4 UUID, because TAXII 2.1 section 2 types <c>identifier</c> as an RFC 4122 version 4 UUID
/// and strict clients check that.
/// </summary>
public static class TaxiiCollectionIds
{
    private static readonly Guid Namespace = new("6f0c7c5e-3d4e-4a39-9d3b-5b1c2c7a9e10");

    /// <summary>The identifier of the collection with this key (lower-case key expected).</summary>
    public static string For(string key)
    {
        var ns = Namespace.ToByteArray(bigEndian: true);
        var name = Encoding.UTF8.GetBytes(key);
        var hash = SHA1.HashData([.. ns, .. name]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
