using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.Taxii.TaxiiTestData;

namespace Schakel.Tests.Features.Taxii;

/// <summary>
/// TAXII 2.1 section 3.4 (<c>added_after</c>: objects added to the collection after that time) for collections that are
/// per reader: when an item becomes visible to a reader later (a forward, a looser label), its objects are added to that
/// reader's collections then — all of them, unversioned objects and earlier versions too — so a client that pulls
/// incrementally gets them. And a retracted item shows only its revoked versions (STIX 2.1 section 3.6), not its content.
/// </summary>
public sealed class TaxiiReaderChangeTests
{
    private const string Inbox = "/taxii2/api/collections/inbox/objects/";

    /// <summary>The bundle with an unversioned SCO (no created/modified) after its indicators.</summary>
    private static string WithAddress(string bundle, string address) =>
        bundle[..bundle.LastIndexOf("]}", StringComparison.Ordinal)] + $",{{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"{address}\",\"value\":\"203.0.113.9\"}}]}}";

    private static async Task<(List<string> Ids, string? Last)> ObjectsAsync(HttpClient client, string url)
    {
        using var response = await GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var ids = body.TryGetProperty("objects", out var objects) ? objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList() : [];
        return (ids, response.Headers.TryGetValues("X-TAXII-Date-Added-Last", out var last) ? last.Single() : null);
    }

    /// <summary>Section 3.4: an item forwarded to Z-CERT after Z-CERT's last pull is listed after that pull's cursor, with its SCO.</summary>
    [Fact]
    public async Task GetObjects_ItemForwardedAfterCursor_ListedAfterItWithUnversionedObjects()
    {
        using var factory = new SchakelFactory();
        var indicator = NewIndicatorId();
        var address = $"ipv4-addr--{Guid.NewGuid()}";
        var forwarded = await ImportAsync(factory, "ncsc", WithAddress(Bundle(Green, (indicator, "2024-01-01T00:00:00.000Z", "voor IBD")), address), "org:ibd");
        var seen = NewIndicatorId();
        await ImportAsync(factory, "ncsc", Bundle(Green, (seen, "2024-01-01T00:00:00.000Z", "voor Z-CERT")), "org:z-cert");

        using var zcert = await factory.ClientForAsync("analist@z-cert.example.nl");
        var (before, cursor) = await ObjectsAsync(zcert, Inbox);
        Assert.Contains(seen, before);
        Assert.DoesNotContain(indicator, before);
        Assert.NotNull(cursor);

        using var ibd = await factory.ClientForAsync("analist@ibd.example.nl");
        using (var forward = await ibd.PostAsJsonAsync($"/api/v1/items/{forwarded}/forward", new { audience = new[] { "org:z-cert" } }))
            Assert.True(forward.IsSuccessStatusCode, await forward.Content.ReadAsStringAsync());

        var (after, _) = await ObjectsAsync(zcert, $"{Inbox}?added_after={Uri.EscapeDataString(cursor!)}");
        Assert.Equal([indicator, address], after);
    }

    /// <summary>Section 3.4 with a looser label: the public collection lists a relaxed item's earlier version and SCO too, after the cursor.</summary>
    [Fact]
    public async Task GetObjects_ItemRelaxedToClear_PublicListsEveryVersionAndScoAfterCursor()
    {
        using var factory = new SchakelFactory();
        await ImportAsync(factory, "ncsc", Bundle(Clear, (NewIndicatorId(), "2024-01-01T00:00:00.000Z", "openbaar")), "network");
        var indicator = NewIndicatorId();
        var address = $"ipv4-addr--{Guid.NewGuid()}";
        var item = await ImportAsync(factory, "ncsc", WithAddress(Bundle(Green, (indicator, "2024-01-01T00:00:00.000Z", "eerst GROEN")), address), "network");
        using var anonymous = factory.CreateClient();
        var (before, cursor) = await ObjectsAsync(anonymous, "/taxii2/api/collections/public/objects/?match[version]=all");
        Assert.DoesNotContain(indicator, before);

        using var ncsc = await factory.ClientForAsync("analist@ncsc.example.nl");
        using (var relabel = await ncsc.PostAsJsonAsync($"/api/v1/items/{item}/relabel", new { tlp = "CLEAR" }))
            Assert.True(relabel.IsSuccessStatusCode, await relabel.Content.ReadAsStringAsync());

        var (after, _) = await ObjectsAsync(anonymous, $"/taxii2/api/collections/public/objects/?match[version]=all&added_after={Uri.EscapeDataString(cursor!)}");
        // The item's version as imported, its SCO, and the new version the relabel made (marked CLEAR).
        Assert.Equal([indicator, address, indicator], after);
    }

    /// <summary>STIX 2.1 section 3.6 over TAXII 2.1 section 5.4: after a retraction only the revoked versions are served; the content before it and the SCO are not.</summary>
    [Fact]
    public async Task GetObjects_ItemRetracted_OnlyRevokedVersionsServed()
    {
        using var factory = new SchakelFactory();
        var indicator = NewIndicatorId();
        var address = $"ipv4-addr--{Guid.NewGuid()}";
        var item = await ImportAsync(factory, "ncsc", WithAddress(Bundle(Green, (indicator, "2024-01-01T00:00:00.000Z", "geheim")), address), "network");
        using var ncsc = await factory.ClientForAsync("analist@ncsc.example.nl");
        using (var retract = await ncsc.PostAsJsonAsync($"/api/v1/items/{item}/retract", new { reason = "Test: onjuist." }))
            Assert.True(retract.IsSuccessStatusCode, await retract.Content.ReadAsStringAsync());

        using var zcert = await factory.ClientForAsync("analist@z-cert.example.nl");
        var versions = await GetJsonAsync(zcert, $"/taxii2/api/collections/network/objects/?match[id]={indicator}&match[version]=all");
        var served = Assert.Single(versions.GetProperty("objects").EnumerateArray());
        Assert.True(served.GetProperty("revoked").GetBoolean());
        var (sco, _) = await ObjectsAsync(zcert, $"/taxii2/api/collections/network/objects/?match[id]={address}");
        Assert.Empty(sco);
        using var single = await GetAsync(zcert, $"/taxii2/api/collections/network/objects/{address}/");
        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
    }
}
