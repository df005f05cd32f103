using Microsoft.EntityFrameworkCore;
using Schakel.Csaf;
using Schakel.Csaf.Authoring;
using Schakel.Data;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Advisories.Authoring;

/// <summary>An authored advisory item the viewer may edit, with its stored document read back.</summary>
public sealed record AuthoredItem(Item Item, Advisory Advisory, AuthoredDocument Document);

/// <summary>What saving did: the item (on success) or the findings that refused it.</summary>
public sealed record AuthoringResult(Guid? ItemId, string? TrackingId, IReadOnlyList<CsafFinding> Errors, IReadOnlyList<SharingProblem> RuleProblems);

/// <summary>
/// Writing advisories: builds the CSAF document from an <see cref="AuthoredAdvisory"/> and stores it through
/// <see cref="AdvisoryImporter"/> with <see cref="AdvisoryOrigin.Authored"/> (which validates, publishes and keeps
/// every revision). The stored document is the only copy of the content: edits read it back with
/// <see cref="CsafAdvisoryReader"/>. Tracking ids are <c>{ORGKEY}-{YYYY}-{NNNN}</c>; translations add <c>-EN</c>.
/// </summary>
public sealed class AdvisoryAuthoring(SchakelDbContext db, AdvisoryImporter importer, ItemAccess access, IConfiguration config, TimeProvider time)
{
    /// <summary>Who may write advisories: analysts of the coordinator or a linking organisation.</summary>
    public static bool MayAuthor(Viewer viewer) => LayoutInfo.MayPublish(viewer);

    /// <summary>
    /// The public base URL of this node (<c>Csaf:PublicBaseUrl</c>, else the request's scheme and host), without a trailing slash.
    /// </summary>
    public string BaseUrl(HttpRequest request) =>
        (config["Csaf:PublicBaseUrl"] is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}").TrimEnd('/');

    /// <summary>
    /// The publisher of a new document: the organisation's name; category <c>coordinator</c> for the coordinator and
    /// linking organisations, <c>other</c> otherwise; namespace its <c>Website</c>, else <c>{base}/organisations/{key}</c>.
    /// </summary>
    public static AuthoringPublisher Publisher(Organisation org, string baseUrl, bool translator = false) => new(
        org.Name,
        WebFormat.IsWebUrl(org.Website) ? org.Website!.TrimEnd('/') : $"{baseUrl}/organisations/{org.Key}",
        translator ? "translator" : org.Type is OrganisationType.Coordinator or OrganisationType.LinkingOrganisation ? "coordinator" : "other");

