using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>taxii-walk OBJECTS-URL [--token T] [--limit 1000] [--versions all]</c>: walks a TAXII 2.1 collection's objects endpoint page by page,
/// following <c>next</c> until <c>more</c> is false, as a client would (one request at a time, Bearer token, TAXII
/// Accept header). Prints objects, pages, objects per second and the p50/p95/max time of one page request (until the
/// whole body is read); checks that no object version repeats.
/// </summary>
public static class TaxiiWalk
{
    public static async Task<int> RunAsync(Uri url, string? token, int limit, string? versions)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/taxii+json;version=2.1"));
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var pages = new List<double>();
        var seen = new HashSet<(string, string)>();
        long bytes = 0;
        var objects = 0;
        string? next = null;
        var total = Stopwatch.StartNew();
        do
        {
            var page = Stopwatch.StartNew();
            var uri = $"{url}?limit={limit}" + (versions is null ? "" : "&match[version]=" + versions) + (next is null ? "" : "&next=" + Uri.EscapeDataString(next));
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            pages.Add(page.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{uri}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
            bytes += body.Length;
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.TryGetProperty("objects", out var list))
            {
                foreach (var o in list.EnumerateArray())
                {
                    objects++;
                    var version = o.TryGetProperty("modified", out var m) ? m.GetString()! : o.TryGetProperty("created", out var c) ? c.GetString()! : "";
                    if (!seen.Add((o.GetProperty("id").GetString()!, version))) throw new InvalidOperationException($"repeated: {o.GetProperty("id")} {version}");
                }
            }

            var more = root.TryGetProperty("more", out var mo) && mo.ValueKind == JsonValueKind.True;
            next = more && root.TryGetProperty("next", out var n) ? n.GetString() : null;
            if (more && next is null) throw new InvalidOperationException("more without next");
            if (pages.Count % 100 == 0) Console.Error.WriteLine($"{pages.Count} pages, {objects} objects, {total.Elapsed.TotalSeconds:0} s");
        }
        while (next is not null);

        total.Stop();
        var sorted = pages.Order().ToList();
        Console.WriteLine($"match[version]={versions ?? "last (default)"}: walked {objects} objects in {pages.Count} pages of up to {limit} ({bytes / 1048576.0:0} MiB) in {total.Elapsed.TotalSeconds:0.0} s: " +
            $"{objects / total.Elapsed.TotalSeconds:0} objects/s");
        Console.WriteLine($"page request: p50 {Stats.Percentile(sorted, 50):0} ms, p95 {Stats.Percentile(sorted, 95):0} ms, max {sorted[^1]:0} ms, first {pages[0]:0} ms");
        return 0;
    }
}
