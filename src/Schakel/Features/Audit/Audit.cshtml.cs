using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Audit;

/// <summary>
/// <c>/audit</c>: auditors search the audit records <see cref="AuditScope"/> lets them read, newest first, 50 a page,
/// filtered by action, e-mail, organisation key, item id and day (UTC, both ends included), and export the filtered
/// records through <c>/api/v1/audit/export</c> (CSV or JSON). Anyone else gets 403.
/// </summary>
[Authorize]
public sealed class AuditModel(AuditScope scope, IStringLocalizer<SharedResource> s) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "email")] public string? Email { get; set; }
    [BindProperty(SupportsGet = true, Name = "organisation")] public string? Organisation { get; set; }
    [BindProperty(SupportsGet = true, Name = "item")] public string? Item { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public FormErrors Errors { get; } = [];
    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];
    public int TotalCount { get; private set; }
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
    public bool Filtered { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await scope.VisibleAsync(Viewer.From(User), ct) is not { } records) return StatusCode(StatusCodes.Status403Forbidden);
        Guid? itemId = null;
        if (!string.IsNullOrWhiteSpace(Item))
        {
            if (Guid.TryParse(Item, out var id)) itemId = id;
            else Errors.Add("item", s["InvalidItemId"]);
        }

        var filter = new AuditFilter(ActionFilter?.Trim(), Email, Organisation, itemId, ParseDay(From, "from"), ParseDay(To, "to")?.AddDays(1));
        if (filter.IsEmptyRange) Errors.Add("to", s["InvalidDateRange"]);
        Filtered = !string.IsNullOrEmpty(ActionFilter + Email + Organisation + Item + From + To);
        var query = filter.Apply(records);
        TotalCount = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await AuditEntry.Project(query.OrderByDescending(r => r.Sequence).Skip((PageNumber - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        return Page();
    }

    /// <summary>The export address for these filters (days become RFC 3339 bounds in UTC).</summary>
    public string ExportUrl(string format)
    {
        var q = Filters();
        q["format"] = format;
        q["from"] = Day(From) is { } f ? f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z" : null;
        q["to"] = Day(To) is { } t ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59.9999999Z" : null;
        return "/api/v1/audit/export" + QueryString.Create(q.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    /// <summary>The query string of this page with another page number, for the page links.</summary>
    public string PageUrl(int page)
    {
        var q = Filters();
        q["page"] = page.ToString(CultureInfo.InvariantCulture);
        return "/audit" + QueryString.Create(q.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private Dictionary<string, string?> Filters() => new()
    {
        ["action"] = ActionFilter, ["email"] = Email, ["organisation"] = Organisation, ["item"] = Item, ["from"] = From, ["to"] = To,
    };

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private DateTimeOffset? ParseDay(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (Day(text) is { } day) return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Errors.Add(field, s["InvalidDate"]);
        return null;
    }
}
