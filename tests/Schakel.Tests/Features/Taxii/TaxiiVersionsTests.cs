using System.Net;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.Taxii.TaxiiTestData;

namespace Schakel.Tests.Features.Taxii;

/// <summary>
/// TAXII 2.1 section 5.8 (get object versions), section 3.4.1 (match[version]) and section 5.6 (get an object), with
/// DESIGN.md section 3a: a version is visible only through an item the reader may see.
/// </summary>
public sealed class TaxiiVersionsTests
{
    private const string Old = "2016-04-06T20:03:48.000Z";
    private const string New = "2016-05-01T00:00:00.123456Z";

    /// <summary>TAXII 2.1 sections 5.8 and 3.4.1: an older version in an item the reader may see and a newer one in an item it may not: last is the older, versions lists only that.</summary>
    [Fact]
    public async Task Versions_NewerVersionInInvisibleItem_ReaderSeesOnlyOlder()
    {
        using var factory = new SchakelFactory();
        var id = NewIndicatorId();
        await ImportAsync(factory, "ncsc", Bundle(Green, (id, Old, "old")), "network");
        await ImportAsync(factory, "ncsc", Bundle(Amber, (id, New, "new")), "org:nctv");

        var member = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        var inbox = $"/taxii2/api/collections/inbox/objects/{id}/";
        var versions = await GetJsonAsync(member, inbox + "versions/");
        Assert.Equal([Old], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        var last = await GetJsonAsync(member, inbox);
        Assert.Equal("old", last.GetProperty("objects").EnumerateArray().Single().GetProperty("name").GetString());
        Assert.Empty(Ids(await GetJsonAsync(member, inbox + $"?match[version]={New}")));

        var director = await factory.ClientForAsync("regie@nctv.example.nl");
        var all = await GetJsonAsync(director, inbox + "versions/");
        Assert.Equal([Old, New], all.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("new", (await GetJsonAsync(director, inbox)).GetProperty("objects").EnumerateArray().Single().GetProperty("name").GetString());
    }

    /// <summary>TAXII 2.1 section 3.4.1: first, last, all and specific timestamps compared by instant (other precision, same instant).</summary>
    [Fact]
    public async Task MatchVersion_Keywords_AndTimestampsByInstant()
    {
        using var factory = new SchakelFactory();
        var id = NewIndicatorId();
        await ImportAsync(factory, "ncsc", Bundle(Green, (id, Old, "old")), "network");
        await ImportAsync(factory, "ncsc", Bundle(Green, (id, New, "new")), "network");
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        var url = $"/taxii2/api/collections/network/objects/?match[id]={id}";

        string Names(System.Text.Json.JsonElement e) => string.Join(",", e.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal("new", Names(await GetJsonAsync(client, url)));
        Assert.Equal("new", Names(await GetJsonAsync(client, url + "&match[version]=last")));
        Assert.Equal("old", Names(await GetJsonAsync(client, url + "&match[version]=first")));
        Assert.Equal("old,new", Names(await GetJsonAsync(client, url + "&match[version]=all")));
        Assert.Equal("old,new", Names(await GetJsonAsync(client, url + "&match[version]=first,last")));
        Assert.Equal("old", Names(await GetJsonAsync(client, url + "&match[version]=2016-04-06T20:03:48Z")));
        Assert.Equal("new", Names(await GetJsonAsync(client, url + "&match[version]=2016-05-01T00:00:00.1234560Z")));

        using var bad = await GetAsync(client, url + "&match[version]=all,last");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    /// <summary>TAXII 2.1 section 5.6: get an object takes only version filters (match[type] is 400) and answers 404 for an object it does not hold.</summary>
    [Fact]
    public async Task GetObject_UnknownOrBadFilter_404Or400()
    {
        using var factory = new SchakelFactory();
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        using (var r = await GetAsync(client, $"/taxii2/api/collections/network/objects/{NewIndicatorId()}/")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await GetAsync(client, $"/taxii2/api/collections/network/objects/{NewIndicatorId()}/?match[type]=indicator")) Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using (var r = await GetAsync(client, $"/taxii2/api/collections/network/objects/{NewIndicatorId()}/versions/")) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    /// <summary>TAXII 2.1 section 5.3: the manifest lists id, date_added, version and media type per version, with the date headers.</summary>
    [Fact]
    public async Task GetManifest_Versions_RecordsWithDateAdded()
    {
        using var factory = new SchakelFactory();
        var id = NewIndicatorId();
        await ImportAsync(factory, "ncsc", Bundle(Green, (id, Old, "old")), "network");
        await ImportAsync(factory, "ncsc", Bundle(Green, (id, New, "new")), "network");
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        using var response = await GetAsync(client, $"/taxii2/api/collections/network/manifest/?match[id]={id}&match[version]=all");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var manifest = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var records = manifest.GetProperty("objects").EnumerateArray().ToList();
        Assert.Equal([Old, New], records.Select(r => r.GetProperty("version").GetString()));
        Assert.All(records, r => Assert.Equal("application/stix+json;version=2.1", r.GetProperty("media_type").GetString()));
        Assert.Equal(records[^1].GetProperty("date_added").GetString(), response.Headers.GetValues("X-TAXII-Date-Added-Last").Single());
    }
}
