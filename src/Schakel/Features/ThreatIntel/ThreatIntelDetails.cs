using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Tlp;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// One object on the item page: STIX id and type, what to call it (<c>name</c>, for SCOs <c>value</c>, …; null when it has
/// none), its current version (the newest the viewer may see) and every visible version, newest first.
/// </summary>
public sealed record StixObjectRow(string StixId, string Type, string? Name, StixVersionRow Current, IReadOnlyList<StixVersionRow> Versions);

/// <summary>
/// Model of <c>ThreatIntel/_ThreatIntelDetails.cshtml</c>: one page (<see cref="PageNumber"/>, 1-based, of <see cref="PageCount"/>)
/// of the <see cref="Total"/> objects the item holds, the payload's format, whether the original is kept, and the import report.
/// </summary>
public sealed record ThreatIntelDetailsModel(Guid ItemId, string Format, bool HasOriginal, int Total, int PageNumber, int PageCount,
    IReadOnlyList<StixObjectRow> Objects, ThreatIntelReport Report)
{
    /// <summary>Link to another page of the object list; the page number is the query parameter <c>objects</c>.</summary>
    public string PageUrl(int page) => $"/items/{ItemId}?objects={page}#stix-objects-title";
}

/// <summary>
/// The item page's part for threat-intelligence items (rendered by <c>Sharing/Item.cshtml</c>): the objects the item
/// holds, <see cref="PageSize"/> per page (query parameter <c>objects</c>), so that an item with thousands of objects
/// costs a page of rows; for each, the versions the viewer may see (<see cref="ItemStixObjects"/>). The caller has
/// already checked that the viewer may see the item.
/// </summary>
public sealed class ThreatIntelDetailsViewComponent(SchakelDbContext db, ItemStixObjects objects) : ViewComponent
{
    public const int PageSize = 100;

    public async Task<IViewComponentResult> InvokeAsync(Guid itemId)
    {
        var ct = HttpContext.RequestAborted;
        var viewer = Viewer.From(HttpContext.User);
        var payload = await db.ThreatIntelPayloads.AsNoTracking().Where(p => p.ItemId == itemId)
            .Select(p => new { p.Format, HasOriginal = p.Original.Length > 0, p.Report }).FirstOrDefaultAsync(ct);
        var requested = int.TryParse(HttpContext.Request.Query["objects"], out var n) && n > 0 ? n : 1;
        var (page, total) = await objects.ObjectsAsync(itemId, (requested - 1) * PageSize, PageSize, ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var history = await objects.HistoryAsync(viewer, itemId, [.. page.Select(p => p.StixId)], ct);
        var currentIds = page.Select(p => history[p.StixId].FirstOrDefault()?.Id).OfType<long>().ToList();
        var contents = await db.StixObjectVersions.AsNoTracking().Where(v => currentIds.Contains(v.Id)).Select(v => new { v.Id, v.Content }).ToDictionaryAsync(v => v.Id, v => v.Content, ct);
        var rows = new List<StixObjectRow>(page.Count);
        foreach (var (stixId, type) in page)
        {
            var versions = history[stixId].ToList();
            if (versions.Count == 0) continue; // cannot happen for a visible item; never show what the viewer may not see
            rows.Add(new StixObjectRow(stixId, type, NameOf(contents.GetValueOrDefault(versions[0].Id)), versions[0], versions));
        }

        var model = new ThreatIntelDetailsModel(itemId, payload?.Format ?? "", payload?.HasOriginal ?? false, total, Math.Min(requested, pageCount), pageCount,
            rows, ThreatIntelReport.Read(payload?.Report));
        return View("/Features/ThreatIntel/_ThreatIntelDetails.cshtml", model);
    }

    /// <summary>What a person calls the object: <c>name</c> (SDOs, files), <c>value</c> (addresses, domains, URLs), and so on.</summary>
    private static string? NameOf(string? content)
    {
        if (content is null) return null;
        using var doc = JsonDocument.Parse(content);
        foreach (var property in new[] { "name", "value", "relationship_type", "path", "display_name", "subject", "key", "number", "pattern" })
        {
            if (doc.RootElement.TryGetProperty(property, out var p) && p.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                var text = p.ToString();
                return text.Length > 200 ? text[..199] + "…" : text;
            }
        }

        return null;
    }
}
