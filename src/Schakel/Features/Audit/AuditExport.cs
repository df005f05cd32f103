using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Schakel.Features.Audit;

/// <summary>One audit record as the API, the page and the exports show it.</summary>
/// <remarks>
/// <c>Sequence</c>: Position in the hash chain, from 1.<br/>
/// <c>At</c>: When it happened (UTC).<br/>
/// <c>Action</c>: Stable key: item.read, item.download, item.publish, organisation.update, credential.token-create, audit.export, ….<br/>
/// <c>Person</c>: E-mail of the acting person; null for the node or the command line.<br/>
/// <c>Organisation</c>: Key of the acting person's organisation.<br/>
/// <c>ItemOrganisation</c>: Id of the organisation that published the item.<br/>
/// <c>Subject</c>: What else the action concerned: an organisation key, a person's e-mail, a file name.<br/>
/// <c>Detail</c>: Compact JSON with labels, counts, reasons; never item content.<br/>
/// <c>Source</c>: Client IP address, node (background work) or cli.<br/>
/// <c>Hash</c>: Lower-case hex SHA-256 of the record's canonical form (docs/architecture.md).<br/>
/// </remarks>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Action, string? Person, string? Organisation, Guid? ItemId,
    int? ItemOrganisation, string? Subject, string? Detail, string? Source, string PreviousHash, string Hash)
{
    /// <summary>Projection for EF queries.</summary>
    public static IQueryable<AuditEntry> Project(IQueryable<AuditRecord> records) =>
        records.Select(r => new AuditEntry(r.Sequence, r.At, r.Action, r.PersonEmail, r.OrganisationKey, r.ItemId, r.ItemOrganisationId,
            r.Subject, r.Detail, r.Source, r.PreviousHash, r.Hash));
}

/// <summary>Writes audit records as CSV (RFC 4180, header row, UTF-8, CsvHelper) or as a JSON array, oldest first, streaming.</summary>
public static class AuditExport
{
    public const string Csv = "csv";
    public const string Json = "json";

    /// <summary>The CSV columns, in order.</summary>
    public static readonly string[] Header =
        ["sequence", "at", "action", "person", "organisation", "itemId", "itemOrganisation", "subject", "detail", "source", "previousHash", "hash"];

    public static string ContentType(string format) => format == Csv ? "text/csv; charset=utf-8" : "application/json";

    public static string FileName(string format, DateTimeOffset now) =>
        $"schakel-audit-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.{format}";

    /// <summary>Streams the records in chain order to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(string format, IQueryable<AuditRecord> records, Stream output, JsonSerializerOptions json, CancellationToken ct)
    {
        var rows = AuditEntry.Project(records.OrderBy(r => r.Sequence)).AsAsyncEnumerable();
        if (format == Json)
        {
            await JsonSerializer.SerializeAsync(output, rows, json, ct);
            return;
        }

        // Fields a spreadsheet would run as a formula (= + - @ at the start) get a leading ' (OWASP CSV injection);
        // the JSON export carries the stored values unchanged, for recomputing hashes.
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(Header); // ends the header record itself
        await foreach (var r in rows.WithCancellation(ct))
        {
            csv.WriteField(r.Sequence.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(r.Action);
            csv.WriteField(r.Person);
            csv.WriteField(r.Organisation);
            csv.WriteField(r.ItemId?.ToString("D"));
            csv.WriteField(r.ItemOrganisation?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Subject);
            csv.WriteField(r.Detail);
            csv.WriteField(r.Source);
            csv.WriteField(r.PreviousHash);
            csv.WriteField(r.Hash);
            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }
}
