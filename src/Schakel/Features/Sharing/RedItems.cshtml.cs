using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Network;

namespace Schakel.Features.Sharing;

/// <summary>
/// <c>/admin/red-items</c>, platform administrators only (403 for others): that TLP:RED items exist, with the publishing
/// organisation, the publishing person's e-mail address, status and times (UTC) — never a title, summary or content
/// (DESIGN.md section 3: RED content is never readable through administration). 50 a page, newest first. This is the
/// one read of items outside <c>ItemAccess</c>, and it selects no content column.
/// </summary>
[Authorize, PlatformAdminOnly]
public sealed class RedItemsModel(SchakelDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>One RED item as administration sees it; <paramref name="PublisherEmail"/> is null for a person that no longer exists.</summary>
    public sealed record Row(Guid Id, string Organisation, string? PublisherEmail, ItemStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int TotalCount { get; private set; }
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var red = db.Items.AsNoTracking().Where(i => i.Tlp == Tlp.Red);
        TotalCount = await red.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await red.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(i => new Row(i.Id, i.PublisherOrganisation.Name, db.Users.Where(u => u.Id == i.PublisherPersonId).Select(u => u.Email).FirstOrDefault(),
                i.Status, i.CreatedAt, i.PublishedAt))
            .ToListAsync(ct);
    }

    public static string PageUrl(int page) => "/admin/red-items?page=" + page.ToString(CultureInfo.InvariantCulture);
}
