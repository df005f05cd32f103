using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Sharing;

/// <summary>
/// <c>/published</c>: the items published by the viewer's own organisation (drafts, published and retracted), newest
/// first by <see cref="Item.CreatedAt"/>, 50 a page, filtered by status. Publishers get no delivery of their own items,
/// so this is where they find them again. Reads go through <see cref="ItemAccess.VisibleItems"/>, so drafts appear only
/// to the organisation's analysts and RED items only to their publisher. Organisations that may not publish get 404.
/// </summary>
[Authorize]
public sealed class PublishedModel(ItemAccess access, IStringLocalizer<SharedResource> s) : PageModel
{
    public const int PageSize = 50;

    /// <summary>One listed item; <paramref name="Deliveries"/> counts recipient organisations and persons, <paramref name="When"/> is UTC.</summary>
    public sealed record Row(Guid ItemId, string Title, Sharing.Tlp Tlp, ItemStatus Status, string? Version, string? TrackingId,
        int Deliveries, DateTimeOffset When);

    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public FormErrors Errors { get; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int TotalCount { get; private set; }
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
    public bool Filtered => !string.IsNullOrEmpty(StatusFilter);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (!PublishingService.MayPublish(viewer.OrganisationType)) return NotFound();
        var orgId = viewer.OrganisationId!.Value;
        var query = access.VisibleItems(viewer).Where(i => i.PublisherOrganisationId == orgId);
        if (!string.IsNullOrEmpty(StatusFilter))
        {
            if (Enum.TryParse<ItemStatus>(StatusFilter, ignoreCase: true, out var status) && Enum.IsDefined(status)) query = query.Where(i => i.Status == status);
            else Errors.Add("status", s["InvalidStatus"]);
        }

        TotalCount = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(i => new Row(i.Id, i.Title, i.Tlp, i.Status, i.Version, i.Advisory != null ? i.Advisory.TrackingId : null,
                i.Deliveries.Count, i.PublishedAt ?? i.CreatedAt))
            .ToListAsync(ct);
        return Page();
    }

    /// <summary>The query string of this page with another page number, for the page links.</summary>
    public string PageUrl(int page)
    {
        var q = new Dictionary<string, string?> { ["status"] = StatusFilter, ["page"] = page.ToString(CultureInfo.InvariantCulture) };
        return "/published" + QueryString.Create(q.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
