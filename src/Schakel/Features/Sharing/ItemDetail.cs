using Schakel.Features.Advisories;

namespace Schakel.Features.Sharing;

/// <summary>The caller's delivery of an item: its state, the label the caller holds it under, and times (UTC).</summary>
public sealed record DeliveryView(string Status, string Tlp, bool Updated, DateTimeOffset DeliveredAt, DateTimeOffset? ReadAt,
    DateTimeOffset? AcknowledgedAt, string? NotRelevantReason);

/// <summary>Why and when an item was retracted.</summary>
public sealed record RetractionView(DateTimeOffset? RetractedAt, string? Reason);

/// <summary>One CVE of an advisory with its highest CVSS base score (0.0–10.0) and severity (NONE…CRITICAL).</summary>
public sealed record CveView(string? Cve, string? Title, double? BaseScore, string? Severity, string? Vector);

/// <summary>A vendor / product / version triple from the advisory's product tree.</summary>
public sealed record ProductView(string? Vendor, string? Product, string? Version);

/// <summary>The fields Schakel extracts from a CSAF document (current version).</summary>
/// <remarks>
/// <c>Status</c>: CSAF <c>document.tracking.status</c>: draft, interim or final.<br/>
/// <c>Publisher</c>: CSAF <c>document.publisher</c> name.<br/>
/// <c>SourceTlp</c>: The document's own label mapped to TLP 2.0 (WHITE as CLEAR); null when it has none.<br/>
/// </remarks>
public sealed record AdvisoryDetail(string TrackingId, string Version, string Status, DateTimeOffset InitialReleaseDate, DateTimeOffset CurrentReleaseDate,
    string Publisher, string PublisherCategory, string PublisherNamespace, string Category, string? Lang, string? SourceTlp, string? AggregateSeverity,
    double? MaxBaseScore, string? MaxSeverity, IReadOnlyList<CveView> Cves, IReadOnlyList<ProductView> Products, string DocumentUrl);

/// <summary>
/// One route by which the caller's delivery reached it: <c>Direct</c> (addressed by the publisher), <c>Forward</c> or
/// <c>Relay</c> (via linking organisation <see cref="Via"/>, with its note); a relay delivery to a linking organisation
/// itself is <c>Relay</c> without <see cref="Via"/>. <see cref="Basis"/> is the Wbni article 3 category used when the
/// coordinator shared it; <see cref="Tlp"/> the route's label; <see cref="At"/> UTC.
/// </summary>
public sealed record RouteView(string Kind, string? Via, string? ViaName, string Tlp, string? Basis, string? Note, DateTimeOffset At);

/// <summary>
/// <c>GET /api/v1/items/{id}</c>. <see cref="Tlp"/> is the label the caller holds the item under (its delivery's
/// effective label, else the item's label); <see cref="Publisher"/> is the publishing organisation's key.
/// A retracted item (<see cref="Retracted"/>) keeps its title but no longer shows its summary or advisory content.
/// <see cref="Routes"/> is the chain by which the caller's organisation (or, for RED, the caller) received it.
/// </summary>
public sealed record ItemDetail(Guid Id, string Kind, string Title, string? Summary, string Tlp, string Status, string? Version, string Publisher,
    DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, bool Retracted, RetractionView? Retraction, bool IsExercise, AdvisoryDetail? Advisory,
    DeliveryView? Delivery, IReadOnlyList<RouteView> Routes)
{
    /// <summary>Maps a loaded item (publisher and advisory with vulnerabilities and products included).</summary>
    public static ItemDetail From(Item item, DeliveryView? delivery, IReadOnlyList<RouteView> routes)
    {
        var retracted = item.Status == ItemStatus.Retracted;
        var a = retracted ? null : item.Advisory;
        var advisory = a is null ? null : new AdvisoryDetail(a.TrackingId, a.Version, a.TrackingStatus, a.InitialReleaseDate, a.CurrentReleaseDate,
            a.PublisherName, a.PublisherCategory, a.PublisherNamespace, a.Category, a.Lang, a.SourceTlp?.ToLabel(), a.AggregateSeverity,
            a.MaxBaseScore, a.MaxSeverity,
            a.Vulnerabilities.OrderBy(v => v.Id).Select(v => new CveView(v.Cve, v.Title, v.BaseScore, v.Severity, v.Vector)).ToList(),
            a.Products.OrderBy(p => p.Id).Select(p => new ProductView(p.Vendor, p.Product, p.Version)).ToList(),
            $"{Api.ApiExtensions.Prefix}/items/{item.Id}/document");
        var retraction = retracted ? new RetractionView(item.RetractedAt, item.RetractionReason) : null;
        return new ItemDetail(item.Id, item.Kind.ToString(), item.Title, retracted ? null : item.Summary, delivery?.Tlp ?? item.Tlp.ToLabel(), item.Status.ToString(),
            item.Version, item.PublisherOrganisation.Key, item.PublishedAt, item.UpdatedAt, retracted, retraction, item.IsExercise, advisory, delivery,
            retracted ? routes.Select(r => r with { Note = null }).ToList() : routes);
    }
}
