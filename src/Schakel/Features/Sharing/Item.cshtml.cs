using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Sharing;

/// <summary>
/// <c>/items/{id}</c>: one item through <see cref="ItemAccess.FindAsync"/> (404 for anything the viewer may not see,
/// drafts of others included; published CLEAR items also anonymously). Opening it marks the viewer's delivery read.
/// POST handlers change the delivery state and, for drafts, publish; relay, relabel and retract are in
/// <c>ItemChainHandlers.cs</c>.
/// </summary>
public sealed partial class ItemModel(SchakelDbContext db, ItemAccess access, DeliveryService deliveries, PublishingService publishing,
    RelayService relays, ItemChangeService changes, IStringLocalizer<SharedResource> s, Audit.AuditLog audit) : PageModel
{
    public Item Item { get; private set; } = null!;
    public string PublisherName { get; private set; } = "";
    public Advisory? Advisory { get; private set; }
    public AdvisoryView? AdvisoryView { get; private set; }
    public Delivery? Delivery { get; private set; }
    public bool CanPublishDraft { get; private set; }
    public AudienceChoices? Choices { get; private set; }
    public FormErrors Errors { get; } = [];
    public ItemChain Chain { get; private set; } = ItemChain.None;

    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public AudienceInput Audience { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (await access.FindAsync(viewer, id, ct) is not { } found) return NotFound();
        await deliveries.MarkReadOnOpenAsync(viewer, id, ct);
        audit.RecordOpened(viewer, id, found.Tlp);
        return await ShowAsync(viewer, id, ct);
    }

    /// <summary>POST <c>?handler=state</c>: <c>state</c> is Read, Acknowledged, ActionTaken or NotRelevant (with <see cref="Reason"/>).</summary>
    public async Task<IActionResult> OnPostStateAsync(Guid id, string? state, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        if (!viewer.IsAuthenticated || await access.FindAsync(viewer, id, ct) is null) return NotFound();
        if (!Enum.TryParse<DeliveryState>(state, ignoreCase: false, out var target) || target == DeliveryState.Delivered)
        {
            Errors.Add(null, s["InvalidStatus"]);
            return await ShowAsync(viewer, id, ct);
        }

        if (target == DeliveryState.NotRelevant && string.IsNullOrWhiteSpace(Reason))
        {
            Errors.Add("reason", s["ReasonRequired"]);
            return await ShowAsync(viewer, id, ct);
        }

        if (target == DeliveryState.NotRelevant && Reason!.Trim().Length > DeliveryService.MaxReasonLength)
        {
            Errors.Add("reason", s["ReasonTooLong", DeliveryService.MaxReasonLength]);
            return await ShowAsync(viewer, id, ct);
        }

        var (outcome, _) = await deliveries.ChangeAsync(viewer, id, target, Reason, ct);
        switch (outcome)
        {
            case StateChangeOutcome.NotFound:
                return NotFound();
            case StateChangeOutcome.Invalid:
                Errors.Add(null, s["StateChangeRefused"]);
                return await ShowAsync(viewer, id, ct);
            default:
                TempData["Saved"] = s["State." + target].Value;
                return Redirect($"/items/{id}");
        }
    }

    /// <summary>POST <c>?handler=publish</c>: publishes a draft of the viewer's organisation to <see cref="Audience"/>.</summary>
    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        var visible = await access.FindAsync(viewer, id, ct);
        if (visible is null || visible.Status != ItemStatus.Draft || !LayoutInfo.MayPublish(viewer)) return NotFound();
        var specs = Audience.ToSpecs();
        if (specs.Count == 0)
        {
            Errors.Add("audience", s["AudienceRequired"]);
            return await ShowAsync(viewer, id, ct);
        }

        var item = await db.Items.FirstAsync(i => i.Id == id, ct);
        var publisher = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == viewer.OrganisationId, ct);
        try
        {
            await publishing.PublishAsync(item, publisher, viewer.PersonId, specs, ct);
        }
        catch (SharingRuleException e)
        {
            db.ChangeTracker.Clear();
            foreach (var problem in e.Problems) Errors.Add("audience", s["PublishRefused", s.Rule(problem)]);
            return await ShowAsync(viewer, id, ct);
        }

        TempData["Saved"] = s["Published"].Value;
        return Redirect($"/items/{id}");
    }

    private async Task<IActionResult> ShowAsync(Viewer viewer, Guid id, CancellationToken ct)
    {
        var item = await access.VisibleItems(viewer).Include(i => i.PublisherOrganisation).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return NotFound();
        Item = item;
        PublisherName = item.PublisherOrganisation.Name;
        if (item.AdvisoryId is { } advisoryId && item.Status != ItemStatus.Retracted)
        {
            Advisory = await db.Advisories.AsNoTracking().Include(a => a.Vulnerabilities).Include(a => a.Products)
                .AsSplitQuery().FirstOrDefaultAsync(a => a.Id == advisoryId, ct);
            if (Advisory is not null) AdvisoryView = AdvisoryView.From(Advisory);
        }

        Delivery = await access.FindDeliveryAsync(viewer, id, ct);
        CanPublishDraft = item.Status == ItemStatus.Draft && LayoutInfo.MayPublish(viewer) && item.PublisherOrganisationId == viewer.OrganisationId;
        if (CanPublishDraft) Choices = await AudienceChoices.LoadAsync(db, viewer, ct);
        Chain = await ItemChain.LoadAsync(db, access, viewer, item, ct);
        return Page();
    }
}
