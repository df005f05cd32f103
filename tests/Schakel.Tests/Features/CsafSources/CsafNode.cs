using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Csaf.Authoring;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Advisories;
using Schakel.Features.Advisories.Authoring;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.CsafSources;

/// <summary>
/// A Schakel node for node-to-node tests: the demo network on its own database and with its own CSAF key folder (so
/// that two nodes never share a signing key), optionally served on a real 127.0.0.1 port (Kestrel).
/// </summary>
public sealed class CsafNode : SchakelFactory
{
    public const string NcscAnalyst = "analist@ncsc.example.nl";

    private readonly string _csafFolder = Directory.CreateTempSubdirectory("schakel-csaf-node-").FullName;

    /// <summary><c>http://127.0.0.1:PORT</c> once <see cref="Serve"/> ran.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Starts the node on a free loopback port and returns its base URL (no trailing slash).</summary>
    public string Serve()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return BaseUrl;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Csaf:DataFolder", _csafFolder);
        // Sources are run by the tests themselves, never by the background worker in between.
        builder.UseSetting("CsafSources:WorkerEnabled", "false");
    }

    /// <summary>Writes an advisory with the authoring service as the NCSC analyst (a draft when <paramref name="audience"/> is empty).</summary>
    public Task<(Guid ItemId, string TrackingId)> AuthorAsync(string title, Tlp label, params string[] audience) =>
        WithDbAsync(async (db, sp) =>
        {
            var (viewer, org) = await AnalystAsync(db, sp);
            var advisory = Sample(title, label);
            var result = await sp.GetRequiredService<AdvisoryAuthoring>().CreateAsync(viewer, org, advisory, "Eerste versie.", label, Audience(audience), BaseUrl, CancellationToken.None);
            Assert.True(result.ItemId is not null, $"{title}: {string.Join("; ", result.Errors)} {string.Join("; ", result.RuleProblems)}");
            return (result.ItemId!.Value, result.TrackingId!);
        });

    /// <summary>Saves the next revision of an authored item (a changed summary), as the edit page does; returns the new version.</summary>
    public Task<string> ReviseAsync(Guid itemId, string summary) =>
        WithDbAsync(async (db, sp) =>
        {
            var (viewer, _) = await AnalystAsync(db, sp);
            var authoring = sp.GetRequiredService<AdvisoryAuthoring>();
            var target = await authoring.FindEditableAsync(viewer, itemId, CancellationToken.None) ?? throw new InvalidOperationException($"{itemId} is not editable.");
            var bytes = authoring.Revision(target, target.Document.Advisory with { Summary = summary }, "Samenvatting aangepast.", BaseUrl);
            var result = await authoring.SaveAsync(viewer, bytes, target.Item.Tlp, [], requireNew: false, CancellationToken.None);
            Assert.True(result.ItemId is not null, string.Join("; ", result.Errors));
            return Schakel.Csaf.CsafReader.Read(bytes).Document!.Version;
        });

    /// <summary>Imports another publisher's document as NCSC (origin Imported, downloaded) to the network, with the signature that came with it.</summary>
    public Task ImportAsync(byte[] bytes, string? signature) =>
        WithDbAsync(async (db, sp) =>
        {
            var publisher = await db.Users.SingleAsync(u => u.Email == NcscAnalyst);
            var result = await sp.GetRequiredService<AdvisoryImporter>().ImportAsync(bytes,
                new AdvisoryImportRequest(publisher.OrganisationId, publisher.Id, Tlp.Clear, Audience(["network"]))
                {
                    // As if downloaded from the publisher's provider: only such documents are mirrored.
                    Origin = AdvisoryOrigin.Imported, SourceSignature = signature, SourceUrl = "https://www.cisa.gov/csaf/",
                });
            Assert.True(result.ItemId is not null, string.Join("; ", result.Errors));
            return result.ItemId!.Value;
        });

    /// <summary>Retracts an item through the REST API, as its publisher.</summary>
    public async Task RetractAsync(Guid itemId)
    {
        // ClientForAsync would address http://localhost; a served node is reached at its own port.
        using var analyst = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        analyst.DefaultRequestHeaders.Authorization = new("Bearer", await TokenForAsync(NcscAnalyst));
        var response = await analyst.PostAsJsonAsync($"/api/v1/items/{itemId}/retract", new { reason = "Test: ingetrokken." });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Whether <paramref name="email"/> may see the item on this node (through <see cref="ItemAccess"/>).</summary>
    public Task<bool> CanSeeAsync(string email, Guid itemId) =>
        WithDbAsync(async (db, sp) =>
        {
            var person = await db.Users.SingleAsync(u => u.Email == email);
            var org = await db.Organisations.SingleAsync(o => o.Id == person.OrganisationId);
            var viewer = Viewer.For(person, org.Type, await sp.GetRequiredService<UserManager<Person>>().GetRolesAsync(person));
            return await sp.GetRequiredService<ItemAccess>().FindAsync(viewer, itemId, CancellationToken.None) is not null;
        });

    /// <summary>The stored advisories (tracking id → content) whose item has one of <paramref name="labels"/> (all when empty).</summary>
    public Task<Dictionary<string, byte[]>> ContentsAsync(params Tlp[] labels) =>
        WithDbAsync(async (db, _) => (await db.Items.Where(i => i.AdvisoryId != null && (labels.Length == 0 || labels.Contains(i.Tlp)))
                .Select(i => new { i.Advisory!.TrackingId, i.Advisory.Content }).ToListAsync())
            .ToDictionary(a => a.TrackingId, a => a.Content));

    private static async Task<(Viewer, Organisation)> AnalystAsync(SchakelDbContext db, IServiceProvider sp)
    {
        var person = await db.Users.SingleAsync(u => u.Email == NcscAnalyst);
        var org = await db.Organisations.SingleAsync(o => o.Id == person.OrganisationId);
        return (Viewer.For(person, org.Type, await sp.GetRequiredService<UserManager<Person>>().GetRolesAsync(person)), org);
    }

    private static List<AudienceSpec> Audience(IEnumerable<string> audience) =>
        audience.Select(a => AudienceSpec.TryParse(a, out var s, out var e) ? s : throw new ArgumentException(e)).ToList();

    private static AuthoredAdvisory Sample(string title, Tlp label) => new()
    {
        Title = title,
        Summary = $"Samenvatting van {title}.",
        Solution = "Installeer de update.",
        Tlp = label switch { Tlp.Clear => CsafTlpLabel.White, Tlp.Green => CsafTlpLabel.Green, Tlp.Red => CsafTlpLabel.Red, _ => CsafTlpLabel.Amber },
        DistributionText = label == Tlp.AmberStrict ? CsafRelabel.StrictNotice : null,
        Vulnerabilities = [new("CVE-2024-3094", "Achterdeur in xz.")],
        Products = [new("Tukaani", "xz", ["5.6.0", "5.6.1"])],
        Remediations = [new(RemediationCategory.VendorFix, "Update naar 5.6.2.", null, null, 0)],
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) try { Directory.Delete(_csafFolder, recursive: true); } catch (IOException) { }
    }
}
