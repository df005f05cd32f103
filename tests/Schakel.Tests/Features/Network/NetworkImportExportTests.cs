using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Data;
using Schakel.Features.Network;

namespace Schakel.Tests.Features.Network;

public sealed class NetworkImportExportTests : IClassFixture<AdminFactory>, IDisposable
{
    private readonly AdminFactory _demo;
    private readonly List<string> _files = [];

    public NetworkImportExportTests(AdminFactory demo) => _demo = demo;

    [Fact]
    public async Task ImportExport_DemoNetworkIntoFreshDatabase_ExportsIdentically()
    {
        var first = await _demo.WithDbAsync((_, sp) => sp.GetRequiredService<NetworkService>().ExportAsync());
        Assert.Equal(56, first.Organisations.Count);
        Assert.NotEmpty(first.People);

        await using var fresh = await FreshAsync();
        await using var scope = fresh.CreateAsyncScope();
        var network = scope.ServiceProvider.GetRequiredService<NetworkService>();
        var result = await network.ImportAsync(first);
        Assert.Empty(result.Errors);
        Assert.Equal((56, 0, first.People.Count), (result.OrganisationsCreated, result.OrganisationsUpdated, result.PeopleCreated));

        var second = await network.ExportAsync();
        Assert.Equal(Json(first), Json(second));

        // Importing the same document again changes nothing.
        var again = await network.ImportAsync(first);
        Assert.Equal((0, 0), (again.OrganisationsCreated, again.OrganisationsUpdated)); // nothing changed, nothing updated
        Assert.Equal(Json(first), Json(await network.ExportAsync()));
    }

    [Fact]
    public async Task Import_InvalidDocument_RejectedWithEveryReasonAndNothingStored()
    {
        var doc = JsonSerializer.Deserialize<NetworkDocument>(InvalidDocument, NetworkDocument.JsonOptions)!;
        await using var fresh = await FreshAsync();
        await using var scope = fresh.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<NetworkService>().ImportAsync(doc);

        Assert.Contains("organisation 'hospital-a': unknown sector 'astrology'.", result.Errors);
        Assert.Contains("organisation 'hospital-a': 'no-such-cert' is not a linking organisation.", result.Errors);
        Assert.Contains("organisation 'care-cert': appears twice.", result.Errors);
        Assert.Contains("person 'someone@hospital-a.example.nl': unknown role 'Boss'.", result.Errors);
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        Assert.Equal(0, await db.Organisations.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Cli_NetworkExportAndImport_ExitCodesAndNothingStoredOnRejection()
    {
        var exported = TempFile(".json");
        var (code, _, error) = await RunCliAsync(_demo.ConnectionString, "network", "export", exported);
        Assert.True(code == 0, error);
        var doc = JsonSerializer.Deserialize<NetworkDocument>(await File.ReadAllBytesAsync(exported), NetworkDocument.JsonOptions)!;
        Assert.Contains(doc.Organisations, o => o.Key == "ncsc");

        var target = $"Data Source={TempFile(".db")}";
        var badJson = TempFile(".json");
        await File.WriteAllTextAsync(badJson, """{ "version": "1", "organisations": [ { "key": "x", "name": "X", "colour": "blue" } ] }""");
        (code, _, error) = await RunCliAsync(target, "network", "import", badJson);
        Assert.Equal(1, code);
        Assert.Contains("colour", error);

        var invalid = TempFile(".json");
        await File.WriteAllTextAsync(invalid, InvalidDocument);
        (code, _, error) = await RunCliAsync(target, "network", "import", invalid);
        Assert.Equal(1, code);
        Assert.Contains("unknown sector 'astrology'", error);
        Assert.Contains("'no-such-cert' is not a linking organisation", error);
        Assert.Contains("'care-cert': appears twice", error);
        Assert.Equal(0, await CountOrganisationsAsync(target));

        (code, var output, error) = await RunCliAsync(target, "network", "import", exported);
        Assert.True(code == 0, error);
        Assert.Contains("56 created", output);
        Assert.Equal(56, await CountOrganisationsAsync(target));
    }

    /// <summary>Three organisation problems and a person problem in one document.</summary>
    private const string InvalidDocument = """
        {
          "version": "1",
          "organisations": [
            { "key": "care-cert", "name": "Care CERT", "type": "LinkingOrganisation", "designation": "CERT", "sectors": ["health"] },
            { "key": "care-cert", "name": "Care CERT again", "type": "LinkingOrganisation", "designation": "CERT" },
            { "key": "hospital-a", "name": "Hospital A", "type": "Member", "sectors": ["health", "astrology"], "region": "NL-UT",
              "linkingOrganisations": ["care-cert", "no-such-cert"] }
          ],
          "people": [ { "email": "someone@hospital-a.example.nl", "displayName": "Someone", "organisation": "hospital-a", "roles": ["Boss"] } ]
        }
        """;

    private static string Json(NetworkDocument doc) => JsonSerializer.Serialize(doc, NetworkDocument.JsonOptions);

    private async Task<ServiceProvider> FreshAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Schakel"] = $"Data Source={TempFile(".db")}",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDataProtection();
        services.AddSchakel(configuration);
        var provider = services.BuildServiceProvider();
        await provider.MigrateAsync();
        return provider;
    }

    private static async Task<int> CountOrganisationsAsync(string connectionString)
    {
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM Organisations";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs the built <c>schakel</c> executable (copied beside the tests) as its own process.</summary>
    private static async Task<(int Code, string Output, string Error)> RunCliAsync(string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var a in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "schakel.dll") }.Concat(args)) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__Schakel"] = connectionString;
        start.Environment["Database__Provider"] = "Sqlite";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private string TempFile(string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), "schakel_network_" + Guid.NewGuid().ToString("N")[..12] + extension);
        _files.Add(path);
        return path;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in _files.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }).Where(File.Exists)) File.Delete(f);
    }
}
