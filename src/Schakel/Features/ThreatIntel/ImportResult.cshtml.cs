using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// <c>/threat-intel/import/{id}</c>: the result of an upload — the counts per outcome (from the redirect's TempData, when
/// the viewer just imported) and the item's import report (conflicts, invalid objects, warnings such as unknown
/// markings). The item is read through <see cref="ItemAccess"/>: 404 for anything the viewer may not see.
/// </summary>
[Authorize]
public sealed class ImportResultModel(SchakelDbContext db, ItemAccess access) : PageModel
{
    public Item Item { get; private set; } = null!;
    public ImportedSummary? Summary { get; private set; }
    public ThreatIntelReport Report { get; private set; } = ThreatIntelReport.Empty;
    public int ObjectCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        var item = await access.VisibleItems(viewer).FirstOrDefaultAsync(i => i.Id == id && i.Kind == ItemKind.ThreatIntel, ct);
        if (item is null) return NotFound();
        Item = item;
        var payload = await db.ThreatIntelPayloads.AsNoTracking().Where(p => p.ItemId == id).Select(p => new { p.Report, p.ObjectCount }).FirstOrDefaultAsync(ct);
        Report = ThreatIntelReport.Read(payload?.Report);
        ObjectCount = payload?.ObjectCount ?? 0;
        if (TempData[ImportModel.SummaryKey] is string json) Summary = JsonSerializer.Deserialize<ImportedSummary>(json);
        return Page();
    }
}
