using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>load URL [--token T] [--concurrency 20] [--requests 4000] [--duration 60] [--warmup 100]</c>: a small closed-loop load
/// generator. Each of the concurrent workers sends GET URL, waits for the whole body and sends the next, until the request
/// count or the time limit is reached. Prints the median, p95 and p99 latency in ms, throughput and status codes.
/// Only loopback addresses are accepted: this is for measuring a local node, never someone else's server.
/// </summary>
public static class LoadRun
{
    public static async Task<int> RunAsync(Uri url, string? token, int concurrency, int requests, TimeSpan duration, int warmup)
    {
        if (!url.IsLoopback && !(IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip)))
            throw new ArgumentException($"Only loopback targets are allowed (got {url.Host}).");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Warm-up (JIT, connection pool, database caches) is not measured.
        for (var i = 0; i < warmup; i++) await SendAsync(client, url);

        var latencies = new List<double>[concurrency];
        var statuses = new Dictionary<int, int>();
        var remaining = requests;
        var deadline = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            while (deadline.Elapsed < duration && Interlocked.Decrement(ref remaining) >= 0)
            {
                var start = Stopwatch.GetTimestamp();
                var status = await SendAsync(client, url);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                lock (statuses) statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
        })).ToList();
        await Task.WhenAll(workers);
        var elapsed = deadline.Elapsed;

        var all = latencies.SelectMany(l => l).Order().ToList();
        Console.WriteLine($"GET {url} with {concurrency} concurrent clients: {all.Count} requests in {elapsed.TotalSeconds:0.0} s ({all.Count / elapsed.TotalSeconds:0.0} requests/s)");
        Console.WriteLine($"latency ms: median {Stats.Percentile(all, 50):0.0}, p95 {Stats.Percentile(all, 95):0.0}, p99 {Stats.Percentile(all, 99):0.0}, max {all.LastOrDefault():0.0}");
        Console.WriteLine("status codes: " + string.Join(", ", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} x{kv.Value}")));
        return statuses.Keys.All(s => s == 200) && all.Count > 0 ? 0 : 1;
    }

    private static async Task<int> SendAsync(HttpClient client, Uri url)
    {
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0; // connection error or timeout
        }
    }
}
