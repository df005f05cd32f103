using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Schakel.Tests.Infrastructure;
using static Schakel.Tests.Features.ThreatIntel.StixTestData;

namespace Schakel.Tests.Features.ThreatIntel;

/// <summary>
/// <c>POST /api/v1/threat-intel</c>, <c>GET /api/v1/items/{id}/stix</c> and <c>/stix/original</c>: DESIGN.md section 3a (one
/// import is one item, objects stored one by one with their versions, visibility per item), section 3 (label from the
/// markings, unknown markings fail closed), STIX 2.1 section 3.6 (versioning and revocation) and section 8 (bundles).
/// </summary>
public sealed class ThreatIntelApiTests(SchakelFactory factory) : IClassFixture<SchakelFactory>
{
    private const string Ncsc = "analist@ncsc.example.nl", ZcertAnalyst = "analist@z-cert.example.nl";
    private const string HospitalReader = "lezer@ziekenhuis-rijnoever.example.nl", OtherMember = "ciso@gemeente-veldhoven-aan-zee.example.nl";

    /// <summary>
    /// Every real bundle becomes one item holding every object of the file (STIX 2.1 section 8; DESIGN.md section 3a); the only
    /// objects not stored are those that reuse an id and version already held with other content (section 3.6).
    /// </summary>
    [DataFact]
    public async Task PostThreatIntel_EveryRealBundle_OneItemHoldingEveryObject()
    {
        var client = await factory.ClientForAsync(ZcertAnalyst);
        // Some examples reuse an SCO id with other content (in one file, or across files): those are conflicts.
        var conflicts = new ConflictCounter();
        foreach (var file in RealBundles())
        {
            var bytes = await File.ReadAllBytesAsync(TestEnvironment.Data("stix", "bundles", file));
            var objects = ObjectsOf(bytes);
            // The interop file is marked TLP:RED (and an unknown marking): RED goes to named people only.
            var red = objects.Any(o => o["object_marking_refs"]?.ToJsonString().Contains("5e57c739-391a-4eb3-b6be-7d15ca92d5ed", StringComparison.Ordinal) == true);
            using var response = await client.PostStixAsync(bytes, null, red ? ["person:ict@ziekenhuis-rijnoever.example.nl"] : ["constituency:z-cert"]);
            var answer = await response.JsonAsync(HttpStatusCode.Created);
            var counts = answer.GetProperty("counts");
            int Count(string name) => counts.GetProperty(name).GetInt32();
            Assert.True(objects.Count == Count("added") + Count("newVersions") + Count("earlierVersions") + Count("unchanged") + Count("conflicts") + Count("invalid"), file);
            // Exactly the objects the STIX 2.1 validator refuses are invalid (the python-stix2 SCO examples truncate three artifacts' payload_bin).
            var invalid = InvalidIds(bytes);
            Assert.True(objects.Count(o => invalid.Contains(o["id"]!.GetValue<string>())) == Count("invalid"), $"{file}: {answer}");
            Assert.True(conflicts.Add(bytes) == Count("conflicts"), $"{file}: {answer}");
            Assert.Equal(red ? "RED" : "AMBER", answer.GetProperty("tlp").GetString());

            var itemId = answer.GetProperty("itemId").GetGuid();
            using var bundle = await client.GetAsync($"/api/v1/items/{itemId}/stix");
            Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
            Assert.Equal("application/stix+json", bundle.Content.Headers.ContentType!.MediaType);
            var served = ObjectsOf(await bundle.Content.ReadAsByteArrayAsync()).Select(o => o["id"]!.GetValue<string>()).ToHashSet();
            // Every object of the file, except those refused and those whose only copy here was a conflict (the held content belongs to other items).
            var held = answer.GetProperty("objects").EnumerateArray().Where(o => o.GetProperty("outcome").GetString() is not ("conflict" or "invalid"))
                .Select(o => o.GetProperty("id").GetString()!).ToHashSet();
            Assert.True(held.SetEquals(served), file);
        }
    }

