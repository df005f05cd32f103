using Microsoft.EntityFrameworkCore;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Visibility;

/// <summary>
/// One demo network for the visibility tests, with an API client per person that matters and one deactivated
/// organisation (<see cref="Deactivated"/>: a health member of Z-CERT's constituency, so every audience used would reach it).
/// </summary>
public sealed class VisibilityFixture : IAsyncLifetime
{
    public const string Deactivated = "apotheek-keten-zuidwest";

    /// <summary>Who looks, by a short name: the organisation key each person belongs to.</summary>
    public static readonly IReadOnlyDictionary<string, (string Email, string Org)> People = new Dictionary<string, (string, string)>
    {
        ["ncsc-analyst"] = ("analist@ncsc.example.nl", "ncsc"),
        ["ncsc-reader"] = ("lezer@ncsc.example.nl", "ncsc"),
        ["nctv-director"] = ("regie@nctv.example.nl", "nctv"),
        ["z-cert-analyst"] = ("analist@z-cert.example.nl", "z-cert"),
        ["rijnoever-member"] = ("ict@ziekenhuis-rijnoever.example.nl", "ziekenhuis-rijnoever"),
        ["gemeente-member"] = ("ciso@gemeente-veldhoven-aan-zee.example.nl", "gemeente-veldhoven-aan-zee"),
        ["water-member"] = ("ict@waterschap-lage-landen.example.nl", "waterschap-lage-landen"),
    };

    public SchakelFactory Factory { get; } = new();
    public Dictionary<string, HttpClient> Clients { get; } = [];
    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Anonymous = Factory.CreateClient();
        foreach (var (name, (email, _)) in People) Clients[name] = await Factory.ClientForAsync(email);
        await Factory.WithDbAsync(async (db, _) =>
            await db.Organisations.Where(o => o.Key == Deactivated).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsActive, false)));
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
