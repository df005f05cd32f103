using System.Threading.Channels;
using Schakel.Features.Sharing;
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

/// <summary>
/// Appends records to the hash-chained audit log (DESIGN.md section 3a). Callers hand records to a queue; one writer
/// loop per process (<see cref="AuditWriter"/>) takes whatever has queued up and appends it as one batch in one
/// transaction, so a burst of reads costs one round trip instead of one each. <see cref="RecordAsync"/> returns when its
/// record is stored (use it for state changes: the change and its record belong together); <see cref="Record"/> returns
/// at once (use it on the read path and inside open transactions). The web host flushes the queue on shutdown
/// (<see cref="AuditLogFlusher"/>); a command-line verb's service provider writes it when disposed, so nothing is lost
/// when the process exits.
/// The time and the source (client IP, <c>node</c> for background work in the web host, <c>cli</c> without a host) are
/// taken when the call is made, not when the batch is written. Subject is cut to 512 and Detail to 4000 characters.
/// </summary>
public sealed class AuditLog : IDisposable, IAsyncDisposable
{
    private readonly Task _writer;
    private readonly Channel<AuditWriter.Pending> _queue = Channel.CreateUnbounded<AuditWriter.Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IHttpContextAccessor _http;
    private readonly TimeProvider _time;
    private volatile bool _hosted;

    public AuditLog(IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider time, ILogger<AuditLog> log)
    {
        _http = http;
        _time = time;
        // The loop lives as long as the process; it waits on the queue and costs nothing while idle.
        _writer = Task.Run(() => new AuditWriter(scopes, log).RunAsync(_queue.Reader));
    }

    /// <summary>Appends one record and returns when it is stored (after the transaction committed). Throws when the write failed.</summary>
    public Task RecordAsync(AuditActor actor, AuditEvent ev, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new AuditWriter.Pending(Capture(actor, ev), done))) throw new ObjectDisposedException(nameof(AuditLog));
        return done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Queues one record and returns at once (fire and forget): for reads, and for actions inside a caller's open
    /// transaction, where waiting would wait on that transaction's own lock. A failed write is logged, not thrown. The
    /// queue is written when the host stops, or when the service provider of a command-line verb is disposed.
    /// </summary>
    public void Record(AuditActor actor, AuditEvent ev)
    {
        if (!_queue.Writer.TryWrite(new AuditWriter.Pending(Capture(actor, ev), null))) throw new ObjectDisposedException(nameof(AuditLog));
    }

    /// <summary>Records <c>item.read</c> (or <paramref name="action"/>, e.g. <c>item.download</c>) fire and forget, for items not labelled CLEAR.</summary>
    public void RecordOpened(Viewer viewer, Guid itemId, Sharing.Tlp tlp, string action = "item.read")
    {
        if (tlp != Sharing.Tlp.Clear) Record(AuditActor.From(viewer), new AuditEvent(action, itemId));
    }

    /// <summary>Returns when every record queued before the call is stored (or its write failed).</summary>
    public Task FlushAsync(CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new AuditWriter.Pending(null, done)) ? done.Task.WaitAsync(ct) : Task.CompletedTask;
    }

    /// <summary>Ends the writer loop once the queue is written (the container disposes the log with the host or the verb).</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(30));
    }

    /// <summary>Ends the writer loop once the queue is written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Set by the web host's <see cref="AuditLogFlusher"/>: records without a request then come from the node, not the command line.</summary>
    internal void MarkHosted() => _hosted = true;

    private AuditRecord Capture(AuditActor actor, AuditEvent ev)
    {
        var context = _http.HttpContext;
        var source = context is not null ? context.Connection.RemoteIpAddress?.ToString() ?? "unknown" : _hosted ? "node" : "cli";
        var detail = ev.Detail switch
        {
            null => null,
            string s => s,
            _ => System.Text.Json.JsonSerializer.Serialize(ev.Detail, AuditWriter.DetailJson),
        };
        return new AuditRecord
        {
            At = AuditHash.Truncate(_time.GetUtcNow()),
            Action = Cut(ev.Action, 64)!,
            PersonId = actor.PersonId,
            OrganisationId = actor.OrganisationId,
            ItemId = ev.ItemId,
            Subject = Cut(ev.Subject, 512),
            Detail = Cut(detail, 4000),
            Source = Cut(source, 64),
            PreviousHash = "",
            Hash = "",
        };
    }

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

/// <summary>Lets <see cref="AuditLog.Record"/> return at once in the web host, and stores what is queued when the host stops.</summary>
internal sealed class AuditLogFlusher(AuditLog log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        log.MarkHosted();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => log.FlushAsync(cancellationToken);
}
