using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Schakel.Features.Audit;

/// <summary>
/// The canonical form of an <see cref="AuditRecord"/> and its hash. The canonical form is the UTF-8 encoding of
/// <c>schakel-audit-v1;</c> followed by thirteen fields in this order, each written as <c>N:VALUE;</c> where N is the
/// number of UTF-8 bytes of VALUE in decimal (so no value can be mistaken for a separator), or as <c>-;</c> when the
/// field is null:
/// <list type="number">
/// <item><c>sequence</c>: decimal, from 1;</item>
/// <item><c>at</c>: UTC as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (milliseconds: SQLite's storage keeps 0.1 ms, PostgreSQL's 1 µs);</item>
/// <item><c>action</c>; <c>personId</c>; <c>personEmail</c>;</item>
/// <item><c>organisationId</c>: decimal; <c>organisationKey</c>;</item>
/// <item><c>itemId</c>: lower-case GUID with hyphens; <c>itemOrganisationId</c>: decimal;</item>
/// <item><c>subject</c>; <c>detail</c>; <c>source</c>;</item>
/// <item><c>previousHash</c>: the previous record's hash, 64 zeros for the first record.</item>
/// </list>
/// The hash is the lower-case hex SHA-256 of those bytes (64 characters). Example: a record with sequence 1, action
/// <c>item.read</c> and nothing else starts <c>schakel-audit-v1;1:1;24:2025-01-01T00:00:00.000Z;9:item.read;-;…</c>.
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Prefix = "schakel-audit-v1;";

    /// <summary>Truncates a time to whole milliseconds, a precision both databases keep, so hashes survive a round trip.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - utc.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    /// <summary>The canonical form described on <see cref="AuditHash"/>.</summary>
    public static string Canonical(AuditRecord r)
    {
        var sb = new StringBuilder(Prefix, 512);
        Field(sb, r.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(sb, r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Field(sb, r.Action);
        Field(sb, r.PersonId);
        Field(sb, r.PersonEmail);
        Field(sb, r.OrganisationId?.ToString(CultureInfo.InvariantCulture));
        Field(sb, r.OrganisationKey);
        Field(sb, r.ItemId?.ToString("D"));
        Field(sb, r.ItemOrganisationId?.ToString(CultureInfo.InvariantCulture));
        Field(sb, r.Subject);
        Field(sb, r.Detail);
        Field(sb, r.Source);
        Field(sb, r.PreviousHash);
        return sb.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="Canonical"/>.</summary>
    public static string Compute(AuditRecord r) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(r))));

    private static void Field(StringBuilder sb, string? value)
    {
        if (value is null)
        {
            sb.Append("-;");
            return;
        }

        sb.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }
}
