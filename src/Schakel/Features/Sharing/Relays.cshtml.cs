using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schakel.Features.Network;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Sharing;

/// <summary>
/// <c>/relays</c>: a linking organisation's relays (pending first, with their age and number of members) and, for its
/// administrators and analysts, the relay policy per label (automatic or review first). Other organisations get 404.
/// </summary>
[Authorize]
public sealed class RelaysModel(RelayQueries queries, RelayService relays, IStringLocalizer<SharedResource> s, TimeProvider time) : PageModel
{
    public IReadOnlyList<RelayRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<Tlp, bool> Policy { get; private set; } = new Dictionary<Tlp, bool>();
    public bool MaySetPolicy { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public FormErrors Errors { get; } = [];

    /// <summary>Posted policy: label (CLEAR, GREEN, AMBER) to <c>automatic</c> or <c>review</c>.</summary>
    [BindProperty] public Dictionary<string, string> Choice { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (viewer.OrganisationType != OrganisationType.LinkingOrganisation) return NotFound();
        await LoadAsync(viewer, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (viewer.OrganisationType != OrganisationType.LinkingOrganisation) return NotFound();
        if (!RelayQueries.MaySetPolicy(viewer)) return StatusCode(StatusCodes.Status403Forbidden);
        foreach (var t in SharingRules.RelayableLabels)
        {
            if (!Choice.TryGetValue(t.ToLabel(), out var value)) continue;
            if (value is not (RelayEndpoints.Automatic or RelayEndpoints.Review))
            {
                Errors.Add("policy-" + t.ToLabel().ToLowerInvariant(), s["InvalidPolicy"]);
                continue;
            }

            await relays.SetPolicyAsync(viewer, t, value == RelayEndpoints.Automatic, ct);
        }

        if (Errors.Count > 0)
        {
            await LoadAsync(viewer, ct);
            return Page();
        }

        TempData["Saved"] = s["PolicySaved"].Value;
        return Redirect("/relays");
    }

    /// <summary>Age of a relay for people: "3 h", "2 d".</summary>
    public string Age(DateTimeOffset since)
    {
        var age = Now - since;
        return age.TotalHours < 1 ? s["Age.Minutes", Math.Max(0, (int)age.TotalMinutes)] : age.TotalDays < 2 ? s["Age.Hours", (int)age.TotalHours] : s["Age.Days", (int)age.TotalDays];
    }

    private async Task LoadAsync(Viewer viewer, CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Rows = await queries.ForViewerAsync(viewer, ct);
        Policy = await relays.PoliciesAsync(viewer.OrganisationId!.Value, ct);
        MaySetPolicy = RelayQueries.MaySetPolicy(viewer);
    }
}
