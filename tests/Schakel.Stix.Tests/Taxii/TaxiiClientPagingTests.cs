using Schakel.Stix.Taxii;

namespace Schakel.Stix.Tests.Taxii;

/// <summary>
/// TAXII 2.1 sections 3.3 (sorting), 3.4 (filtering: added_after, limit, next, match) and 3.5 (pagination), against
/// <see cref="CannedTaxiiServer"/> serving the OASIS reference server's (medallion) default data and made-up objects
/// whose date_added values differ only in the microseconds.
/// </summary>
public sealed class TaxiiClientPagingTests
{
    private static readonly TaxiiQuery All = new() { MatchVersion = ["all"] };

    /// <summary>Objects added one microsecond apart, so that losing precision in added_after would repeat or skip them.</summary>
    public static List<CannedTaxiiServer.Entry> MicrosecondEntries(int count) =>
        Enumerable.Range(1, count).Select(i => new CannedTaxiiServer.Entry($"2024-03-01T10:00:00.{i:000000}Z",
            $$"""{"type":"indicator","spec_version":"2.1","id":"indicator--{{new Guid(i, 0, 0, new byte[8]):D}}","created":"2024-03-01T10:00:00.000Z","modified":"2024-03-01T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.{{i}}']","pattern_type":"stix","valid_from":"2024-03-01T10:00:00Z"}""")).ToList();

    [DataFact]
    public async Task GetAllObjects_MedallionDataInPagesOfThree_EveryVersionOnceInDateAddedOrder()
    {
        await using var server = await CannedTaxiiServer.StartAsync(CannedTaxiiServer.Medallion(TestData.Bytes("stix/taxii/medallion-default_data.json")));
        var client = new TaxiiClient(new HttpClient());
        var pages = new List<TaxiiObjectsPage>();
        await foreach (var page in client.GetAllObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId, All with { Limit = 3 })) pages.Add(page);

        Assert.Equal([3, 3, 2], pages.Select(p => p.Objects.Count));
        var got = pages.SelectMany(p => p.Objects).Select(o => o.ToString()).ToList();
        Assert.Equal(server.Entries.Select(e => e.Object.ToString()), got);
        Assert.Equal(got.Count, got.Distinct().Count());
        Assert.Equal(server.Entries[2].DateAdded, pages[0].DateAddedLast);
        Assert.All(pages.SkipLast(1), p => Assert.True(p.More));
        Assert.False(pages[^1].More);
    }

    [DataFact]
    public async Task GetObjects_DefaultVersionFilter_OnlyTheLatestVersionOfEachObject()
    {
        await using var server = await CannedTaxiiServer.StartAsync(CannedTaxiiServer.Medallion(TestData.Bytes("stix/taxii/medallion-default_data.json")));
        var page = await new TaxiiClient(new HttpClient()).GetObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId);
        var indicator = Assert.Single(page.Objects, o => o.Id == "indicator--6770298f-0fd8-471a-ab8c-1c658a46574e");
        Assert.Equal("2017-01-27T13:49:53.935Z", indicator.Modified!.Text);
        Assert.Equal(page.Objects.Count, page.Objects.Select(o => o.Id).Distinct().Count());
    }

    [Fact]
    public async Task GetAllObjects_ServerGivesNoNext_ContinuesWithAddedAfterAsTheHeaderSaidIt()
    {
        await using var server = await CannedTaxiiServer.StartAsync(MicrosecondEntries(7));
        server.SendNext = false;
        server.ServerLimit = 2;
        var got = new List<string>();
        await foreach (var page in new TaxiiClient(new HttpClient()).GetAllObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId, All))
            got.AddRange(page.Objects.Select(o => o.Id));

        Assert.Equal(server.Entries.Select(e => e.Object.Id), got);
        // The microseconds travel unchanged: 10:00:00.000002Z, not .000Z or a rounded value.
        Assert.Contains(server.Requests, r => r.Contains("added_after=2024-03-01T10%3A00%3A00.000002Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetObjects_RestartWithStoredCursor_OnlyLaterObjectsNoRepeats()
    {
        await using var server = await CannedTaxiiServer.StartAsync(MicrosecondEntries(5));
        var first = await new TaxiiClient(new HttpClient()).GetObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId, All with { Limit = 3 });
        var cursor = first.DateAddedLast;
        Assert.Equal("2024-03-01T10:00:00.000003Z", cursor);

        // A new client (after a restart) with the stored cursor; meanwhile one more object arrived.
        server.Entries.AddRange(MicrosecondEntries(6).Skip(5));
        var rest = new List<string>();
        await foreach (var page in new TaxiiClient(new HttpClient()).GetAllObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId, All with { AddedAfter = cursor }))
            rest.AddRange(page.Objects.Select(o => o.Id));
        Assert.Equal(server.Entries.Skip(3).Select(e => e.Object.Id), rest);
    }

    [Fact]
    public async Task GetAllObjects_503InTheMiddle_TransientErrorThenResumingFromTheLastPageGivesNoGapNoDuplicate()
    {
        await using var server = await CannedTaxiiServer.StartAsync(MicrosecondEntries(9));
        server.ServerLimit = 3;
        var client = new TaxiiClient(new HttpClient());
        var got = new List<string>();
        string? cursor = null;
        var walk = async () =>
        {
            await foreach (var page in client.GetAllObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId, All with { AddedAfter = cursor }))
            {
                got.AddRange(page.Objects.Select(o => o.Id));
                cursor = page.DateAddedLast ?? cursor;
                if (got.Count == 3) server.Faults.Enqueue(503);
            }
        };

        var e = await Assert.ThrowsAsync<TaxiiException>(walk);
        Assert.True(e.IsTransient);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, e.Status);
        Assert.Equal("Temporarily unavailable", e.Error?.Title);
        Assert.Equal(3, got.Count);

        await walk();
        Assert.Equal(server.Entries.Select(x => x.Object.Id), got);
    }

    [Fact]
    public void ToQueryString_AllFilters_EscapedAndCommaJoined()
    {
        var q = new TaxiiQuery { AddedAfter = "2024-03-01T10:00:00.000002Z", Limit = 10, Next = "a b", MatchType = ["indicator", "malware"], MatchVersion = ["all"] };
        Assert.Equal("?added_after=2024-03-01T10%3A00%3A00.000002Z&limit=10&next=a%20b&match[type]=indicator%2Cmalware&match[version]=all", q.ToQueryString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaxiiQuery { Limit = 0 }.ToQueryString());
    }
}
