using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Tlp;

namespace Schakel.Features.Audit;

/// <summary>Who did something: a person (with their organisation), an organisation acting through the command line, or the node itself.</summary>
public sealed record AuditActor(string? PersonId, int? OrganisationId)
{
    public static readonly AuditActor Node = new(null, null);

    public static AuditActor From(Viewer viewer) => new(viewer.PersonId, viewer.OrganisationId);
}

/// <summary>
/// What happened: <paramref name="Action"/> a stable key (<c>item.publish</c>, <c>item.forward</c>, <c>item.read</c>, …),
/// the item concerned, a subject (organisation key, e-mail, audience) and details as a small object serialised to JSON.
/// Never item content.
/// </summary>
public sealed record AuditEvent(string Action, Guid? ItemId = null, string? Subject = null, object? Detail = null);

/// <summary>Appends records to the hash-chained audit log (DESIGN.md section 3a).</summary>
public sealed class AuditLog(IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider time)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>
    /// Queues one record without waiting for it: for reads, and for actions inside a caller's open transaction (waiting
    /// there would wait on that transaction's own lock).
    /// </summary>
    public void Record(AuditActor actor, AuditEvent ev) => _ = Task.Run(() => RecordAsync(actor, ev, CancellationToken.None));

    /// <summary>Appends one record and returns when it is stored. Not inside an open transaction: use <see cref="Record"/> there.</summary>
    public async Task RecordAsync(AuditActor actor, AuditEvent ev, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
            var last = await db.AuditRecords.OrderByDescending(r => r.Sequence).Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync(ct);
            var org = actor.OrganisationId is { } oid ? await db.Organisations.Where(o => o.Id == oid).Select(o => o.Key).FirstOrDefaultAsync(ct) : null;
            var email = actor.PersonId is { } pid ? await db.Users.Where(u => u.Id == pid).Select(u => u.Email).FirstOrDefaultAsync(ct) : null;
            int? itemOrg = ev.ItemId is { } iid ? await db.Items.Where(i => i.Id == iid).Select(i => (int?)i.PublisherOrganisationId).FirstOrDefaultAsync(ct) : null;
            var record = new AuditRecord
            {
                Sequence = (last?.Sequence ?? 0) + 1, At = time.GetUtcNow(), Action = ev.Action, PersonId = actor.PersonId, PersonEmail = email,
                OrganisationId = actor.OrganisationId, OrganisationKey = org, ItemId = ev.ItemId, ItemOrganisationId = itemOrg, Subject = ev.Subject,
                Detail = ev.Detail is null ? null : System.Text.Json.JsonSerializer.Serialize(ev.Detail),
                Source = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "cli", PreviousHash = last?.Hash ?? new string('0', 64), Hash = "",
            };
            record.Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
                string.Join('\n', record.Sequence, record.At.UtcTicks, record.Action, record.PersonId, record.OrganisationId, record.ItemId, record.Subject, record.Detail, record.Source, record.PreviousHash))));
            db.AuditRecords.Add(record);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            Gate.Release();
        }
    }
}
