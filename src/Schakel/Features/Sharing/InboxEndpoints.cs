using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Schakel.Features.Api;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>One inbox row: a delivery to the caller's organisation and its item.</summary>
/// <remarks>
/// <c>Tlp</c>: The caller's effective label: <c>CLEAR|GREEN|AMBER|AMBER+STRICT|RED</c>.<br/>
/// <c>Status</c>: The delivery state: <c>Delivered|Read|Acknowledged|ActionTaken|NotRelevant</c>.<br/>
/// <c>Updated</c>: True when the item changed (a newer version) since it was read.<br/>
/// <c>Publisher</c>: Key of the publishing organisation.<br/>
/// <c>TrackingId</c>: CSAF <c>document.tracking.id</c>, for advisories.<br/>
/// </remarks>
public sealed record InboxItem(Guid Id, string Title, string Tlp, string Status, DateTimeOffset? PublishedAt, DateTimeOffset DeliveredAt,
    bool Updated, string Kind, string Publisher, string? TrackingId, string? Version);

/// <summary>One page of the inbox; <see cref="TotalCount"/> counts every matching row, not only this page.</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int TotalCount, int Page, int PageSize);

/// <summary><c>GET /api/v1/inbox</c>: the caller's organisation's deliveries, newest first.</summary>
public static class InboxEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Highest page number accepted: (page - 1) × pageSize must stay a valid row offset.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public static RouteGroupBuilder MapInboxEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/inbox", GetInboxAsync)
            .WithName("getInbox").WithTags("Inbox")
            .WithSummary("The caller's inbox")
            .WithDescription("Deliveries to the caller's organisation, newest delivery first, paged. Only items the caller may see "
                + "appear, and totalCount counts only those. Times are RFC 3339 in UTC.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .OnlyQuery("page", "pageSize", "tlp", "status", "sector", "from", "to");
        return group;
    }

    // The handler's XML summary becomes the OpenAPI summary, so implementation notes live in plain comments.
    // Parameters arrive as text so that a bad value answers 400 naming the parameter (the framework's own binding
    // failure says nothing about which one); OpenApiConventions documents their real types.

    /// <summary>The caller's inbox: deliveries to its organisation, newest first, paged and filtered.</summary>
    public static async Task<Results<Ok<InboxPage>, ProblemHttpResult>> GetInboxAsync(
        ClaimsPrincipal user, ItemAccess access,
        [Description("Page number, from 1.")] string? page,
        [Description("Rows per page, 1 to 500; default 50.")] string? pageSize,
        [Description("Only this effective label: CLEAR, GREEN, AMBER, AMBER+STRICT or RED.")] string? tlp,
        [Description("Only this delivery state.")] string? status,
        [Description("Only items addressed to this sector (audience sector:KEY).")] string? sector,
        [Description("Delivered at or after this time (RFC 3339 with offset).")] string? from,
        [Description("Delivered at or before this time (RFC 3339 with offset).")] string? to,
        CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return ApiProblems.Unauthorized();

        var pageNumber = 1;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
            return ApiProblems.BadParameter("page", "must be a whole number of at least 1.");
        if (pageNumber > MaxPage) return ApiProblems.BadParameter("page", $"must be at most {MaxPage}.");
        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
            return ApiProblems.BadParameter("pageSize", $"must be a whole number from 1 to {MaxPageSize}.");

        Sharing.Tlp? label = null;
        if (tlp is not null)
        {
            if (!TlpLabels.TryParse(tlp, out var l) || tlp.Contains("WHITE", StringComparison.OrdinalIgnoreCase))
                return ApiProblems.BadParameter("tlp", "use CLEAR, GREEN, AMBER, AMBER+STRICT or RED.");
            label = l;
        }

        DeliveryState? state = null;
        if (status is not null)
        {
            if (!Enum.TryParse<DeliveryState>(status, ignoreCase: true, out var st) || !Enum.IsDefined(st) || int.TryParse(status, out _))
                return ApiProblems.BadParameter("status", "use Delivered, Read, Acknowledged, ActionTaken or NotRelevant.");
            state = st;
        }

        var key = sector?.Trim().ToLowerInvariant();
        if (key is not null && !Network.Vocabulary.IsSector(key)) return ApiProblems.BadParameter("sector", "not a sector key (DESIGN.md section 2a), e.g. health.");

        DateTimeOffset? fromTime = null, before = null;
        if (from is not null)
        {
            if (!TryParseRfc3339(from, out var f)) return ApiProblems.BadParameter("from", "must be an RFC 3339 date-time with offset, e.g. 2024-05-01T00:00:00Z.");
            fromTime = f;
        }

        if (to is not null)
        {
            if (!TryParseRfc3339(to, out var t)) return ApiProblems.BadParameter("to", "must be an RFC 3339 date-time with offset, e.g. 2024-05-31T23:59:59Z.");
            before = t.AddTicks(1); // "to" is inclusive
        }

        var filter = new InboxFilter(label, state, key, fromTime, before);
        if (filter.IsEmptyRange) return ApiProblems.BadParameter("to", "must not be before from.");
        var query = filter.Apply(access.Inbox(viewer));

        var total = await query.CountAsync(ct);
        var rows = await InboxFilter.NewestFirst(query)
            .Skip((pageNumber - 1) * size).Take(size)
            .Select(d => new
            {
                d.ItemId,
                d.Item.Title,
                d.EffectiveTlp,
                d.State,
                d.Item.PublishedAt,
                d.DeliveredAt,
                d.Updated,
                d.Item.Kind,
                Publisher = d.Item.PublisherOrganisation.Key,
                TrackingId = d.Item.Advisory != null ? d.Item.Advisory.TrackingId : null,
                d.Item.Version,
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new InboxItem(r.ItemId, r.Title, r.EffectiveTlp.ToLabel(), r.State.ToString(), r.PublishedAt?.ToUniversalTime(),
            r.DeliveredAt.ToUniversalTime(), r.Updated, r.Kind.ToString(), r.Publisher, r.TrackingId, r.Version)).ToList();
        return TypedResults.Ok(new InboxPage(items, total, pageNumber, size));
    }

    /// <summary>An RFC 3339 date-time: a date, a time and an explicit offset (<c>Z</c> or <c>±hh:mm</c>); returned in UTC.</summary>
    public static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        value = default;
        var t = text.Trim();
        // Without an explicit zone the instant is ambiguous; RFC 3339 requires one.
        var hasZone = t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && (t[^6] == '+' || t[^6] == '-') && t[^3] == ':');
        if (!hasZone || t.Length < 20 || (t[10] != 'T' && t[10] != 't')) return false;
        if (!DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed)) return false;
        value = parsed.ToUniversalTime();
        return true;
    }
}
