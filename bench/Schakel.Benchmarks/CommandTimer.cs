using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Schakel.Benchmarks;

/// <summary>Sums the time the database spends on EF's commands, to split a call's time into database and EF work.</summary>
public sealed class CommandTimer : DbCommandInterceptor
{
    // SCHAKEL_BENCH_SLOW_MS=N prints every command slower than N ms to stderr, to see where the database time goes.
    private static readonly double? SlowMs = double.TryParse(Environment.GetEnvironmentVariable("SCHAKEL_BENCH_SLOW_MS"), out var ms) ? ms : null;
    private long _ticks;
    private int _commands;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
    public int Commands => _commands;

    public void Reset()
    {
        Interlocked.Exchange(ref _ticks, 0);
        Interlocked.Exchange(ref _commands, 0);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
    {
        Add(eventData.Duration, command);
        return base.ReaderExecutedAsync(command, eventData, result, ct);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken ct = default)
    {
        Add(eventData.Duration, command);
        return base.NonQueryExecutedAsync(command, eventData, result, ct);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken ct = default)
    {
        Add(eventData.Duration, command);
        return base.ScalarExecutedAsync(command, eventData, result, ct);
    }

    private void Add(TimeSpan duration, DbCommand command)
    {
        if (SlowMs is { } slow && duration.TotalMilliseconds > slow)
            Console.Error.WriteLine($"slow command {duration.TotalMilliseconds:0} ms: {command.CommandText[..Math.Min(300, command.CommandText.Length)].ReplaceLineEndings(" ")}");
        Interlocked.Add(ref _ticks, duration.Ticks);
        Interlocked.Increment(ref _commands);
    }
}
