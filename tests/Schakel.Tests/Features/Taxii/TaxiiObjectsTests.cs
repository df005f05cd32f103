using System.Net;
using System.Text.Json;
using Schakel.Stix.Extensions;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.Taxii.TaxiiTestData;

namespace Schakel.Tests.Features.Taxii;

/// <summary>TAXII 2.1 section 5.4 (get objects) with the filters of sections 3.4 and 3.5, and the envelope of section 3.7.</summary>
public sealed class TaxiiObjectsTests
{
    /// <summary>TAXII 2.1 sections 3.5 and 5.4: a walk with limit and next returns every object once, in date_added order, with the headers.</summary>
    [Fact]
    public async Task GetObjects_WalkWithNext_EveryObjectOnceInOrder()
    {
        using var factory = new SchakelFactory();
        var ids = Enumerable.Range(0, 7).Select(_ => NewIndicatorId()).ToList();
        await ImportAsync(factory, "ncsc", Bundle(Green, [.. ids.Take(4).Select(id => (id, "2016-04-06T20:03:48.000Z", "a"))]), "network");
        await ImportAsync(factory, "ncsc", Bundle(Green, [.. ids.Skip(4).Select(id => (id, "2016-04-06T20:03:48.000Z", "b"))]), "network");
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        var network = await CollectionIdAsync(client, "network");

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            using var response = await GetAsync(client, $"/taxii2/api/collections/{network}/objects/?limit=3" + (next is null ? "" : $"&next={next}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(TaxiiType, response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
            var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var first = response.Headers.GetValues("X-TAXII-Date-Added-First").Single();
            var last = response.Headers.GetValues("X-TAXII-Date-Added-Last").Single();
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", first);
            Assert.True(string.CompareOrdinal(first, last) <= 0);
            seen.AddRange(Ids(envelope));
            next = envelope.GetProperty("more").GetBoolean() ? envelope.GetProperty("next").GetString() : null;
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal([SchakelExtension.Id, .. ids], seen);
    }

    /// <summary>TAXII 2.1 section 5.4 / DESIGN.md 3a: each served object carries Schakel's extension for its item, with the label the caller holds.</summary>
    [Fact]
    public async Task GetObjects_Served_CarrySchakelExtension()
    {
        using var factory = new SchakelFactory();
        var id = NewIndicatorId();
        var item = await ImportAsync(factory, "ncsc", Bundle(Green, (id, "2016-04-06T20:03:48.000Z", "x")), "network");
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        var envelope = await GetJsonAsync(client, $"/taxii2/api/collections/network/objects/?match[id]={id}");
        var obj = envelope.GetProperty("objects").EnumerateArray().Single();
        var ext = obj.GetProperty("extensions").GetProperty(SchakelExtension.Id);
        Assert.Equal(item.ToString(), ext.GetProperty("item_id").GetString());
        Assert.Equal("green", ext.GetProperty("tlp").GetString());
        Assert.Equal("ncsc", ext.GetProperty("publisher").GetString());
        Assert.Equal("x", obj.GetProperty("name").GetString());
        Assert.Equal("2016-04-06T20:03:48.000Z", obj.GetProperty("modified").GetString());
    }

    /// <summary>TAXII 2.1 sections 3.4.1 and 5.4: match[type], match[id], match[spec_version], added_after (microseconds, exclusive).</summary>
    [Fact]
    public async Task GetObjects_Filters_SelectExactly()
    {
        using var factory = new SchakelFactory();
        var a = NewIndicatorId();
        var b = NewIndicatorId();
        await ImportAsync(factory, "ncsc", Bundle(Green, (a, "2016-04-06T20:03:48.000Z", "a")), "network");
        await ImportAsync(factory, "ncsc", Bundle(Green, (b, "2016-04-06T20:03:48.000Z", "b")), "network");
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        const string url = "/taxii2/api/collections/network/objects/";

        Assert.Equal([a, b], Ids(await GetJsonAsync(client, url + "?match[type]=indicator")));
        Assert.Equal([SchakelExtension.Id], Ids(await GetJsonAsync(client, url + "?match[type]=extension-definition")));
        Assert.Equal([b], Ids(await GetJsonAsync(client, url + $"?match[id]={b}")));
        Assert.Equal([a, b], Ids(await GetJsonAsync(client, url + $"?match[id]={a},{b}&match[spec_version]=2.1&match[type]=indicator")));
        Assert.Empty(Ids(await GetJsonAsync(client, url + "?match[spec_version]=2.0")));
        Assert.Empty(Ids(await GetJsonAsync(client, url + "?match[type]=malware")));

        using var first = await GetAsync(client, url + $"?match[id]={a}");
        var addedA = first.Headers.GetValues("X-TAXII-Date-Added-Last").Single();
        Assert.Equal([b], Ids(await GetJsonAsync(client, url + $"?added_after={addedA}&match[type]=indicator")));
        // The same instant with more digits is the same boundary.
        Assert.Equal([b], Ids(await GetJsonAsync(client, url + $"?added_after={addedA.TrimEnd('Z')}000Z&match[type]=indicator")));
        var empty = await GetJsonAsync(client, url + "?added_after=2999-01-01T00:00:00Z");
        Assert.Equal(JsonValueKind.Object, empty.ValueKind);
        Assert.False(empty.EnumerateObject().Any());
    }
}
