using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Schakel.Data;
using Schakel.Features.Accounts;

namespace Schakel.Tests.Infrastructure;

/// <summary>
/// The whole application in memory over HTTP, on its own fresh database — a temporary SQLite file, or a new
/// PostgreSQL database (<see cref="PostgresSchakelFactory"/>) — seeded with the demo network.
/// </summary>
public class SchakelFactory : WebApplicationFactory<Program>
{
    private readonly string _name = "schakel_test_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string provider;
    private string? _sqlitePath;

    /// <summary>On SQLite. xunit class fixtures need exactly one public constructor, so the provider comes in through <see cref="Create"/>.</summary>
    public SchakelFactory() : this("Sqlite")
    {
    }

    protected SchakelFactory(string provider) => this.provider = provider;

    /// <summary>A factory on <c>Sqlite</c> or <c>Postgres</c>.</summary>
    public static SchakelFactory Create(string provider) => provider == "Sqlite" ? new SchakelFactory() : new PostgresSchakelFactory();

    public string Provider => provider;

    private string _connectionString = "";

    /// <summary>The database's connection string; reading it starts the application, so the database exists and is seeded.</summary>
    public string ConnectionString
    {
        get
        {
            _ = Services;
            return _connectionString;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (provider == "Postgres")
        {
            var admin = TestEnvironment.PostgresAdmin ?? throw new InvalidOperationException("PostgreSQL is required here: set SCHAKEL_TEST_POSTGRES (CI=true does not skip).");
            _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _name }.ConnectionString;
        }
        else
        {
            _sqlitePath = Path.Combine(Path.GetTempPath(), _name + ".db");
            _connectionString = $"Data Source={_sqlitePath}";
        }

        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Schakel", _connectionString);
        builder.UseSetting("Demo:Seed", "true");
        // Each node its own signing key and data-protection keys, never inside the source or build tree.
        builder.UseSetting("Csaf:DataFolder", Path.Combine(Path.GetTempPath(), _name + "-csaf"));
        builder.UseSetting("DataProtection:KeysFolder", Path.Combine(Path.GetTempPath(), _name + "-keys"));
    }

    /// <summary>An HTTP client that sends an API token of the given demo person.</summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(email));
        return client;
    }

    /// <summary>Creates an API token for a person.</summary>
    public async Task<string> TokenForAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No person {email}.");
        return await scope.ServiceProvider.GetRequiredService<PersonService>().CreateTokenAsync(person, "test");
    }

    /// <summary>Creates a person with a password (for sign-in tests) and returns it.</summary>
    public async Task<string> CreatePersonAsync(string email, string orgKey, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var password = PersonService.GeneratePassword();
        var (_, errors) = await scope.ServiceProvider.GetRequiredService<PersonService>().CreateAsync(email, email, orgKey, roles, password);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join(" ", errors));
        return password;
    }

    /// <summary>Runs work in a scope with the database.</summary>
    public async Task<T> WithDbAsync<T>(Func<SchakelDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SchakelDbContext>(), scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" }) File.Delete(f);
        }
        else if (provider == "Postgres" && TestEnvironment.PostgresAdmin is { } admin)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(admin);
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
    }
}

/// <summary>The application on a fresh PostgreSQL database (class fixture form).</summary>
public sealed class PostgresSchakelFactory : SchakelFactory
{
    public PostgresSchakelFactory() : base("Postgres")
    {
    }
}
