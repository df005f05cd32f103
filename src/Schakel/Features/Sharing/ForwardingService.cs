using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Network;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>
/// A linking organisation's forward of an item it received (DESIGN.md section 3): deliveries added to the same item,
/// with routes that name the forwarder, its note beside the publisher's unchanged text, and a label that is the same as
/// the forwarder's or stricter. What the label allows is decided by <see cref="SharingRules.ForwardProblem"/>; an
/// audience that reaches too far is refused, never silently narrowed.
/// </summary>
public sealed class ForwardingService(SchakelDbContext db, ItemAccess access, PublishingService publishing, AuditLog audit, TimeProvider time)
{
    /// <summary>Longest note, in characters.</summary>
    public const int MaxNoteLength = 20_000;

    /// <summary>Throws <see cref="SharingRuleException"/> when the note is longer than <see cref="MaxNoteLength"/>.</summary>
    public static void CheckNote(string? note)
    {
        if (note is { Length: > MaxNoteLength })
            throw new SharingRuleException(new SharingProblem("NoteTooLong", $"The note is longer than {MaxNoteLength} characters."));
    }

    /// <summary>
    /// Forwards item <paramref name="itemId"/> for the viewer's organisation to <paramref name="audience"/> (organisation
    /// audiences: <c>network</c>, <c>sector:</c>, <c>constituency:</c>, <c>org:</c>) with an optional plain-text note and
    /// an optional label (same or stricter than the one the forwarder holds, never RED). Returns the forward's id and the
    /// number of new deliveries. Throws <see cref="SharingRuleException"/> with the reasons when a rule forbids it, and
    /// <see cref="KeyNotFoundException"/> when the viewer may not see the item.
    /// </summary>
    public async Task<(int ForwardId, int Deliveries)> ForwardAsync(Viewer viewer, Guid itemId, IReadOnlyCollection<AudienceSpec> audience, string? note, Tlp? tlp, CancellationToken ct = default)
    {
        // Visibility first: an item the viewer may not see is "not found" whatever the viewer's role.
        var item = await access.FindAsync(viewer, itemId, ct) ?? throw new KeyNotFoundException($"No item {itemId}.");
        if (!viewer.IsAuthenticated || !viewer.IsAnalyst) throw new SharingRuleException(new SharingProblem("AnalystsOnly", "Only analysts forward items."));
        var orgId = viewer.OrganisationId!.Value;
        if (item.Tlp == Tlp.Red) throw new SharingRuleException(new SharingProblem("ForwardForbidden", "TLP:RED may not be passed on.", "RED"));
        if (item.Status == ItemStatus.Draft) throw new SharingRuleException(new SharingProblem("Draft", "A draft is not published yet, so it cannot be forwarded."));
        if (item.Status == ItemStatus.Retracted) throw new SharingRuleException(new SharingProblem("Retracted", "The item was retracted; it can no longer be forwarded."));
        if (item.PublisherOrganisationId == orgId)
            throw new SharingRuleException(new SharingProblem("OwnItem", "Your organisation published this item: add audience by publishing it again, not by forwarding."));
        var held = await access.Inbox(viewer).Where(d => d.ItemId == itemId && d.RecipientPersonId == null).Select(d => (Tlp?)d.EffectiveTlp).FirstOrDefaultAsync(ct);
        if (held is not { } baseLabel) throw new SharingRuleException(new SharingProblem("NotReceived", "Your organisation did not receive this item, so it cannot forward it."));
        if (tlp is { } t && (t < baseLabel || t == Tlp.Red))
            throw new SharingRuleException(new SharingProblem("LabelLooser", $"You hold this item as TLP:{baseLabel.ToLabel()}; a forward keeps that label or makes it stricter (not RED).", baseLabel.ToLabel()));
        CheckNote(note);

        var errors = await CheckAudienceAsync(audience, ct);
        if (errors.Count > 0) throw new SharingRuleException(errors);
        var now = time.GetUtcNow();
        var entries = audience.Distinct().Select(a => new AudienceEntry
        {
            ItemId = item.Id, Kind = a.Kind, Value = a.Value, AddedByOrganisationId = orgId, AddedByPersonId = viewer.PersonId, CreatedAt = now,
        }).ToList();
        var recipients = new Dictionary<int, AudienceEntry>();
        foreach (var e in entries)
        {
            foreach (var id in await publishing.ResolveAsync(e, item.PublisherOrganisationId, ct))
                if (id != orgId) recipients.TryAdd(id, e);
        }

        var constituency = (await db.ConstituencyMemberships.AsNoTracking().Where(m => m.LinkingOrganisationId == orgId).Select(m => m.MemberId).ToListAsync(ct)).ToHashSet();
        var problem = SharingRules.ForwardProblem(viewer.OrganisationType ?? OrganisationType.Member, baseLabel, recipients.Keys, constituency);
        if (problem is not null) throw new SharingRuleException(problem);
        if (recipients.Count == 0) throw new SharingRuleException(new SharingProblem("NoRecipients", "The audience reaches no organisation besides the publisher and yourself."));

        var label = tlp ?? baseLabel;
        var forward = new Forward
        {
            ItemId = item.Id, Kind = ForwardKind.Forward, OrganisationId = orgId, PersonId = viewer.PersonId,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Tlp = label > item.Tlp ? label : null, CreatedAt = now, Audience = entries,
        };
        db.Forwards.Add(forward);
        var tracked = await db.Items.FirstAsync(i => i.Id == itemId, ct);
        tracked.UpdatedAt = now;
        var added = await RouteWriter.AddAsync(db, tracked,
            recipients.Select(r => new NewRoute(r.Key, RouteKind.Forward, label, r.Value, orgId, forward)).ToList(), now, ct);
        await audit.RecordAsync(AuditActor.From(viewer), new AuditEvent("item.forward", item.Id, string.Join(' ', audience),
            new { tlp = label.ToLabel(), deliveries = added, recipients = recipients.Count, note = forward.Note is not null }), ct);
        return (forward.Id, added);
    }

    private async Task<List<SharingProblem>> CheckAudienceAsync(IReadOnlyCollection<AudienceSpec> audience, CancellationToken ct)
    {
        var (errors, _) = await publishing.CheckKeysAsync(audience, ct);
        errors.AddRange(audience.Where(a => a.Kind == AudienceKind.Person)
            .Select(a => new SharingProblem("PersonOnlyRed", $"'{a}': person audiences are only for TLP:RED items, which are never forwarded.", a.ToString())));
        return errors;
    }
}
