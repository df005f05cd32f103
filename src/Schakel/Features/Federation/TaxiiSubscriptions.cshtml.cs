using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schakel.Features.Network;
using Schakel.Features.ThreatIntel;

namespace Schakel.Features.Federation;

/// <summary>
/// <c>/admin/taxii-subscriptions</c>, platform administrators only (403 for others): the node's TAXII subscriptions with
/// URL, collection, highest label, audience, cursor, last run and last error; a form to add one (the token is stored
/// protected, as <c>schakel taxii subscribe</c> does); run now, enable/disable and remove. Runs "now" in the request, like
/// <c>schakel taxii run</c>; the cursor moves after every page, so an interrupted run loses nothing.
/// </summary>
[Authorize, PlatformAdminOnly]
public sealed class TaxiiSubscriptionsModel(TaxiiSubscriptionService subscriptions, TaxiiSubscriptionRunner runner) : PageModel
{
    private const string Self = "/admin/taxii-subscriptions";

    public IReadOnlyList<TaxiiSubscription> Subscriptions { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty(Name = "Url")] public string SourceUrl { get; set; } = "";
    [BindProperty] public string Collection { get; set; } = "";
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Token { get; set; }
    [BindProperty] public Sharing.Tlp MaxTlp { get; set; } = Sharing.Tlp.Green;
    [BindProperty] public string? AsOrganisation { get; set; }
    [BindProperty] public string Audience { get; set; } = "";
    [BindProperty] public int IntervalMinutes { get; set; } = 15;

    /// <summary>The result of the last action (after the redirect): a resource key and, for a run, its summary.</summary>
    [TempData] public string? Status { get; set; }
    [TempData] public string? StatusDetail { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Subscriptions = await subscriptions.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        // The label, interval, URL and audience rules are the service's (the same as the command line's).
        if (!ModelState.IsValid || !Enum.IsDefined(MaxTlp)) problems.Add("Highest label and interval: give one of the labels offered and a whole number of minutes.");
        if (string.IsNullOrWhiteSpace(SourceUrl) || string.IsNullOrWhiteSpace(Collection)) problems.Add("Address and collection are required.");
        if (problems.Count == 0)
        {
            var audience = Audience.Split([' ', ',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            var (id, refused) = await subscriptions.AddAsync(new TaxiiSourceInput(SourceUrl, Collection, Blank(Token), Blank(Username), MaxTlp, Blank(AsOrganisation),
                audience, IntervalMinutes), ct);
            if (id is not null) return Done("Added", null);
            problems.AddRange(refused);
        }

        Problems = problems;
        Token = null; // never sent back to the browser
        Subscriptions = await subscriptions.ListAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostToggleAsync(int id, bool enable, CancellationToken ct) =>
        await subscriptions.SetEnabledAsync(id, enable, ct) ? Done(enable ? "Enabled" : "Disabled", null) : Done("NotFound", null);

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct) =>
        await subscriptions.RemoveAsync(id, ct) ? Done("Removed", null) : Done("NotFound", null);

    public async Task<IActionResult> OnPostRunAsync(int id, CancellationToken ct)
    {
        try
        {
            var report = await runner.RunAsync(id, ct);
            if (report is null) return Done("NotFound", null);
            // As in the runner, the pull decides; a reconcile's problem shows in the summary and is tried again on the next run.
            return Done(report.Ok ? "Ran" : "RanWithProblems", report.Summary() + (report.Reconcile is { } r ? " " + r.Summary() : ""));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The runner recorded the failure on the subscription (shown in the list); the message is for this page only.
            return Done("RanWithProblems", e.Message);
        }
    }

    private RedirectResult Done(string status, string? detail)
    {
        Status = status;
        StatusDetail = detail is { Length: > 500 } ? detail[..499] + "…" : detail;
        return Redirect(Self);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
