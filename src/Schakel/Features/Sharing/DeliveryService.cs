using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>Result of a delivery state change.</summary>
public enum StateChangeOutcome
{
    Changed,
    NotFound,
    Invalid,
}

/// <summary>
/// Changes the state of the viewer's own delivery: read, acknowledged, action taken, not relevant (with a reason).
/// A delivery is found only through <see cref="ItemAccess"/>, so a viewer can only change what it may see.
/// </summary>
public sealed class DeliveryService(SchakelDbContext db, ItemAccess access, AuditLog audit, TimeProvider time)
{
    /// <summary>Largest accepted "not relevant" reason, in characters.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>
    /// Moves the delivery to <paramref name="state"/>. Marking read never lowers a later state; "not relevant" needs a
    /// reason of 1 to <see cref="MaxReasonLength"/> characters; <see cref="DeliveryState.Delivered"/> is not a target.
    /// </summary>
    public async Task<(StateChangeOutcome Outcome, string? Error)> ChangeAsync(Viewer viewer, Guid itemId, DeliveryState state, string? reason = null, CancellationToken ct = default)
    {
        var delivery = await access.FindDeliveryAsync(viewer, itemId, ct);
        if (delivery is null) return (StateChangeOutcome.NotFound, null);
        if (!MayChangeState(viewer)) return (StateChangeOutcome.Invalid, "Auditors read the audit log; they do not change the state of deliveries.");
        if (delivery.Item.Status == ItemStatus.Retracted && state != DeliveryState.Read)
            return (StateChangeOutcome.Invalid, "The item was retracted.");
        var now = time.GetUtcNow();
        reason = reason?.Trim();
        switch (state)
        {
            case DeliveryState.Delivered:
                return (StateChangeOutcome.Invalid, "A delivery cannot be set back to Delivered.");
            case DeliveryState.NotRelevant when string.IsNullOrEmpty(reason):
                return (StateChangeOutcome.Invalid, "Give a reason why the item is not relevant.");
            case DeliveryState.NotRelevant when reason!.Length > MaxReasonLength:
                return (StateChangeOutcome.Invalid, $"The reason is longer than {MaxReasonLength} characters.");
            case DeliveryState.Read:
                delivery.ReadAt ??= now;
                delivery.Updated = false;
                if (delivery.State == DeliveryState.Delivered) SetState(delivery, DeliveryState.Read, viewer, now);
                break;
            default:
                delivery.ReadAt ??= now;
                delivery.Updated = false;
                if (state == DeliveryState.Acknowledged) delivery.AcknowledgedAt = now;
                delivery.NotRelevantReason = state == DeliveryState.NotRelevant ? reason : null;
                SetState(delivery, state, viewer, now);
                break;
        }

        await db.SaveChangesAsync(ct);
        // Acknowledgements and the states after it are audited; marking read is not (opening an item is, as item.read).
        if (state is not DeliveryState.Read)
        {
            await audit.RecordAsync(AuditActor.From(viewer), new AuditEvent("delivery." + state switch
            {
                DeliveryState.Acknowledged => "acknowledge",
                DeliveryState.ActionTaken => "action-taken",
                _ => "not-relevant",
            }, itemId, null, state == DeliveryState.NotRelevant ? new { reason_length = reason!.Length } : null), ct);
        }

        return (StateChangeOutcome.Changed, null);
    }

    /// <summary>Readers, analysts and organisation administrators handle deliveries; an auditor (only) does not.</summary>
    public static bool MayChangeState(Viewer viewer) =>
        viewer.IsAuthenticated && (viewer.IsAnalyst || viewer.IsOrgAdmin || viewer.Roles.Contains(Accounts.Roles.Reader));

    /// <summary>Marks the viewer's delivery read when it is still new; called when an item is opened.</summary>
    public async Task MarkReadOnOpenAsync(Viewer viewer, Guid itemId, CancellationToken ct = default)
    {
        if (!MayChangeState(viewer)) return;
        var delivery = await access.FindDeliveryAsync(viewer, itemId, ct);
        if (delivery is null || (delivery.State != DeliveryState.Delivered && !delivery.Updated)) return;
        await ChangeAsync(viewer, itemId, DeliveryState.Read, null, ct);
    }

    private static void SetState(Delivery d, DeliveryState state, Viewer viewer, DateTimeOffset now)
    {
        d.State = state;
        d.StateChangedAt = now;
        d.StateChangedByPersonId = viewer.PersonId;
    }
}