    /// <summary>
    /// DESIGN.md section 3: the strictest marking wins and an unknown marking counts as AMBER+STRICT and is reported. The interop
    /// file carries TLP 1.0 RED beside the unknown marking, so the item is RED (stricter than AMBER+STRICT), with the warning.
    /// </summary>
    [DataFact]
    public async Task PostThreatIntel_UnknownMarkingBesideRed_RedWithWarning()
    {
        var client = await factory.ClientForAsync(Ncsc);
        var bytes = await File.ReadAllBytesAsync(TestEnvironment.Data("stix", "bundles", "oasis-examples", "interop-objectmarking-test.json"));
        using var response = await client.PostStixAsync(bytes, null, ["person:ict@ziekenhuis-rijnoever.example.nl"]);
        var answer = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("RED", answer.GetProperty("tlp").GetString());
        Assert.Contains(answer.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains(UnknownMarking, StringComparison.Ordinal));

        // Without RED present, the unknown marking alone holds the content as AMBER+STRICT.
        var unknownOnly = Encoding.UTF8.GetString(bytes).Replace("\"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed\",", "", StringComparison.Ordinal)
            .Replace("\"id\": \"campaign--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061\"", $"\"id\": \"campaign--{Guid.NewGuid()}\"", StringComparison.Ordinal);
        using var strict = await client.PostStixAsync(unknownOnly, null, "org:nctv");
        var strictAnswer = await strict.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("AMBER+STRICT", strictAnswer.GetProperty("tlp").GetString());
        Assert.Contains(strictAnswer.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains(UnknownMarking, StringComparison.Ordinal));
    }

