using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Stix;
using Schakel.Stix.Extensions;
using Schakel.Stix.Markings;
using Schakel.Stix.Taxii;
using TlpLabel = Schakel.Features.Sharing.Tlp;

namespace Schakel.Features.Taxii;

/// <summary>
/// Writes a TAXII envelope (TAXII 2.1 section 3.7) of stored objects without parsing them: each object's stored compact
/// JSON is copied as it is, with Schakel's property extension (<see cref="SchakelExtension"/>) for the item of its
/// representative link row appended before the closing brace, and the other items holding the same version that the caller
/// may see in its <c>other_items</c>. Only an object that already has <c>extensions</c> is parsed, to merge. The extension
/// carries the label the caller holds each item under (its delivery's effective label, DESIGN.md section 3), so a receiving
/// node rebuilds the items as this node shows them to that caller.
/// </summary>
public sealed class TaxiiEnvelopeWriter(SchakelDbContext db, TaxiiStore store, TaxiiCollectionCatalog catalog)
{
    private static readonly byte[] ExtensionsKey = Encoding.UTF8.GetBytes(",\"extensions\":{" + JsonSerializer.Serialize(SchakelExtension.Id) + ":");

    /// <summary>The extension values of a page for the viewer: the items of its rows and the other holders of its versions.</summary>
    public async Task<TaxiiExtensions> ExtensionsAsync(IReadOnlyList<TaxiiRow> rows, IQueryable<Guid> collection, Viewer viewer, CancellationToken ct)
    {
        var others = await store.OtherHoldersAsync(rows, collection, catalog.AllItemIds(viewer), ct);
        var ids = rows.Select(r => r.ItemId).Concat(others.Values.SelectMany(o => o.Select(h => h.ItemId))).Where(id => id != Guid.Empty).Distinct().ToList();
        var orgId = viewer.OrganisationId ?? -1;
        var items = await db.Items.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new
            {
                i.Id, i.Tlp, i.Status, i.Title, i.RetractionReason, Publisher = i.PublisherOrganisation.Key,
                Held = i.Deliveries.Where(d => d.RecipientOrganisationId == orgId && d.RecipientPersonId == null).Select(d => (TlpLabel?)d.EffectiveTlp).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var refs = new Dictionary<Guid, SchakelItemRef>(items.Count);
        foreach (var i in items)
            refs[i.Id] = new SchakelItemRef(i.Id, (StixTlp)(int)(i.Held ?? i.Tlp), i.Status == ItemStatus.Retracted ? "retracted" : "published", i.Publisher, i.Title)
            {
                Reason = i.Status == ItemStatus.Retracted ? i.RetractionReason : null,
            };
        return new TaxiiExtensions(refs, others, refs.ToDictionary(r => r.Key, r => SchakelExtension.ValueJson(r.Value)));
    }

    /// <summary>Writes the envelope: <c>{}</c> when there are no rows (section 3.7: no empty lists), else more, next and objects.</summary>
    public static async Task WriteAsync(Stream body, IReadOnlyList<TaxiiRow> rows, bool more, string? next, TaxiiExtensions extensions, CancellationToken ct)
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

    private static void WriteObject(ArrayBufferWriter<byte> buffer, TaxiiRow row, TaxiiExtensions extensions)
    {
        var content = row.Content!.TrimEnd();
        if (row.ItemId == Guid.Empty || !extensions.Items.TryGetValue(row.ItemId, out var item))
        {
            Append(buffer, content);
            return;
        }

        var others = extensions.Others.TryGetValue(row.VersionId, out var holders)
            ? holders.Where(h => extensions.Items.ContainsKey(h.ItemId)).Select(h => extensions.Items[h.ItemId] with { Elsewhere = !h.InCollection }).ToList()
            : [];
        if (content.Contains("\"extensions\"", StringComparison.Ordinal))
        {
            // Rare: merge into the object's own extensions (and replace a Schakel extension another node put there).
            Append(buffer, SchakelExtension.With(StixObject.Parse(content), item, others).Json);
            return;
        }

        Append(buffer, content.AsSpan(0, content.Length - 1));
        buffer.Write(ExtensionsKey);
        // Most versions have one holder: its value is written once per page and reused.
        Append(buffer, others.Count == 0 ? extensions.ItemJson[row.ItemId] : SchakelExtension.ValueJson(item, others));
        Append(buffer, "}}");
    }

    private static void Append(ArrayBufferWriter<byte> buffer, ReadOnlySpan<char> text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}

/// <summary>
/// The extension values of one page: <see cref="Items"/> the item refs by item id (the label the caller holds each under),
/// <see cref="Others"/> per version row id the other items holding that version (ids into <see cref="Items"/>) and whether
/// each is in the collection served, <see cref="ItemJson"/> per item its extension value alone as JSON text.
/// </summary>
public sealed record TaxiiExtensions(IReadOnlyDictionary<Guid, SchakelItemRef> Items, IReadOnlyDictionary<long, List<(Guid ItemId, bool InCollection)>> Others,
    IReadOnlyDictionary<Guid, string> ItemJson);
