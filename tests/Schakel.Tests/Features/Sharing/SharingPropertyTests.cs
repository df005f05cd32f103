using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace Schakel.Tests.Features.Sharing;

/// <summary>
/// Property A of issue 3 ("Proof, not hope"): for random networks and chains of operations, what the sharing services
/// and <c>ItemAccess</c> decide — refusals, deliveries and their labels, relays, unreachable members, and for every
/// (person, item) pair may-see, list membership and inbox membership — equals what the independent
/// <see cref="SharingModel"/> derives from docs/sharing-rules.md. Cases: env <c>SCHAKEL_PROPERTY_CASES</c> (default
/// 10,000); a failing case's seed can be replayed with <c>SCHAKEL_PROPERTY_SEED</c>.
/// </summary>
public sealed class SharingPropertyTests(ITestOutputHelper output)
{
    /// <summary>Cases to run: <c>SCHAKEL_PROPERTY_CASES</c>, else <paramref name="fallback"/>.</summary>
    public static long Cases(long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable("SCHAKEL_PROPERTY_CASES"), out var n) && n > 0 ? n : fallback;

    public static string? Seed => Environment.GetEnvironmentVariable("SCHAKEL_PROPERTY_SEED") is { Length: > 0 } s ? s : null;

    [Fact]
    public async Task Services_RandomNetworksAndChains_AgreeWithModel()
    {
        var pool = new ConcurrentBag<SharingHarness>();
        var clock = Stopwatch.StartNew();
        var cases = Cases(10_000);
        try
        {
            await SharingGenerators.Case.SampleAsync(async c =>
            {
                if (!pool.TryTake(out var harness)) harness = await SharingHarness.CreateAsync();
                try
                {
                    var run = await harness.RunAsync(c, (m, op) => m.Resolve(op), new SharingModel(c.Network));
                    if (run.Differences.Count > 0)
                        throw new Xunit.Sdk.XunitException($"Model and services disagree.\n{c}Steps:\n  {string.Join("\n  ", run.Trace)}\nDifferences:\n  {string.Join("\n  ", run.Differences.Take(20))}");
                }
                finally
                {
                    pool.Add(harness);
                }
            }, iter: cases, seed: Seed, print: c => c.ToString(), writeLine: output.WriteLine);
        }
        finally
        {
            foreach (var h in pool) await h.DisposeAsync();
        }

        output.WriteLine(string.Join(", ", SharingHarness.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
        output.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
