using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>
/// <c>/relays/overview</c>: for people of the coordinator and the director, per linking organisation the relays pending
/// (count and age of the oldest), done and the members reached by relay, and per item the members no route could reach,
/// with the reason (<see cref="RelayQueries.OverviewAsync"/>, the same query as the API). Others get 403.
/// </summary>
[Authorize]
public sealed class RelayOverviewModel(RelayQueries queries, TimeProvider time) : PageModel
{
    public RelayOverview Overview { get; private set; } = new([], []);
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (!RelayQueries.MayViewOverview(viewer)) return StatusCode(StatusCodes.Status403Forbidden);
        Now = time.GetUtcNow();
        Overview = await queries.OverviewAsync(viewer, ct);
        return Page();
    }
}
