using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Csaf.Signing;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.CsafProvider;

/// <summary>
/// Real CISA advisories imported into the demo network: authored by the coordinator (NCSC) as CLEAR, GREEN, AMBER,
/// AMBER+STRICT, RED, a draft and a retracted one; imported (another publisher's) as CLEAR with and without the original
/// signature and as GREEN. Paths are data-relative; file names are the 5.1 names of the documents.
/// </summary>
public sealed class CsafProviderFixture : IAsyncLifetime
{
    public const string Clear = "csaf/advisories/cisa/OT/white/2024/icsa-24-004-01.json";
    public const string Green = "csaf/advisories/cisa/OT/white/2024/icsa-24-011-03.json";
    public const string Amber = "csaf/advisories/cisa/OT/white/2024/icsa-24-011-10.json";
    public const string AmberStrict = "csaf/advisories/cisa/OT/white/2024/icsa-24-016-01.json";
    public const string Red = "csaf/advisories/cisa/OT/white/2024/icsa-24-030-01.json";
    public const string Retracted = "csaf/advisories/cisa/IT/white/2024/va-24-201-01.json";
    public const string Draft = "csaf/advisories/cisa/IT/white/2024/va-24-254-01.json";
    public const string MirroredSigned = "csaf/advisories/cisa/IT/white/2024/va-24-254-02.json";
    public const string MirroredUnsigned = "csaf/advisories/cisa/IT/white/2024/va-24-262-01.json";
    public const string Uploaded = "csaf/advisories/oasis-examples/bsi-2022-0001.json";

    public const string Hospital = "ict@ziekenhuis-rijnoever.example.nl";
    public const string Director = "regie@nctv.example.nl";
    public const string NcscAnalyst = "analist@ncsc.example.nl";

    public SchakelFactory Factory { get; } = new();
    public string MirroredGreen { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!TestEnvironment.HasData && !TestEnvironment.IsCi) return;
        await ImportAsync(Clear, Tlp.Clear, AdvisoryOrigin.Authored, "org:ziekenhuis-rijnoever");
        await ImportAsync(Green, Tlp.Green, AdvisoryOrigin.Authored, "org:ziekenhuis-rijnoever");
        await ImportAsync(Amber, Tlp.Amber, AdvisoryOrigin.Authored, "org:nctv");
        await ImportAsync(AmberStrict, Tlp.AmberStrict, AdvisoryOrigin.Authored, "org:nctv");
        await ImportAsync(Red, Tlp.Red, AdvisoryOrigin.Authored, "person:" + Hospital);
        await ImportAsync(Draft, Tlp.Clear, AdvisoryOrigin.Authored);
        var retracted = await ImportAsync(Retracted, Tlp.Clear, AdvisoryOrigin.Authored, "org:ziekenhuis-rijnoever");
        using (var analyst = await Factory.ClientForAsync(NcscAnalyst))
        {
            var response = await analyst.PostAsJsonAsync($"/api/v1/items/{retracted}/retract", new { reason = "Test: withdrawn." });
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await ImportAsync(MirroredSigned, Tlp.Clear, AdvisoryOrigin.Imported, "org:ziekenhuis-rijnoever",
            signature: File.ReadAllText(TestEnvironment.Data(MirroredSigned + ".asc")));
        await ImportAsync(MirroredUnsigned, Tlp.Clear, AdvisoryOrigin.Imported, "org:ziekenhuis-rijnoever");
        MirroredGreen = Directory.EnumerateFiles(TestEnvironment.Data("csaf", "bulk", "cisa-ot-2022"), "*.json").Order(StringComparer.Ordinal).First();
        await ImportAsync(MirroredGreen, Tlp.Green, AdvisoryOrigin.Imported, "org:ziekenhuis-rijnoever", absolute: true);
        // Uploaded, not downloaded from a provider: its claim to be BSI's must not be mirrored.
        await ImportAsync(Uploaded, Tlp.Clear, AdvisoryOrigin.Imported, "org:ziekenhuis-rijnoever", downloaded: false);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public static byte[] Bytes(string relative) => File.ReadAllBytes(TestEnvironment.Data(relative));

    /// <summary>The node's public key as the metadata lists it.</summary>
    public async Task<OpenPgpPublicKeyRing> NodeKeyAsync(HttpClient client)
    {
        var metadata = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/.well-known/csaf/provider-metadata.json");
        var url = metadata.GetProperty("public_openpgp_keys")[0].GetProperty("url").GetString()!;
        return OpenPgpKeys.ReadPublicKeys(await client.GetStringAsync(url));
    }

    /// <summary>Imports as NCSC; an imported document counts as downloaded from its publisher's provider unless <paramref name="downloaded"/> is false.</summary>
    private async Task<Guid> ImportAsync(string path, Tlp tlp, AdvisoryOrigin origin, string? audience = null, string? signature = null, bool absolute = false, bool downloaded = true)
    {
        var bytes = File.ReadAllBytes(absolute ? path : TestEnvironment.Data(path));
        return await Factory.WithDbAsync(async (db, sp) =>
        {
            var publisher = await db.Users.SingleAsync(u => u.Email == NcscAnalyst);
            var specs = audience is null ? [] : new List<AudienceSpec> { AudienceSpec.TryParse(audience, out var s, out var e) ? s : throw new ArgumentException(e) };
            var result = await sp.GetRequiredService<AdvisoryImporter>().ImportAsync(bytes,
                new AdvisoryImportRequest(publisher.OrganisationId, publisher.Id, tlp, specs)
                {
                    Origin = origin, SourceSignature = signature,
                    SourceUrl = origin == AdvisoryOrigin.Imported && downloaded ? "https://www.cisa.gov/sites/default/files/csaf/" + Path.GetFileName(path) : null,
                });
            Assert.True(result.ItemId is not null, $"{path}: {string.Join("; ", result.Errors)}");
            return result.ItemId!.Value;
        });
    }
}