    /// <summary>
    /// The authored advisory item <paramref name="itemId"/> if <paramref name="viewer"/> may edit it: an analyst of the
    /// publishing organisation who can see it, the advisory authored in Schakel, the item not retracted. Null otherwise.
    /// </summary>
    public async Task<AuthoredItem?> FindEditableAsync(Viewer viewer, Guid itemId, CancellationToken ct)
    {
        if (!MayAuthor(viewer)) return null;
        var item = await access.FindAsync(viewer, itemId, ct);
        if (item is null || item.PublisherOrganisationId != viewer.OrganisationId || item.Status == ItemStatus.Retracted || item.AdvisoryId is null) return null;
        var advisory = await db.Advisories.AsNoTracking().FirstAsync(a => a.Id == item.AdvisoryId, ct);
        if (advisory.Origin != AdvisoryOrigin.Authored) return null;
        try
        {
            return new AuthoredItem(item, advisory, CsafAdvisoryReader.Read(advisory.Content));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The item of the translation of <paramref name="original"/> into <paramref name="lang"/>, when there is one.</summary>
    public Task<Guid?> TranslationItemAsync(Advisory original, string lang, CancellationToken ct) =>
        ItemOfAsync(original.OwnerOrganisationId, original.PublisherNamespace, AuthoredTrackingId.Translation(original.TrackingId, lang), ct);

    /// <summary>The item of the original of a translation (same organisation and namespace, tracking id without the language suffix).</summary>
    public Task<Guid?> OriginalItemAsync(Advisory translation, TranslationSource source, CancellationToken ct) =>
        ItemOfAsync(translation.OwnerOrganisationId, translation.PublisherNamespace, source.OriginalTrackingId, ct);

    private async Task<Guid?> ItemOfAsync(int ownerId, string ns, string trackingId, CancellationToken ct) =>
        await db.Items.AsNoTracking().Where(i => i.Advisory!.OwnerOrganisationId == ownerId && i.Advisory.PublisherNamespace == ns && i.Advisory.TrackingId == trackingId)
            .OrderBy(i => i.CreatedAt).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);

    /// <summary>The document a new advisory would get (tracking id shown as the next free one), for the preview.</summary>
    public async Task<byte[]> PreviewNewAsync(Organisation org, AuthoredAdvisory advisory, string revisionSummary, string baseUrl, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var id = await NextTrackingIdAsync(org, now.Year, ct);
        return CsafAdvisoryBuilder.BuildBytes(advisory, new AuthoringContext(Publisher(org, baseUrl), id, now, revisionSummary) { ProviderDirectoryUrl = Directory(baseUrl) });
    }

    /// <summary>
    /// Where a translation points for its original: the original's file in this node's CSAF directory when its label has one
    /// (CLEAR, GREEN, AMBER), else its item page (AMBER+STRICT and RED never appear in a CSAF directory).
    /// </summary>
    private static string OriginalUrl(AuthoredItem original, string baseUrl)
    {
        var folder = original.Item.Tlp switch
        {
            Sharing.Tlp.Clear => "white",
            Sharing.Tlp.Green => "green",
            Sharing.Tlp.Amber => "amber",
            _ => null,
        };
        return folder is null
            ? $"{baseUrl}/items/{original.Item.Id}"
            : $"{Directory(baseUrl)}/{folder}/{original.Document.Tracking.InitialReleaseDate.UtcDateTime.Year:0000}/{CsafFileName.FromTrackingId(original.Document.Tracking.Id)}";
    }

    /// <summary>The root of this node's CSAF provider directories; authored documents name their place there as canonical URL.</summary>
    public static string Directory(string baseUrl) => baseUrl + "/.well-known/csaf";

    /// <summary>The next revision of an existing document (or of a translation), for the preview or to save.</summary>
    public byte[] Revision(AuthoredItem target, AuthoredAdvisory advisory, string revisionSummary, string baseUrl) =>
        CsafAdvisoryBuilder.BuildBytes(advisory with { Lang = target.Document.Advisory.Lang },
            new AuthoringContext(target.Document.Publisher, target.Document.Tracking.Id, time.GetUtcNow(), revisionSummary)
            {
                Previous = target.Document.Tracking, TranslationOf = target.Document.TranslationOf, ProviderDirectoryUrl = Directory(baseUrl),
            });

    /// <summary>The first version of the English translation of <paramref name="original"/>.</summary>
    public byte[] Translation(AuthoredItem original, Organisation org, AuthoredAdvisory advisory, string revisionSummary, string baseUrl) =>
        CsafAdvisoryBuilder.BuildBytes(advisory with { Lang = "en" },
            new AuthoringContext(original.Document.Publisher with { Name = org.Name, Category = "translator" },
                AuthoredTrackingId.Translation(original.Document.Tracking.Id, "en"), time.GetUtcNow(), revisionSummary)
            {
                TranslationOf = new TranslationSource(original.Document.Advisory.Lang, original.Document.Tracking.Id, OriginalUrl(original, baseUrl)),
                ProviderDirectoryUrl = Directory(baseUrl),
            });

    /// <summary>
    /// Saves a new advisory under the next free tracking id of the organisation and year (retrying with the next one when
    /// a concurrent save took it), as a draft when <paramref name="audience"/> is empty.
    /// </summary>
    public async Task<AuthoringResult> CreateAsync(Viewer viewer, Organisation org, AuthoredAdvisory advisory, string revisionSummary, Sharing.Tlp label,
        IReadOnlyList<AudienceSpec> audience, string baseUrl, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            var id = await NextTrackingIdAsync(org, now.Year, ct);
            var bytes = CsafAdvisoryBuilder.BuildBytes(advisory, new AuthoringContext(Publisher(org, baseUrl), id, now, revisionSummary) { ProviderDirectoryUrl = Directory(baseUrl) });
            var result = await ImportAsync(viewer, bytes, label, audience, requireNew: true, ct);
            var taken = result.ItemId is null && result.Errors.Any(e => e.Path == "/document/tracking/id");
            if (!taken || attempt == 4) return result;
        }
    }

    /// <summary>Saves <paramref name="bytes"/> (a revision or a translation) and publishes it to <paramref name="audience"/> when not empty.</summary>
    public Task<AuthoringResult> SaveAsync(Viewer viewer, byte[] bytes, Sharing.Tlp label, IReadOnlyList<AudienceSpec> audience, bool requireNew, CancellationToken ct) =>
        ImportAsync(viewer, bytes, label, audience, requireNew, ct);

    private async Task<AuthoringResult> ImportAsync(Viewer viewer, byte[] bytes, Sharing.Tlp label, IReadOnlyList<AudienceSpec> audience, bool requireNew, CancellationToken ct)
    {
        var result = await importer.ImportAsync(bytes, new AdvisoryImportRequest(viewer.OrganisationId!.Value, viewer.PersonId, label, audience)
        {
            Origin = AdvisoryOrigin.Authored, RequireNew = requireNew,
        }, ct);
        return result.Outcome == ImportOutcome.Rejected
            ? new AuthoringResult(null, result.TrackingId, result.Errors, result.RuleProblems)
            : new AuthoringResult(result.ItemId, result.TrackingId, [], []);
    }

    /// <summary>The next <c>{ORGKEY}-{YYYY}-{NNNN}</c> id: one more than the highest of that organisation and year (translations not counted).</summary>
    public async Task<string> NextTrackingIdAsync(Organisation org, int year, CancellationToken ct)
    {
        var prefix = AuthoredTrackingId.Prefix(org.Key, year);
        var ids = await db.Advisories.AsNoTracking().Where(a => a.OwnerOrganisationId == org.Id && a.TrackingId.StartsWith(prefix))
            .Select(a => a.TrackingId).ToListAsync(ct);
        var highest = ids.Select(i => AuthoredTrackingId.Sequence(i, prefix) ?? 0).DefaultIfEmpty(0).Max();
        return AuthoredTrackingId.Format(org.Key, year, highest + 1);
    }
}
