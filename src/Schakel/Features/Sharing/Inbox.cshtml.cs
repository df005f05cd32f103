using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schakel.Features.Network;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Sharing;

/// <summary>
/// <c>/inbox</c>: the deliveries of the viewer's organisation (<see cref="ItemAccess.Inbox"/>), newest first, 50 a page,
/// filtered by effective TLP, delivery state, sector in the audience and the date it arrived (UTC days, both ends included).
/// </summary>
[Authorize]
public sealed class InboxModel(ItemAccess access, IStringLocalizer<SharedResource> s) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid ItemId, string Title, Sharing.Tlp Tlp, string Publisher, DeliveryState State, bool Updated,
        string? TrackingId, DateTimeOffset DeliveredAt, ItemStatus Status)
    {
        /// <summary>The linking organisations the delivery came through (forwards and relays), by name.</summary>
        public IReadOnlyList<string> Via { get; init; } = [];
    }

    [BindProperty(SupportsGet = true, Name = "tlp")] public string? TlpFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "sector")] public string? SectorFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public FormErrors Errors { get; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int TotalCount { get; private set; }
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
    public bool Filtered { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sharing.Tlp? label = null;
        if (!string.IsNullOrEmpty(TlpFilter))
        {
            if (TlpLabels.TryParse(TlpFilter, out var tlp)) label = tlp;
            else Errors.Add("tlp", s["InvalidTlp"]);
        }

        DeliveryState? state = null;
        if (!string.IsNullOrEmpty(StatusFilter))
        {
            if (Enum.TryParse<DeliveryState>(StatusFilter, ignoreCase: true, out var st) && Enum.IsDefined(st)) state = st;
            else Errors.Add("status", s["InvalidStatus"]);
        }

        string? sector = null;
        if (!string.IsNullOrEmpty(SectorFilter))
        {
            if (Vocabulary.IsSector(SectorFilter)) sector = SectorFilter;
            else Errors.Add("sector", s["InvalidSector"]);
        }

        // "To" is a whole day: deliveries before the start of the next day.
        var filter = new InboxFilter(label, state, sector, ParseDay(From, "from"), ParseDay(To, "to")?.AddDays(1));
        if (filter.IsEmptyRange) Errors.Add("to", s["InvalidDateRange"]);
        var viewer = Viewer.From(User);
        var query = filter.Apply(access.Inbox(viewer));

        Filtered = !string.IsNullOrEmpty(TlpFilter + StatusFilter + SectorFilter + From + To);
        TotalCount = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await InboxFilter.NewestFirst(query)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(d => new Row(d.ItemId, d.Item.Title, d.EffectiveTlp, d.Item.PublisherOrganisation.Name, d.State, d.Updated,
                d.Item.Advisory != null ? d.Item.Advisory.TrackingId : null, d.DeliveredAt, d.Item.Status))
            .ToListAsync(ct);
        // The linking organisations each row came through, in a second query (a nested collection needs APPLY, which SQLite lacks).
        var ids = Rows.Select(r => r.ItemId).ToList();
        var via = (await access.Inbox(viewer).Where(d => ids.Contains(d.ItemId)).SelectMany(d => d.Routes)
            .Where(r => r.Forward != null).Select(r => new { r.Delivery.ItemId, r.Forward!.Organisation.Name }).Distinct().ToListAsync(ct))
            .ToLookup(v => v.ItemId, v => v.Name);
        Rows = Rows.Select(r => r with { Via = via[r.ItemId].Order(StringComparer.Ordinal).ToList() }).ToList();
    }

    /// <summary>The query string of this page with another page number, for the page links.</summary>
    public string PageUrl(int page)
    {
        var q = new Dictionary<string, string?> { ["tlp"] = TlpFilter, ["status"] = StatusFilter, ["sector"] = SectorFilter, ["from"] = From, ["to"] = To, ["page"] = page.ToString(CultureInfo.InvariantCulture) };
        return "/inbox" + QueryString.Create(q.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private DateTimeOffset? ParseDay(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Errors.Add(field, s["InvalidDate"]);
        return null;
    }
}
