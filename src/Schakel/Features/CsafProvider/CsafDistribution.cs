using Microsoft.EntityFrameworkCore;
using Schakel.Csaf;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using TlpLabel = Schakel.Features.Sharing.Tlp;

namespace Schakel.Features.CsafProvider;

/// <summary>
/// One document in a CSAF directory: <see cref="Path"/> relative to the TLP folder (<c>2024/ncsc-2024-0001.json</c>,
/// the year of <c>initial_release_date</c> in UTC and the CSAF 2.0 section 5.1 file name), with its dates (UTC).
/// <c>Changed</c> is when the file last changed in this directory (UTC): the later of <c>current_release_date</c> and the
/// item's last change, so that a document that enters a directory late (a draft published, an item relabelled into it) is
/// newer than the downloaders' cursor and is not skipped by an incremental download (CSAF 2.0 7.1.13, <c>changes.csv</c>).
/// </summary>
public sealed record CsafEntry(int AdvisoryId, Guid ItemId, string Path, string TrackingId, string Title, DateTimeOffset InitialReleaseDate,
    DateTimeOffset CurrentReleaseDate, TlpLabel Tlp, DateTimeOffset Changed);

/// <summary>The bytes served for an entry, the node-computed hashes (lower-case hex) and the signature to serve.</summary>
public sealed record CsafServedDocument(CsafEntry Entry, byte[] Bytes, string Sha256, string Sha512, string Signature);

/// <summary>
/// What the CSAF directories hold (docs/csaf-provider.md). Provider: published items of authored advisories with label
/// CLEAR, GREEN or AMBER, as the caller may see them through <see cref="ItemAccess"/> (no other authorisation path).
/// Aggregator mirror: published CLEAR items of imported advisories whose own label is WHITE, by publisher namespace.
/// Drafts, retracted items, RED and AMBER+STRICT never appear.
/// </summary>
public sealed class CsafDistribution(ItemAccess access, SchakelDbContext db, CsafSigning signing)
{
    /// <summary>The labels with a provider directory, and their folder names (CSAF's TLP 1.0 words).</summary>
    public static readonly IReadOnlyDictionary<string, TlpLabel> Folders = new Dictionary<string, TlpLabel>(StringComparer.Ordinal)
    {
        ["white"] = TlpLabel.Clear, ["green"] = TlpLabel.Green, ["amber"] = TlpLabel.Amber,
    };

    /// <summary>The provider's entries with label <paramref name="tlp"/> that <paramref name="viewer"/> may see, newest change first.</summary>
    public async Task<List<CsafEntry>> ProviderEntriesAsync(Viewer viewer, TlpLabel tlp, CancellationToken ct)
    {
        if (!Folders.Values.Contains(tlp)) return [];
        var rows = await access.VisibleItems(viewer)
            .Where(i => i.Status == ItemStatus.Published && i.Tlp == tlp && i.AdvisoryId != null && i.Advisory!.Origin == AdvisoryOrigin.Authored)
            .Select(i => new Row(i.Advisory!.Id, i.Id, i.Advisory.TrackingId, i.Advisory.Title, i.Advisory.InitialReleaseDate, i.Advisory.CurrentReleaseDate, i.Tlp, i.UpdatedAt))
            .ToListAsync(ct);
        return Entries(rows);
    }

