using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Schakel.Data;
using Schakel.Features.Network;

namespace Schakel.Benchmarks;

/// <summary>
/// A fresh Schakel database for one benchmark run: a new SQLite file under the temp folder, or a new PostgreSQL database
/// on the server of <c>SCHAKEL_TEST_POSTGRES</c> (an admin connection string with CREATEDB). Migrated and seeded with
/// the demo network. Disposing drops the database unless <see cref="Keep"/> is set.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(string provider, string connectionString, ServiceProvider services)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Services = services;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public ServiceProvider Services { get; }
    public bool Keep { get; set; }

    /// <summary>Creates, migrates and seeds a database. <paramref name="sqlitePath"/> picks the SQLite file (default: a temp file).</summary>
    public static async Task<BenchHost> CreateAsync(string provider, string? sqlitePath = null)
    {
        var name = "schakel_bench_" + Guid.NewGuid().ToString("N")[..12];
        string connectionString;
        if (provider == "Postgres")
        {
            var admin = Environment.GetEnvironmentVariable("SCHAKEL_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set SCHAKEL_TEST_POSTGRES to an admin connection string (role with CREATEDB).");
            connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        }
        else
        {
            sqlitePath ??= Path.Combine(Path.GetTempPath(), name + ".db");
            connectionString = $"Data Source={sqlitePath}";
        }

        var services = Build(provider, connectionString);
        await services.MigrateAsync();
        await DemoNetwork.SeedAsync(services, TextWriter.Null);
        return new BenchHost(provider, connectionString, services);
    }

    /// <summary>Schakel's services on a given database, logging warnings only.</summary>
    public static ServiceProvider Build(string provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Schakel"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            // Migrating a database that does not exist yet logs a connection error before creating it.
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None));
        services.AddDataProtection();
        services.AddSchakel(configuration);
        services.AddSingleton<CommandTimer>();
        services.ConfigureDbContext<SchakelDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CommandTimer>()));
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (!Keep) await DropAsync(Provider, ConnectionString);
    }

    /// <summary><c>drop-db --provider P --connection C</c>: drops a database a run kept (PostgreSQL) or deletes its files (SQLite).</summary>
    public static async Task<int> DropAsync(string provider, string connectionString)
    {
        if (provider == "Postgres")
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var name = builder.Database;
            builder.Database = "postgres";
            await using var conn = new NpgsqlConnection(builder.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        }

        return 0;
    }
}
