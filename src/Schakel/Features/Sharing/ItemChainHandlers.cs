using Microsoft.AspNetCore.Mvc;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Sharing;

/// <summary>
/// The item page's actions in the sharing chain (Post/Redirect/Get; a refusal re-renders the page with the rule's text):
/// relay (a linking organisation's pending relay, with an optional note and stricter label), relabel and retract (the originator).
/// </summary>
public sealed partial class ItemModel
{
    /// <summary>Labels the originator may choose between (RED is for named people and never a relabel).</summary>
    public static readonly Tlp[] RelabelChoices = [Tlp.Clear, Tlp.Green, Tlp.Amber, Tlp.AmberStrict];

    [BindProperty] public string? RelayNote { get; set; }
    [BindProperty] public string? RelayTlp { get; set; }
    [BindProperty] public string? NewTlp { get; set; }
    [BindProperty] public string? RetractReason { get; set; }

    /// <summary>POST <c>?handler=relay</c>: carries out the viewer's organisation's pending relay.</summary>
    public Task<IActionResult> OnPostRelayAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "relay-note", "Relayed", async viewer =>
        {
            Tlp? label = null;
            if (!string.IsNullOrEmpty(RelayTlp))
            {
                if (!TlpLabels.TryParse(RelayTlp, out var t)) return s["InvalidTlp"].Value;
                label = t;
            }

            await relays.RelayAsync(viewer, id, RelayNote, label, ct);
            return null;
        }, ct);

    /// <summary>POST <c>?handler=relabel</c>: the originator changes the item's label to <see cref="NewTlp"/>.</summary>
    public Task<IActionResult> OnPostRelabelAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "new-tlp", "Relabelled", async viewer =>
        {
            if (!TlpLabels.TryParse(NewTlp, out var t) || !RelabelChoices.Contains(t)) return s["InvalidTlp"].Value;
            await changes.RelabelAsync(viewer, id, t, ct);
            return null;
        }, ct);

    /// <summary>POST <c>?handler=retract</c>: the originator retracts the item with <see cref="RetractReason"/>.</summary>
    public Task<IActionResult> OnPostRetractAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "retract-reason", "RetractedSaved", async viewer =>
        {
            await changes.RetractAsync(viewer, id, RetractReason, ct);
            return null;
        }, ct);

    // Runs one change: 404 when the viewer may not see the item; a refused rule or invalid input (the action returns a
    // message) re-renders the page with the error at `field`; success redirects with a confirmation.
    private async Task<IActionResult> ChangeAsync(Guid id, string field, string saved, Func<Viewer, Task<string?>> action, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (!viewer.IsAuthenticated || !await access.CanSeeAsync(viewer, id, ct)) return NotFound();
        try
        {
            if (await action(viewer) is { } invalid)
            {
                Errors.Add(field, invalid);
                return await ShowAsync(viewer, id, ct);
            }
        }
        catch (SharingRuleException e)
        {
            db.ChangeTracker.Clear();
            foreach (var problem in e.Problems) Errors.Add(field, s.Rule(problem));
            return await ShowAsync(viewer, id, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        TempData["Saved"] = s[saved].Value;
        return Redirect($"/items/{id}");
    }
}
