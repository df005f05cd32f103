using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Stix;
using Schakel.Stix.Extensions;
using Schakel.Stix.Taxii;
using TlpLabel = Schakel.Features.Sharing.Tlp;

namespace Schakel.Features.Taxii;

/// <summary>
/// Writes a TAXII envelope (TAXII 2.1 section 3.7) of stored objects without parsing them: each object's stored compact
/// JSON is copied as it is, with Schakel's property extension (<see cref="SchakelExtension"/>) for the item of its
/// representative link row appended before the closing brace. Only an object that already has <c>extensions</c> is
/// parsed, to merge. The extension carries the label the caller holds the item under (its delivery's effective label,
/// DESIGN.md section 3), so a receiving node rebuilds the item as this node shows it to that caller.
/// </summary>
public sealed class TaxiiEnvelopeWriter(SchakelDbContext db)
{
    private static readonly byte[] ExtensionsKey = Encoding.UTF8.GetBytes(",\"extensions\":{" + JsonSerializer.Serialize(SchakelExtension.Id) + ":");

    /// <summary>The extension value per item of the page (JSON object text), for the viewer.</summary>
    public async Task<Dictionary<Guid, string>> ExtensionsAsync(IEnumerable<TaxiiRow> rows, Viewer viewer, CancellationToken ct)
    {
        var ids = rows.Select(r => r.ItemId).Where(id => id != Guid.Empty).Distinct().ToList();
        var orgId = viewer.OrganisationId ?? -1;
        var items = await db.Items.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new
            {
                i.Id, i.Tlp, i.Status, i.Title, Publisher = i.PublisherOrganisation.Key,
                Held = i.Deliveries.Where(d => d.RecipientOrganisationId == orgId && d.RecipientPersonId == null).Select(d => (TlpLabel?)d.EffectiveTlp).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var result = new Dictionary<Guid, string>(items.Count);
        foreach (var i in items)
        {
            var tlp = i.Held ?? i.Tlp;
            var value = new Dictionary<string, string>
            {
                ["extension_type"] = "property-extension",
                ["item_id"] = i.Id.ToString(),
                ["tlp"] = tlp.ToLabel().ToLowerInvariant(),
                ["status"] = i.Status == ItemStatus.Retracted ? "retracted" : "published",
                ["publisher"] = i.Publisher,
                ["title"] = i.Title,
            };
            result[i.Id] = JsonSerializer.Serialize(value);
        }

        return result;
    }

    /// <summary>Writes the envelope: <c>{}</c> when there are no rows (section 3.7: no empty lists), else more, next and objects.</summary>
    public static async Task WriteAsync(Stream body, IReadOnlyList<TaxiiRow> rows, bool more, string? next, IReadOnlyDictionary<Guid, string> extensions, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        if (rows.Count == 0)
        {
            Append(buffer, "{}");
            await body.WriteAsync(buffer.WrittenMemory, ct);
            return;
        }

        Append(buffer, more ? "{\"more\":true" : "{\"more\":false");
        if (next is not null) Append(buffer, ",\"next\":" + JsonSerializer.Serialize(next));
        Append(buffer, ",\"objects\":[");
        for (var n = 0; n < rows.Count; n++)
        {
            if (n > 0) Append(buffer, ",");
            WriteObject(buffer, rows[n], extensions);
            if (buffer.WrittenCount > 256 * 1024)
            {
                await body.WriteAsync(buffer.WrittenMemory, ct);
                buffer.ResetWrittenCount();
            }
        }

        Append(buffer, "]}");
        await body.WriteAsync(buffer.WrittenMemory, ct);
    }

    private static void WriteObject(ArrayBufferWriter<byte> buffer, TaxiiRow row, IReadOnlyDictionary<Guid, string> extensions)
    {
        var content = row.Content!.TrimEnd();
        if (row.ItemId == Guid.Empty || !extensions.TryGetValue(row.ItemId, out var ext))
        {
            Append(buffer, content);
            return;
        }

        if (content.Contains("\"extensions\"", StringComparison.Ordinal))
        {
            // Rare: merge into the object's own extensions (and replace a Schakel extension another node put there).
            var reference = JsonSerializer.Deserialize<ExtensionValue>(ext)!;
            var merged = SchakelExtension.With(StixObject.Parse(content), reference.ToRef());
            Append(buffer, merged.Json);
            return;
        }

        Append(buffer, content.AsSpan(0, content.Length - 1));
        buffer.Write(ExtensionsKey);
        Append(buffer, ext);
        Append(buffer, "}}");
    }

    private static void Append(ArrayBufferWriter<byte> buffer, ReadOnlySpan<char> text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private sealed record ExtensionValue(
        [property: JsonPropertyName("item_id")] string ItemId,
        [property: JsonPropertyName("tlp")] string Tlp,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("publisher")] string Publisher,
        [property: JsonPropertyName("title")] string? Title)
    {
        public SchakelItemRef ToRef()
        {
            Stix.Markings.TlpMarkings.TryParseName(Tlp, out var label);
            return new SchakelItemRef(Guid.Parse(ItemId), label, Status, Publisher, Title);
        }
    }
}
