using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel.Features.Home;

/// <summary>
/// <c>/</c>: signed-in people go to their inbox; anonymous visitors see the published TLP:CLEAR items (the only ones
/// <see cref="ItemAccess"/> shows them), newest first, and a sign-in link.
/// </summary>
public sealed class IndexModel(ItemAccess access) : PageModel
{
    /// <summary>How many public items the page lists.</summary>
    public const int Limit = 50;

    public sealed record Row(Guid Id, string Title, Sharing.Tlp Tlp, string Publisher, DateTimeOffset? PublishedAt, ItemStatus Status);

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (viewer.IsAuthenticated) return Redirect("/inbox");
        Items = await access.VisibleItems(Viewer.Anonymous)
            .OrderByDescending(i => i.PublishedAt)
            .Take(Limit)
            .Select(i => new Row(i.Id, i.Title, i.Tlp, i.PublisherOrganisation.Name, i.PublishedAt, i.Status))
            .ToListAsync(ct);
        return Page();
    }
}
