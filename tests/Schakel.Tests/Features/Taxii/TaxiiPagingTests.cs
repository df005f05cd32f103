using System.Text.Json;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.Taxii.TaxiiTestData;

namespace Schakel.Tests.Features.Taxii;

/// <summary>TAXII 2.1 section 3.5 (pagination), issue 5: paging is stable under concurrent writes.</summary>
public sealed class TaxiiPagingTests
{
    /// <summary>
    /// TAXII 2.1 section 3.5: while another task imports bundles, a client walks the collection with next; no object is
    /// skipped or repeated, the order is date_added order, and a last walk from the end picks up exactly what came later.
    /// </summary>
    [Theory, ProviderData("Sqlite"), ProviderData("Postgres")]
    public async Task GetObjects_WalkDuringImports_NoSkipNoRepeat(string provider)
    {
        using var factory = SchakelFactory.Create(provider);
        var existing = Enumerable.Range(0, 40).Select(_ => NewIndicatorId()).ToList();
        await ImportAsync(factory, "ncsc", Bundle(Green, [.. existing.Select(id => (id, "2016-04-06T20:03:48.000Z", "e"))]), "network");
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");

        var written = new List<string>();
        var writer = Task.Run(async () =>
        {
            for (var n = 0; n < 12; n++)
            {
                var ids = Enumerable.Range(0, 5).Select(_ => NewIndicatorId()).ToList();
                await ImportAsync(factory, "ncsc", Bundle(Green, [.. ids.Select(id => (id, "2016-04-06T20:03:48.000Z", "w"))]), "network");
                lock (written) written.AddRange(ids);
            }
        });

        // A client walks with next while more is true; at the end of the data it continues from X-TAXII-Date-Added-Last
        // with added_after (section 3.5), until the writer has finished and one last request finds nothing new.
        var seen = new List<string>();
        var lastDates = new List<string>();
        string? next = null, addedAfter = null;
        var done = false;
        while (true)
        {
            var query = "?limit=7" + (addedAfter is null ? "" : "&added_after=" + addedAfter) + (next is null ? "" : "&next=" + next);
            using var response = await GetAsync(client, "/taxii2/api/collections/network/objects/" + query);
            var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var ids = Ids(envelope);
            seen.AddRange(ids);
            if (ids.Count > 0) lastDates.Add(response.Headers.GetValues("X-TAXII-Date-Added-Last").Single());
            if (envelope.TryGetProperty("more", out var more) && more.GetBoolean())
            {
                next = envelope.GetProperty("next").GetString();
                continue;
            }

            if (ids.Count > 0) addedAfter = lastDates[^1];
            next = null;
            if (done && ids.Count == 0) break;
            done = writer.IsCompleted;
            if (!done) await Task.Delay(30);
        }

        await writer;
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(lastDates.Order(StringComparer.Ordinal), lastDates);
        Assert.Equal([Schakel.Stix.Extensions.SchakelExtension.Id, .. existing], seen.Take(41));
        Assert.Equal(written.Order(), seen.Skip(41).Order());
    }
}