    /// <summary>The namespaces of imported publishers with at least one mirrored document, with name, category and last change (UTC).</summary>
    public async Task<List<CsafMirrorPublisher>> MirrorPublishersAsync(CancellationToken ct)
    {
        var rows = await MirrorItems()
            .Select(i => new { i.Advisory!.PublisherNamespace, i.Advisory.PublisherName, i.Advisory.PublisherCategory, i.Advisory.CurrentReleaseDate, i.Advisory.UpdatedAt })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.PublisherNamespace)
            .Select(g =>
            {
                var latest = g.MaxBy(r => r.CurrentReleaseDate)!;
                return new CsafMirrorPublisher(g.Key, Slug(g.Key), latest.PublisherName, latest.PublisherCategory, g.Max(r => r.UpdatedAt).ToUniversalTime());
            })
            .OrderBy(p => p.Slug, StringComparer.Ordinal).ToList();
    }

    /// <summary>The mirrored entries of one publisher (by <see cref="Slug"/>), newest change first.</summary>
    public async Task<List<CsafEntry>> MirrorEntriesAsync(string publisherNamespace, CancellationToken ct)
    {
        var rows = await MirrorItems().Where(i => i.Advisory!.PublisherNamespace == publisherNamespace)
            .Select(i => new Row(i.Advisory!.Id, i.Id, i.Advisory.TrackingId, i.Advisory.Title, i.Advisory.InitialReleaseDate, i.Advisory.CurrentReleaseDate, i.Tlp, i.UpdatedAt))
            .ToListAsync(ct);
        return Entries(rows);
    }

    /// <summary>
    /// The bytes of a provider entry: the stored original when its own label equals the item's, else the relabelled copy
    /// (<see cref="CsafRelabel"/>); hashes and the node's signature over exactly those bytes.
    /// </summary>
    public async Task<CsafServedDocument> ProviderDocumentAsync(CsafEntry entry, CancellationToken ct)
    {
        var advisory = await db.Advisories.AsNoTracking().Where(a => a.Id == entry.AdvisoryId)
            .Select(a => new { a.Content, a.SourceTlp }).SingleAsync(ct);
        var bytes = CsafRelabel.IsOriginalFor(advisory.SourceTlp, entry.Tlp) ? advisory.Content : CsafRelabel.Relabel(advisory.Content, entry.Tlp);
        return Served(entry, bytes, null);
    }

    /// <summary>The bytes of a mirror entry, byte for byte as received, with the source's signature when one came with it, else the node's.</summary>
    public async Task<CsafServedDocument> MirrorDocumentAsync(CsafEntry entry, CancellationToken ct)
    {
        var advisory = await db.Advisories.AsNoTracking().Where(a => a.Id == entry.AdvisoryId)
            .Select(a => new { a.Content, a.SourceSignature }).SingleAsync(ct);
        return Served(entry, advisory.Content, advisory.SourceSignature);
    }

    /// <summary>
    /// A folder name for a publisher namespace: host and path in lower case, every run outside <c>[a-z0-9.-]</c> as <c>_</c>
    /// (<c>https://www.cisa.gov</c> → <c>www.cisa.gov</c>).
    /// </summary>
    public static string Slug(string publisherNamespace)
    {
        var text = Uri.TryCreate(publisherNamespace, UriKind.Absolute, out var uri) ? uri.Host + uri.AbsolutePath.TrimEnd('/') : publisherNamespace;
        return System.Text.RegularExpressions.Regex.Replace(text.ToLowerInvariant(), "[^a-z0-9.-]+", "_").Trim('_');
    }

    // Only documents downloaded from a CSAF provider (SourceUrl set): a file anyone uploads can claim any publisher's
    // namespace, and the mirror must not publish such a claim under that publisher's name, signed by this node.
    private IQueryable<Item> MirrorItems() => access.VisibleItems(Viewer.Anonymous)
        .Where(i => i.Status == ItemStatus.Published && i.Tlp == TlpLabel.Clear && i.AdvisoryId != null
            && i.Advisory!.Origin == AdvisoryOrigin.Imported && i.Advisory.SourceTlp == TlpLabel.Clear && i.Advisory.SourceUrl != null);

    private CsafServedDocument Served(CsafEntry entry, byte[] bytes, string? sourceSignature) => new(entry, bytes,
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
        Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(bytes)),
        sourceSignature ?? signing.Sign(bytes));

    // One entry per file: the same tracking id may be held by several items (several owners, or copies); the latest
    // release wins, then the latest item, so that a path always names one document.
    private static List<CsafEntry> Entries(List<Row> rows) => rows
        .Select(r => new CsafEntry(r.AdvisoryId, r.ItemId,
            $"{r.Initial.UtcDateTime.Year:0000}/{CsafFileName.FromTrackingId(r.TrackingId)}", r.TrackingId, r.Title,
            r.Initial.ToUniversalTime(), r.Current.ToUniversalTime(), r.Tlp, (r.Current > r.ItemUpdated ? r.Current : r.ItemUpdated).ToUniversalTime()))
        .GroupBy(e => e.Path, StringComparer.Ordinal)
        .Select(g => g.OrderByDescending(e => e.CurrentReleaseDate).ThenByDescending(e => e.AdvisoryId).First())
        .OrderByDescending(e => e.Changed).ThenBy(e => e.Path, StringComparer.Ordinal)
        .ToList();

    private sealed record Row(int AdvisoryId, Guid ItemId, string TrackingId, string Title, DateTimeOffset Initial, DateTimeOffset Current, TlpLabel Tlp, DateTimeOffset ItemUpdated);
}

/// <summary>An imported publisher the aggregator mirrors: its namespace, folder name, name, category and last update (UTC).</summary>
public sealed record CsafMirrorPublisher(string Namespace, string Slug, string Name, string Category, DateTimeOffset LastUpdated);
