using System.Net.Http.Json;
using System.Text.Json;
using Schakel.Csaf.Signing;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.CsafSources;

/// <summary>
/// Node A of the node-to-node tests, served on 127.0.0.1: advisories the NCSC analyst wrote with the authoring service
/// (CLEAR twice, GREEN and AMBER both for Z-CERT and for NCTV, AMBER+STRICT and RED for Z-CERT, a draft, a
/// retracted CLEAR and a retracted GREEN) and two CLEAR documents of another publisher (CISA, imported: one with the
/// signature that came with it, one without) for the aggregator mirror.
/// </summary>
public sealed class CsafTwoNodesFixture : IAsyncLifetime
{
    public const string Zcert = "analist@z-cert.example.nl";
    public const string MirroredSigned = "csaf/advisories/cisa/IT/white/2024/va-24-254-02.json";
    public const string MirroredUnsigned = "csaf/advisories/cisa/IT/white/2024/va-24-262-01.json";

    public CsafNode A { get; } = new();

    // Tracking ids by role.
    public string Clear1 { get; private set; } = "";
    public string Clear2 { get; private set; } = "";
    public string GreenZcert { get; private set; } = "";
    public string GreenNctv { get; private set; } = "";
    public string AmberZcert { get; private set; } = "";
    public string AmberNctv { get; private set; } = "";
    public string AmberStrict { get; private set; } = "";
    public string Red { get; private set; } = "";
    public string Draft { get; private set; } = "";
    public string RetractedClear { get; private set; } = "";
    public string RetractedGreen { get; private set; } = "";

    /// <summary>Item ids by tracking id.</summary>
    public Dictionary<string, Guid> Items { get; } = [];

    /// <summary>The published, not retracted CLEAR advisories A authored: what an anonymous downloader must get.</summary>
    public IReadOnlySet<string> ClearSet => new HashSet<string> { Clear1, Clear2 };

    public async Task InitializeAsync()
    {
        if (!TestEnvironment.HasData && !TestEnvironment.IsCi) return;
        A.Serve();
        Clear1 = await AuthorAsync("Openbaar advies een", Tlp.Clear, "network");
        Clear2 = await AuthorAsync("Openbaar advies twee", Tlp.Clear, "network");
        GreenZcert = await AuthorAsync("Groen voor Z-CERT", Tlp.Green, "org:z-cert");
        GreenNctv = await AuthorAsync("Groen voor de NCTV", Tlp.Green, "org:nctv");
        AmberZcert = await AuthorAsync("Amber voor Z-CERT", Tlp.Amber, "org:z-cert");
        AmberNctv = await AuthorAsync("Amber voor de NCTV", Tlp.Amber, "org:nctv");
        AmberStrict = await AuthorAsync("Amber strikt voor Z-CERT", Tlp.AmberStrict, "org:z-cert");
        Red = await AuthorAsync("Rood voor de analist van Z-CERT", Tlp.Red, "person:" + Zcert);
        Draft = await AuthorAsync("Concept", Tlp.Clear);
        RetractedClear = await AuthorAsync("Ingetrokken openbaar advies", Tlp.Clear, "network");
        RetractedGreen = await AuthorAsync("Ingetrokken groen advies", Tlp.Green, "org:z-cert");
        await A.RetractAsync(Items[RetractedClear]);
        await A.RetractAsync(Items[RetractedGreen]);
        await A.ImportAsync(File.ReadAllBytes(TestEnvironment.Data(MirroredSigned)), File.ReadAllText(TestEnvironment.Data(MirroredSigned + ".asc")));
        await A.ImportAsync(File.ReadAllBytes(TestEnvironment.Data(MirroredUnsigned)), null);
    }

    /// <summary>A's public key as its provider-metadata.json lists it (fetched over HTTP, as a downloader does).</summary>
    public async Task<OpenPgpPublicKeyRing> KeyAsync()
    {
        using var http = new HttpClient();
        var metadata = await http.GetFromJsonAsync<JsonElement>(A.BaseUrl + "/.well-known/csaf/provider-metadata.json");
        return OpenPgpKeys.ReadPublicKeys(await http.GetStringAsync(metadata.GetProperty("public_openpgp_keys")[0].GetProperty("url").GetString()));
    }

    private async Task<string> AuthorAsync(string title, Tlp label, params string[] audience)
    {
        var (item, trackingId) = await A.AuthorAsync(title, label, audience);
        Items[trackingId] = item;
        return trackingId;
    }

    public async Task DisposeAsync() => await A.DisposeAsync();
}