    /// <summary>
    /// STIX 2.1 section 3.6: a later <c>modified</c> is a new version that becomes current, the earlier stays as history; the same
    /// version again changes nothing; the same version with other content is a conflict; a revoked version shows as revoked.
    /// Timestamps keep their full precision (section 3.2).
    /// </summary>
    [Fact]
    public async Task PostThreatIntel_VersionsOfOneObject_NewCurrentSameUnchangedConflictReportedRevokedServed()
    {
        var client = await factory.ClientForAsync(Ncsc);
        var id = NewIndicatorId();
        var v1 = Bundle(id, "2016-04-06T20:03:48.000Z", "v1", marking: Tlp2Green);
        var first = await (await client.PostStixAsync(v1, null, "network")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("added", OnlyOutcome(first));
        Assert.Equal("GREEN", first.GetProperty("tlp").GetString());
        Assert.Equal("Published", first.GetProperty("status").GetString());

        var second = await (await client.PostStixAsync(Bundle(id, "2016-04-07T20:03:48.123456789Z", "v2"), "GREEN", "network")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("new-version", OnlyOutcome(second));
        Assert.Equal("2016-04-07T20:03:48.123456789Z", second.GetProperty("objects")[0].GetProperty("version").GetString());

        // The very same bytes again: the same item, nothing changed (200).
        var again = await (await client.PostStixAsync(v1, null, "network")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("unchanged", again.GetProperty("outcome").GetString());
        Assert.Equal(first.GetProperty("itemId").GetGuid(), again.GetProperty("itemId").GetGuid());
        // The same version in another bundle: a new item, the object unchanged.
        var same = await (await client.PostStixAsync(Bundle(id, "2016-04-06T20:03:48.000Z", "v1", marking: Tlp2Green), null, "network")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("unchanged", OnlyOutcome(same));

        var conflict = await (await client.PostStixAsync(Bundle(id, "2016-04-06T20:03:48.000Z", "v1 changed", marking: Tlp2Green), null, "network")).JsonAsync(HttpStatusCode.Created);
        var row = Assert.Single(conflict.GetProperty("objects").EnumerateArray().ToList());
        Assert.Equal("conflict", row.GetProperty("outcome").GetString());
        Assert.Contains("different content", row.GetProperty("message").GetString());
        Assert.Equal(1, conflict.GetProperty("counts").GetProperty("conflicts").GetInt32());

        var revoked = await (await client.PostStixAsync(Bundle(id, "2016-04-08T00:00:00.100000Z", "v3", revoked: true), "GREEN", "network")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("new-version", OnlyOutcome(revoked));

        // The first item's bundle now serves the newest version the caller may see: the revoked one; all versions on request.
        var itemId = first.GetProperty("itemId").GetGuid();
        var current = Assert.Single(ObjectsOf(await client.GetByteArrayAsync($"/api/v1/items/{itemId}/stix")));
        Assert.Equal("2016-04-08T00:00:00.100000Z", current["modified"]!.GetValue<string>());
        Assert.True(current["revoked"]!.GetValue<bool>());
        var all = ObjectsOf(await client.GetByteArrayAsync($"/api/v1/items/{itemId}/stix?versions=all"));
        Assert.Equal(["2016-04-06T20:03:48.000Z", "2016-04-07T20:03:48.123456789Z", "2016-04-08T00:00:00.100000Z"], all.Select(o => o["modified"]!.GetValue<string>()));
        Assert.Equal("v1", all[0]["name"]!.GetValue<string>()); // the conflicting content was not stored
        using var badVersions = await client.GetAsync($"/api/v1/items/{itemId}/stix?versions=last");
        Assert.Equal(HttpStatusCode.BadRequest, badVersions.StatusCode);
    }

    /// <summary>RFC 8259 section 8.1: a UTF-8 byte order mark may be ignored; the original keeps it. A bare array of objects is read too.</summary>
    [Fact]
    public async Task PostThreatIntel_ByteOrderMarkOrBareArray_ImportedOriginalKept()
    {
        var client = await factory.ClientForAsync(Ncsc);
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Bundle(NewIndicatorId(), "2016-04-06T20:03:48.000Z", "bom"))).ToArray();
        var answer = await (await client.PostStixAsync(withBom, "GREEN", ["network"])).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("added", OnlyOutcome(answer));
        Assert.Equal(withBom, await client.GetByteArrayAsync($"/api/v1/items/{answer.GetProperty("itemId").GetGuid()}/stix/original"));

        var array = $$"""[{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--{{Guid.NewGuid()}}","value":"198.51.100.9"}]""";
        Assert.Equal("added", OnlyOutcome(await (await client.PostStixAsync(array, "GREEN", "network")).JsonAsync(HttpStatusCode.Created)));
    }

    /// <summary>Rejections: 422 with reasons (nothing stored), 415 for another media type, 401 anonymous, 403 for non-publishers, 400 for a bad label.</summary>
    [Fact]
    public async Task PostThreatIntel_Refusals_ProblemDetailsAndNothingStored()
    {
        var before = await factory.WithDbAsync((db, _) => db.Items.CountAsync());
        var client = await factory.ClientForAsync(Ncsc);
        var notJson = await (await client.PostStixAsync("{ not json")).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Not JSON", notJson.GetProperty("detail").GetString());
        Assert.NotEmpty(notJson.GetProperty("errors").EnumerateArray());

        // Every object invalid: 422 listing each object with its reason.
        var invalid = await (await client.PostStixAsync("""{"type":"bundle","id":"bundle--6ec5a6e6-6a3c-4b0d-a1a1-0d2d4b1c5e11","objects":[{"type":"indicator","id":"malware--6ec5a6e6-6a3c-4b0d-a1a1-0d2d4b1c5e11","spec_version":"2.1"}]}"""))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        var reason = Assert.Single(invalid.GetProperty("objects").EnumerateArray().ToList());
        Assert.Equal("invalid", reason.GetProperty("outcome").GetString());
        Assert.Contains("[2.9] /id", reason.GetProperty("message").GetString());

        var looser = await (await client.PostStixAsync(Bundle(NewIndicatorId(), "2016-04-06T20:03:48.000Z", "x", marking: Tlp2Green), "CLEAR", "network"))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("never looser", looser.GetProperty("detail").GetString());

        using var xml = await client.PostStixAsync(Encoding.UTF8.GetBytes("<stix/>"), null, [], "application/xml");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        using var badTlp = await client.PostStixAsync(Bundle(NewIndicatorId(), "2016-04-06T20:03:48.000Z", "x"), "PURPLE");
        Assert.Equal(HttpStatusCode.BadRequest, badTlp.StatusCode);
        using var reader = await (await factory.ClientForAsync(HospitalReader)).PostStixAsync(Bundle(NewIndicatorId(), "2016-04-06T20:03:48.000Z", "x"));
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        using var anonymous = await factory.CreateClient().PostStixAsync(Bundle(NewIndicatorId(), "2016-04-06T20:03:48.000Z", "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(before, await factory.WithDbAsync((db, _) => db.Items.CountAsync()));
    }

    /// <summary>DESIGN.md section 3: the item's STIX is read through ItemAccess — 404 for a reader of another organisation, like an unknown id.</summary>
    [Fact]
    public async Task GetItemStix_ReaderOfAnotherOrganisation_NotFoundAudienceReadsOriginalByteForByte()
    {
        var publisher = await factory.ClientForAsync(ZcertAnalyst);
        var body = Encoding.UTF8.GetBytes(Bundle(NewIndicatorId(), "2016-04-06T20:03:48.000Z", "amber for the hospital") + "\n  ");
        var answer = await (await publisher.PostStixAsync(body, "AMBER", ["org:ziekenhuis-rijnoever"])).JsonAsync(HttpStatusCode.Created);
        var itemId = answer.GetProperty("itemId").GetGuid();

        var hospital = await factory.ClientForAsync(HospitalReader);
        using var original = await hospital.GetAsync($"/api/v1/items/{itemId}/stix/original");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(body, await original.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await hospital.GetAsync($"/api/v1/items/{itemId}/stix")).StatusCode);

        var other = await factory.ClientForAsync(OtherMember);
        foreach (var path in new[] { $"/api/v1/items/{itemId}/stix", $"/api/v1/items/{itemId}/stix/original" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync(path)).StatusCode);
        }

        // An advisory is not a threat-intelligence item: no STIX.
        var advisory = await factory.WithDbAsync((db, _) => db.Items.Where(i => i.Kind == Schakel.Features.Sharing.ItemKind.Advisory).Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
        if (advisory is { } a) Assert.Equal(HttpStatusCode.NotFound, (await publisher.GetAsync($"/api/v1/items/{a}/stix")).StatusCode);
    }

    /// <summary>The item page lists the objects with the full-precision version text and a revoked badge (STIX 2.1 sections 3.2 and 3.6).</summary>
    [Fact]
    public async Task ItemPage_RevokedVersion_ShowsRevokedFullPrecisionAndHistory()
    {
        var client = await factory.ClientForAsync(Ncsc);
        var id = NewIndicatorId();
        await (await client.PostStixAsync(Bundle(id, "2016-04-06T20:03:48.000Z", "page v1"), "GREEN", "network")).JsonAsync(HttpStatusCode.Created);
        var answer = await (await client.PostStixAsync(Bundle(id, "2016-04-07T20:03:48.123456789Z", "page v2", revoked: true), "GREEN", "network")).JsonAsync(HttpStatusCode.Created);
        var html = await client.GetStringAsync($"/items/{answer.GetProperty("itemId").GetGuid()}");
        Assert.Contains("2016-04-07T20:03:48.123456789Z", html);
        Assert.Contains("Ingetrokken", html);
        Assert.Contains("page v2", html);
        Assert.Contains("2 versies", html);
        Assert.Contains("2016-04-06T20:03:48.000Z", html); // in the history
        Assert.Contains($"/api/v1/items/{answer.GetProperty("itemId").GetGuid()}/stix/original", html);
    }

    /// <summary>An item with more objects than one page shows a page of them and links to the next (DESIGN.md section 3a: fast for thousands of objects).</summary>
    [Fact]
    public async Task ItemPage_ManyObjects_Paged()
    {
        var client = await factory.ClientForAsync(Ncsc);
        var objects = Enumerable.Range(0, 250).Select(i => $$"""{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--{{Guid.NewGuid()}}","value":"198.51.{{i / 256}}.{{i % 256}}"}""");
        var answer = await (await client.PostStixAsync($$"""{"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{{string.Join(',', objects)}}]}""", "GREEN", "network"))
            .JsonAsync(HttpStatusCode.Created);
        var itemId = answer.GetProperty("itemId").GetGuid();
        var first = await client.GetStringAsync($"/items/{itemId}");
        Assert.Contains("STIX-objecten (250)", first);
        Assert.Equal(100, CountRows(first));
        Assert.Contains($"/items/{itemId}?objects=2", first);
        var last = await client.GetStringAsync($"/items/{itemId}?objects=3");
        Assert.Equal(50, CountRows(last));
    }

    private static int CountRows(string html)
    {
        var table = html[html.IndexOf("id=\"stix-objects\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        return System.Text.RegularExpressions.Regex.Matches(table, "<tr class=\"utrecht-table__row\">").Count - 1; // minus the header row
    }
}
