using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.Taxii.TaxiiRequests;
using static Schakel.Tests.Features.Taxii.TaxiiTestData;

namespace Schakel.Tests.Features.Taxii;

/// <summary>TAXII 2.1 section 5.5 (add objects) and section 4.3 (get status).</summary>
public sealed class TaxiiAddObjectsTests
{
    /// <summary>TAXII 2.1 sections 5.5 and 4.3: an envelope posted to Z-CERT's constituency collection becomes one item of Z-CERT, labelled by its markings, published to that audience; the status is complete.</summary>
    [Fact]
    public async Task PostObjects_ToOwnConstituency_OneItemWithLabelAndAudience()
    {
        using var factory = new SchakelFactory();
        var client = await factory.ClientForAsync("analist@z-cert.example.nl");
        var (a, b) = (NewIndicatorId(), NewIndicatorId());
        using var response = await PostEnvelopeAsync(client, "constituency:z-cert", Envelope(Bundle(Amber, (a, "2016-04-06T20:03:48.000Z", "a"), (b, "2016-04-06T20:03:48.123456Z", "b"))));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("complete", status.GetProperty("status").GetString());
        Assert.Equal(2, status.GetProperty("total_count").GetInt32());
        Assert.Equal(2, status.GetProperty("success_count").GetInt32());
        Assert.Equal(0, status.GetProperty("failure_count").GetInt32());
        Assert.False(status.TryGetProperty("failures", out _));
        Assert.Contains(status.GetProperty("successes").EnumerateArray(), s => s.GetProperty("id").GetString() == b && s.GetProperty("version").GetString() == "2016-04-06T20:03:48.123456Z");

        var item = await factory.WithDbAsync((db, _) => db.Items.Include(i => i.Audience).Include(i => i.PublisherOrganisation).SingleAsync(i => i.Kind == ItemKind.ThreatIntel));
        Assert.Equal("z-cert", item.PublisherOrganisation.Key);
        Assert.Equal(Tlp.Amber, item.Tlp);
        Assert.Equal(ItemStatus.Published, item.Status);
        Assert.Equal("constituency:z-cert", Assert.Single(item.Audience).Kind == AudienceKind.Constituency ? "constituency:" + item.Audience[0].Value : "");

        // The status is there for Z-CERT later, not for another organisation.
        var statusUrl = $"/taxii2/api/status/{status.GetProperty("id").GetString()}/";
        var again = await GetJsonAsync(client, statusUrl);
        Assert.Equal(2, again.GetProperty("success_count").GetInt32());
        using var foreign = await GetAsync(await factory.ClientForAsync("analist@ibd.example.nl"), statusUrl);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        // A member of the constituency reads it there; the same envelope again is no error (section 5.5: exact duplicates).
        var member = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        Assert.Contains(a, Ids(await GetJsonAsync(member, "/taxii2/api/collections/constituency:z-cert/objects/")));
        using var duplicate = await PostEnvelopeAsync(client, "constituency:z-cert", Envelope(Bundle(Amber, (a, "2016-04-06T20:03:48.000Z", "a"))));
        var dup = JsonDocument.Parse(await duplicate.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, dup.GetProperty("success_count").GetInt32());
    }

    /// <summary>TAXII 2.1 section 5.5: to the public collection the item is CLEAR; content marked stricter is refused, every object a failure.</summary>
    [Fact]
    public async Task PostObjects_ToPublic_ClearOrAllFailures()
    {
        using var factory = new SchakelFactory();
        var client = await factory.ClientForAsync("analist@ncsc.example.nl");
        var clear = NewIndicatorId();
        using (var ok = await PostEnvelopeAsync(client, "public", Envelope(Bundle(null, (clear, "2016-04-06T20:03:48.000Z", "c")))))
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Contains(clear, Ids(await GetJsonAsync(Anonymous(factory), "/taxii2/api/collections/public/objects/")));

        var green = NewIndicatorId();
        using var refused = await PostEnvelopeAsync(client, "public", Envelope(Bundle(Green, (green, "2016-04-06T20:03:48.000Z", "g"))));
        Assert.Equal(HttpStatusCode.Accepted, refused.StatusCode);
        var status = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, status.GetProperty("success_count").GetInt32());
        var failure = status.GetProperty("failures").EnumerateArray().Single();
        Assert.Equal(green, failure.GetProperty("id").GetString());
        Assert.Contains("stricter", failure.GetProperty("message").GetString());
        Assert.DoesNotContain(green, Ids(await GetJsonAsync(Anonymous(factory), "/taxii2/api/collections/public/objects/")));
    }

    /// <summary>TAXII 2.1 section 5.5: a member (may not publish) gets 403; the inbox is never writable; anonymous 401; a bundle instead of an envelope 422; wrong type 415.</summary>
    [Fact]
    public async Task PostObjects_NotAllowedOrMalformed_TaxiiErrors()
    {
        using var factory = new SchakelFactory();
        var envelope = Envelope(Bundle(Green, (NewIndicatorId(), "2016-04-06T20:03:48.000Z", "x")));
        var member = await factory.ClientForAsync("ict@ziekenhuis-rijnoever.example.nl");
        using (var r = await PostEnvelopeAsync(member, "network", envelope)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var analyst = await factory.ClientForAsync("analist@ncsc.example.nl");
        using (var r = await PostEnvelopeAsync(analyst, "inbox", envelope)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await PostEnvelopeAsync(Anonymous(factory), "public", envelope))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Contains("Basic", r.Headers.WwwAuthenticate.ToString());
        }

        using (var r = await PostEnvelopeAsync(analyst, "network", Bundle(Green, (NewIndicatorId(), "2016-04-06T20:03:48.000Z", "x"))))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        using (var r = await PostEnvelopeAsync(analyst, "network", envelope, "application/json"))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, r.StatusCode);
            Assert.Equal("415", JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("http_status").GetString());
        }

        Assert.Equal(0, await factory.WithDbAsync((db, _) => db.Items.CountAsync(i => i.Kind == ItemKind.ThreatIntel)));
    }
}
