using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;

namespace Schakel.Tests.Features.Authorisation;

/// <summary>
/// The matrix's threat-intelligence items: the same specs as <see cref="AuthorisationMatrix.Items"/> (label, publisher,
/// audience, who sees them), imported as STIX bundles, so that the STIX pages and endpoints are checked against the same rules.
/// </summary>
public sealed partial class MatrixFixture
{
    /// <summary>Threat-intelligence item per spec name.</summary>
    public Dictionary<string, Guid> StixItemIds { get; } = [];

    /// <summary>Imports an item of <paramref name="spec"/> as a one-object STIX bundle titled with the spec's mark; returns its id.</summary>
    public Task<Guid> PublishStixAsync(ItemSpec spec) => Factory.WithDbAsync(async (db, sp) =>
    {
        var publisher = await db.Users.SingleAsync(u => u.Email == spec.Publisher);
        var specs = spec.Audience.Select(a => AudienceSpec.TryParse(a, out var s, out var e) ? s : throw new ArgumentException(e)).ToList();
        Assert.True(TlpLabels.TryParse(spec.Tlp, out var tlp), spec.Tlp);
        var result = await sp.GetRequiredService<ThreatIntelImporter>().ImportAsync(StixBundle(),
            new ThreatIntelImportRequest(publisher.OrganisationId, publisher.Id, tlp, specs) { Title = $"{spec.TitleMark}{Next()} STIX" });
        Assert.True(result.ItemId is not null, $"{spec.Name}: {string.Join("; ", result.Errors)}");
        return result.ItemId!.Value;
    });

    /// <summary>Imports the STIX items of every spec; called once the advisories exist.</summary>
    public async Task PublishStixItemsAsync()
    {
        foreach (var spec in AuthorisationMatrix.Items) StixItemIds[spec.Name] = await PublishStixAsync(spec);
    }

    /// <summary>A bundle with one new unmarked indicator (so any label may be chosen).</summary>
    public static byte[] StixBundle() => Encoding.UTF8.GetBytes($$"""
        {"type":"bundle","id":"bundle--{{Guid.NewGuid()}}","objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--{{Guid.NewGuid()}}",
         "created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"Matrix","pattern":"[ipv4-addr:value = '198.51.100.7']",
         "pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}]}
        """);
}

/// <summary>Subjects and bodies of the threat-intelligence rows.</summary>
public static class MatrixThreatIntel
{
    /// <summary>The STIX item of each spec (the unknown one: an id nobody has).</summary>
    public static Subject[] StixItemSubjects(MatrixFixture fx) =>
        [.. AuthorisationMatrix.Items.Select(i => new Subject("stix " + i.Name, _ => fx.StixItemIds.TryGetValue(i.Name, out var id) && i.Name != "unknown" ? id.ToString() : "0b5e0b5e-0000-4000-8000-000000000001", i))];

    /// <summary>A new bundle each call, stored as a draft (no audience), so a success widens nothing.</summary>
    public static readonly Func<Call, Task<HttpContent?>> Stix = _ =>
    {
        var content = new ByteArrayContent(MatrixFixture.StixBundle());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/stix+json");
        return Task.FromResult<HttpContent?>(content);
    };

    /// <summary>The upload page's form with a new bundle, saved as a draft.</summary>
    public static readonly Func<Call, Task<HttpContent?>> Upload = c =>
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(c.Caller.Antiforgery), "__RequestVerificationToken" },
            { new StringContent("draft"), "Action" },
        };
        var file = new ByteArrayContent(MatrixFixture.StixBundle());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "Document", "matrix.json");
        return Task.FromResult<HttpContent?>(form);
    };
}
