using System.Net;
using System.Text;
using System.Text.Json;
using Schakel.Stix.Taxii;

namespace Schakel.Stix.Tests.Taxii;

/// <summary>
/// TAXII 2.1 sections 4.1 (discovery), 4.2 (API root), 4.3 (status), 5.1 (collections), 5.5 (add objects), 1.6.8 (media
/// types), 1.6.9 and 8.5.1 (Basic authentication; bearer tokens) and 3.6 (errors), against <see cref="CannedTaxiiServer"/>.
/// </summary>
public sealed class TaxiiClientServerTests
{
    private static Task<CannedTaxiiServer> StartAsync() => CannedTaxiiServer.StartAsync(TaxiiClientPagingTests.MicrosecondEntries(3));

    [Fact]
    public async Task ResolveApiRoot_DiscoveryUrlOrApiRoot_TheDefaultApiRootAbsolute()
    {
        await using var server = await StartAsync();
        var client = new TaxiiClient(new HttpClient());
        Assert.Equal(server.ApiRoot, await client.ResolveApiRootAsync(server.Discovery));
        Assert.Equal(server.ApiRoot, await client.ResolveApiRootAsync(new Uri(server.BaseUrl + "/trustgroup1")));
        var discovery = await client.GetDiscoveryAsync(server.Discovery);
        Assert.Equal(["/trustgroup1/", "/api2/"], discovery.ApiRoots!);
        var root = await client.GetApiRootAsync(server.ApiRoot);
        Assert.Contains(TaxiiMediaTypes.Taxii, root.Versions);
        Assert.Equal(9765625, root.MaxContentLength);
    }

    [Fact]
    public async Task GetCollections_ApiRoot_ListsTheCollectionWithItsAlias()
    {
        await using var server = await StartAsync();
        var collection = Assert.Single(await new TaxiiClient(new HttpClient()).GetCollectionsAsync(server.ApiRoot));
        Assert.Equal((CannedTaxiiServer.CollectionId, "hvi", true, true), (collection.Id, collection.Alias, collection.CanRead, collection.CanWrite));
    }

    [Fact]
    public async Task Requests_WithoutCredentials_401WithTheServersTaxiiErrorMessage()
    {
        await using var server = await StartAsync();
        server.RequiredAuthorization = "Bearer secret-token";
        var e = await Assert.ThrowsAsync<TaxiiException>(() => new TaxiiClient(new HttpClient()).GetObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId));
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Equal("Authentication required", e.Error?.Title);
        Assert.False(e.IsTransient);
        Assert.Contains("401", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_BearerOrBasic_AcceptedWhenTheServerExpectsThem()
    {
        await using var server = await StartAsync();
        server.RequiredAuthorization = "Bearer secret-token";
        var page = await new TaxiiClient(new HttpClient(), TaxiiCredentials.Bearer("secret-token")).GetObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId);
        Assert.Equal(3, page.Objects.Count);

        server.RequiredAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("z-cert:geheim"));
        var basic = await new TaxiiClient(new HttpClient(), TaxiiCredentials.From("geheim", "z-cert")).GetObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId);
        Assert.Equal(3, basic.Objects.Count);
    }

    [Fact]
    public async Task Requests_RedirectOffTheOrigin_RefusedSameOriginFollowed()
    {
        await using var server = await StartAsync();
        var client = new TaxiiClient(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }), TaxiiCredentials.Bearer("t"));
        var e = await Assert.ThrowsAsync<TaxiiException>(() => client.GetApiRootAsync(new Uri(server.BaseUrl + "/moved-away/")));
        Assert.Contains("leaves the server's origin", e.Message, StringComparison.Ordinal);
        Assert.Equal("Malware Research Group", (await client.GetApiRootAsync(new Uri(server.BaseUrl + "/moved-here/"))).Title);
    }

    [Fact]
    public async Task Requests_AnswerLargerThanTheLimit_RefusedBeforeParsing()
    {
        await using var server = await StartAsync();
        var client = new TaxiiClient(new HttpClient(), null, new TaxiiClientOptions { MaxResponseBytes = 200 });
        var e = await Assert.ThrowsAsync<TaxiiException>(() => client.GetObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId));
        Assert.Contains("limit of 200", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_NetworkError_TransientTaxiiException()
    {
        var e = await Assert.ThrowsAsync<TaxiiException>(() => new TaxiiClient(new HttpClient()).GetApiRootAsync(new Uri("http://127.0.0.1:1/api/")));
        Assert.True(e.IsTransient);
        Assert.Null(e.Status);
    }

    [Fact]
    public async Task AddObjects_Envelope_Posted202StatusThenPolledUntilComplete()
    {
        await using var server = await StartAsync();
        var client = new TaxiiClient(new HttpClient());
        var objects = server.Entries.Select(e => e.Json).ToList();
        var status = await client.AddObjectsAsync(server.ApiRoot, CannedTaxiiServer.CollectionId, objects);
        Assert.Equal("pending", status.Status);

        var posted = Assert.Single(server.Posted);
        using (var doc = JsonDocument.Parse(posted))
            Assert.Equal(objects, doc.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetRawText()));

        var done = await client.WaitForStatusAsync(server.ApiRoot, status, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10));
        Assert.Equal(("complete", 1, 0), (done.Status, done.SuccessCount, done.PendingCount));
    }
}
