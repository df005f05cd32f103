using System.Net;
using Microsoft.EntityFrameworkCore;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.Taxii.TaxiiRequests;
using static Schakel.Tests.Features.Taxii.TaxiiTestData;

namespace Schakel.Tests.Features.Taxii;

/// <summary>TAXII 2.1 section 5.7 (delete an object).</summary>
public sealed class TaxiiDeleteTests
{
    /// <summary>TAXII 2.1 section 5.7: the publisher's analyst deletes one version; afterwards get answers 404 for it and the manifest leaves it out; audited.</summary>
    [Fact]
    public async Task DeleteObject_PublisherOneVersion_GoneFromCollection()
    {
        using var factory = new SchakelFactory();
        var id = NewIndicatorId();
        await ImportAsync(factory, "ncsc", Bundle(Green, (id, "2016-04-06T20:03:48.000Z", "old")), "network");
        await ImportAsync(factory, "ncsc", Bundle(Green, (id, "2016-05-01T00:00:00.000Z", "new")), "network");
        var analyst = await factory.ClientForAsync("analist@ncsc.example.nl");
        var url = $"/taxii2/api/collections/network/objects/{id}/";

        using (var r = await DeleteAsync(analyst, url + "?match[version]=2016-05-01T00:00:00.000Z")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var versions = await GetJsonAsync(analyst, url + "versions/");
        Assert.Equal(["2016-04-06T20:03:48.000Z"], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Empty(Ids(await GetJsonAsync(analyst, url + "?match[version]=2016-05-01T00:00:00.000Z")));

        using (var r = await DeleteAsync(analyst, url)) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await GetAsync(analyst, url)) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync((db, _) => db.StixObjectVersions.CountAsync(v => v.StixId == id)));
        Assert.Equal(2, await factory.WithDbAsync((db, _) => db.AuditRecords.CountAsync(a => a.Action == "item.correct")));
    }

    /// <summary>TAXII 2.1 section 5.7: a reader that may not write gets 403, another linking organisation's analyst (object not in its items) 403, an unknown object 404, anonymous 401.</summary>
    [Fact]
    public async Task DeleteObject_NotPublisher_403And404And401()
    {
        using var factory = new SchakelFactory();
        var id = NewIndicatorId();
        await ImportAsync(factory, "ncsc", Bundle(Green, (id, "2016-04-06T20:03:48.000Z", "x")), "network");
        var url = $"/taxii2/api/collections/network/objects/{id}/";
        using (var r = await DeleteAsync(await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl"), url)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await DeleteAsync(await factory.ClientForAsync("analist@z-cert.example.nl"), url)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await DeleteAsync(await factory.ClientForAsync("analist@ncsc.example.nl"), $"/taxii2/api/collections/network/objects/{NewIndicatorId()}/"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await DeleteAsync(Anonymous(factory), url)) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync((db, _) => db.ItemStixObjects.CountAsync()));
    }
}
