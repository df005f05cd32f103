using System.Net;
using Schakel.Features.Taxii;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.Taxii.TaxiiTestData;

namespace Schakel.Tests.Features.Taxii;

/// <summary>TAXII 2.1 section 4.1 (server discovery), 4.2 (API root), 5.1 and 5.2 (collections): what each caller is shown.</summary>
public sealed class TaxiiDiscoveryTests(SchakelFactory factory) : IClassFixture<SchakelFactory>
{
    /// <summary>TAXII 2.1 section 4.1: discovery at /taxii2/ lists the one API root as an absolute URL, also as default.</summary>
    [Fact]
    public async Task GetDiscovery_Anonymous_ListsApiRootAbsolute()
    {
        var discovery = await GetJsonAsync(Anonymous(factory), "/taxii2/");
        var root = discovery.GetProperty("api_roots").EnumerateArray().Single().GetString();
        Assert.Equal("http://localhost/taxii2/api/", root);
        Assert.Equal(root, discovery.GetProperty("default").GetString());
        Assert.Contains("Schakel", discovery.GetProperty("title").GetString());
    }

    /// <summary>TAXII 2.1 section 4.2: the API root states version 2.1 and max_content_length = ThreatIntel:MaxBundleBytes.</summary>
    [Fact]
    public async Task GetApiRoot_Anonymous_VersionsAndMaxContentLength()
    {
        var root = await GetJsonAsync(Anonymous(factory), "/taxii2/api/");
        Assert.Equal(TaxiiTestData.TaxiiType, root.GetProperty("versions").EnumerateArray().Single().GetString());
        Assert.Equal(256L * 1024 * 1024, root.GetProperty("max_content_length").GetInt64());
    }

    /// <summary>TAXII 2.1 section 5.1: an anonymous client sees only the public (CLEAR) collection.</summary>
    [Fact]
    public async Task GetCollections_Anonymous_OnlyPublic()
    {
        var collections = await GetJsonAsync(Anonymous(factory), "/taxii2/api/collections/");
        var only = collections.GetProperty("collections").EnumerateArray().Single();
        Assert.Equal("public", only.GetProperty("alias").GetString());
        Assert.Equal(TaxiiCollectionIds.For("public"), only.GetProperty("id").GetString());
        Assert.True(only.GetProperty("can_read").GetBoolean());
        Assert.False(only.GetProperty("can_write").GetBoolean());
        Assert.Equal("Openbaar (TLP:CLEAR)", only.GetProperty("title").GetString());
    }

    /// <summary>TAXII 2.1 section 5.1: Z-CERT's analyst sees its own constituency collection and may write to it.</summary>
    [Fact]
    public async Task GetCollections_LinkingAnalyst_OwnConstituencyWritable()
    {
        var client = await factory.ClientForAsync("analist@z-cert.example.nl");
        var collections = (await GetJsonAsync(client, "/taxii2/api/collections/")).GetProperty("collections").EnumerateArray().ToList();
        var aliases = collections.Select(c => c.GetProperty("alias").GetString()).ToList();
        Assert.Equal(["public", "inbox", "network"], aliases.Take(3));
        var own = collections.Single(c => c.GetProperty("alias").GetString() == "constituency:z-cert");
        Assert.True(own.GetProperty("can_write").GetBoolean());
        Assert.Contains("org:z-cert", aliases);
        Assert.DoesNotContain(aliases, a => a!.StartsWith("constituency:", StringComparison.Ordinal) && a != "constituency:z-cert");
        Assert.False(collections.Single(c => c.GetProperty("alias").GetString() == "inbox").GetProperty("can_write").GetBoolean());
        Assert.True(collections.Single(c => c.GetProperty("alias").GetString() == "public").GetProperty("can_write").GetBoolean());
    }

    /// <summary>TAXII 2.1 section 5.1: a member sees network, its sectors and its linking organisations' constituencies, none writable.</summary>
    [Fact]
    public async Task GetCollections_Member_SectorsAndLinkingConstituenciesReadOnly()
    {
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        var collections = (await GetJsonAsync(client, "/taxii2/api/collections/")).GetProperty("collections").EnumerateArray().ToList();
        var aliases = collections.Select(c => c.GetProperty("alias").GetString()!).ToList();
        Assert.Contains("network", aliases);
        Assert.Contains("sector:health", aliases);
        Assert.Contains("constituency:z-cert", aliases);
        Assert.Contains("org:ziekenhuis-rijnoever", aliases);
        Assert.All(collections, c => Assert.False(c.GetProperty("can_write").GetBoolean()));
    }

    /// <summary>TAXII 2.1 section 5.2: a collection by id; English titles when Accept-Language prefers English; 404 for another's collection.</summary>
    [Fact]
    public async Task GetCollection_ByIdAndLanguage_TitleFollowsAcceptLanguage()
    {
        var client = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,nl;q=0.5");
        var network = await GetJsonAsync(client, $"/taxii2/api/collections/{TaxiiCollectionIds.For("network")}/");
        Assert.Equal("Network", network.GetProperty("title").GetString());
        Assert.Equal(TaxiiCollectionIds.For("network"), network.GetProperty("id").GetString());

        using var other = await GetAsync(client, $"/taxii2/api/collections/{TaxiiCollectionIds.For("org:ncsc")}/");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    /// <summary>TAXII 2.1 section 2 (identifier: RFC 4122 version 4 UUID): collection ids are stable and version 4 shaped.</summary>
    [Fact]
    public void CollectionIds_SameKey_SameVersion4Id()
    {
        Assert.Equal(TaxiiCollectionIds.For("network"), TaxiiCollectionIds.For("network"));
        Assert.NotEqual(TaxiiCollectionIds.For("network"), TaxiiCollectionIds.For("public"));
        Assert.Equal('4', TaxiiCollectionIds.For("sector:health")[14]);
    }
}
