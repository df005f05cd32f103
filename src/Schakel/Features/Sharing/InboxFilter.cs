namespace Schakel.Features.Sharing;

/// <summary>
/// The inbox filters, shared by the inbox page and <c>GET /api/v1/inbox</c> so that both mean the same: the effective
/// label, the delivery state, the sector (items whose audience includes <c>sector:KEY</c>) and the delivery time
/// (<see cref="From"/> inclusive, <see cref="Before"/> exclusive; UTC). Parsing and error reporting stay with each channel.
/// </summary>
public sealed record InboxFilter(Tlp? Tlp = null, DeliveryState? State = null, string? Sector = null, DateTimeOffset? From = null, DateTimeOffset? Before = null)
{
    /// <summary>True when the time range is empty (from at or after before).</summary>
    public bool IsEmptyRange => From is { } f && Before is { } b && f >= b;

    /// <summary>Narrows an inbox query (from <c>ItemAccess.Inbox</c>) by every filter that is set.</summary>
    public IQueryable<Delivery> Apply(IQueryable<Delivery> query)
    {
        if (Tlp is { } tlp) query = query.Where(d => d.EffectiveTlp == tlp);
        if (State is { } state) query = query.Where(d => d.State == state);
        if (Sector is { } sector) query = query.Where(d => d.Item.Audience.Any(a => a.Kind == AudienceKind.Sector && a.Value == sector));
        if (From is { } from) query = query.Where(d => d.DeliveredAt >= from);
        if (Before is { } before) query = query.Where(d => d.DeliveredAt < before);
        return query;
    }

    /// <summary>Newest delivery first; the id breaks ties so that pages never overlap.</summary>
    public static IOrderedQueryable<Delivery> NewestFirst(IQueryable<Delivery> query) =>
        query.OrderByDescending(d => d.DeliveredAt).ThenByDescending(d => d.Id);
}
