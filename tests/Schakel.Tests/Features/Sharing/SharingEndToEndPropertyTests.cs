using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace Schakel.Tests.Features.Sharing;

/// <summary>
/// Property B of issue 3 ("Proof, not hope"): the generated networks and chains of <see cref="SharingGenerators"/>, carried
/// out end to end through the HTTP API of the whole application (publish as a CSAF import, forward, relay, relabel,
/// retract, relay policy) and compared with the independent <see cref="SharingModel"/>: refusals (4xx), for every
/// (person, item) pair the item API (200 or 404, and the label) and inbox membership, labels and totalCount, and the web
/// item page for one signed-in person per case. Cases: env <c>SCHAKEL_PROPERTY_E2E_CASES</c> (default 300); a failing
/// case's seed can be replayed with <c>SCHAKEL_PROPERTY_SEED</c>.
/// </summary>
public sealed class SharingEndToEndPropertyTests(ITestOutputHelper output)
{
    public static long Cases(long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable("SCHAKEL_PROPERTY_E2E_CASES"), out var n) && n > 0 ? n : fallback;

    [Fact]
    public async Task Http_RandomNetworksAndChains_AgreeWithModel()
    {
        var clock = Stopwatch.StartNew();
        var cases = Cases(300);
        var outcomes = new ConcurrentDictionary<string, int>();
        var caseNumber = 0;
        await using var harness = new EndToEndHarness();
        await harness.InitializeAsync();
        // One case at a time: each case deactivates every organisation before it, so cases must not overlap.
        await SharingGenerators.Case.SampleAsync(async c =>
        {
            var model = new SharingModel(c.Network);
            var phase = Stopwatch.StartNew();
            var run = await harness.BuildAsync(c.Network, model);
            harness.Time("build", phase.Elapsed);
            phase.Restart();
            try
            {
                foreach (var op in c.Ops)
                {
                    var step = model.Resolve(op);
                    var expectRefused = model.Apply(step);
                    var outcome = await run.ExecuteAsync(step);
                    run.Trace.Add($"{step}: model {(expectRefused ? "refuses" : "allows")}, HTTP {outcome ?? "allow"}");
                    outcomes.AddOrUpdate($"{step.Kind} {(outcome is null ? "done" : "refused")}", 1, (_, n) => n + 1);
                    if (expectRefused != (outcome is not null)) run.Differences.Add($"refusal differs for step {run.Trace.Count}: {run.Trace[^1]}");
                }

                harness.Time("steps", phase.Elapsed);
                phase.Restart();
                var signedIn = Enumerable.Range(0, c.Network.People.Length)
                    .Where(p => c.Network.People[p].Active && c.Network.Orgs[c.Network.People[p].Org].Active).ToList();
                await run.CompareAsync(signedIn.Count == 0 ? null : signedIn[Interlocked.Increment(ref caseNumber) % signedIn.Count]);
                harness.Time("compare", phase.Elapsed);
                if (run.Differences.Count > 0)
                    throw new Xunit.Sdk.XunitException($"Model and HTTP API disagree.\n{c}Steps:\n  {string.Join("\n  ", run.Trace)}\nDifferences:\n  {string.Join("\n  ", run.Differences.Take(20))}");
            }
            finally
            {
                run.Close();
            }
        }, iter: cases, threads: 1, seed: SharingPropertyTests.Seed, print: c => c.ToString(), writeLine: output.WriteLine);

        output.WriteLine(string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
        output.WriteLine(string.Join(", ", harness.Timings.Select(t => $"{t.Key} {t.Value.TotalSeconds:F1} s")));
        output.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:F1} s (process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s)");
    }
}
