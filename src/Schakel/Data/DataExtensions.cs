using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Schakel.Data;

/// <summary>Database options: section <c>Database</c>, connection string <c>ConnectionStrings:Schakel</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";
}

/// <summary>Provider selection and start-up migration.</summary>
public static class DataExtensions
{
    public const string DefaultConnectionString = "Data Source=data/schakel.db";

    /// <summary>
    /// Registers <see cref="SchakelDbContext"/> on SQLite (default, <c>Data Source=data/schakel.db</c>) or PostgreSQL,
    /// each with its own migrations assembly.
    /// </summary>
    public static IServiceCollection AddSchakelData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Schakel") ?? DefaultConnectionString;
        services.AddDbContext<SchakelDbContext>(options => Configure(options, provider, connectionString));
        return services;
    }

    /// <summary>Configures <paramref name="options"/> for a provider name; throws <see cref="InvalidOperationException"/> on an unknown one.</summary>
    public static void Configure(DbContextOptionsBuilder options, string provider, string connectionString)
    {
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            options.UseNpgsql(connectionString, o => o.MigrationsAssembly("Schakel.Migrations.Postgres"));
        }
        else if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            EnsureSqliteFolder(connectionString);
            options.UseSqlite(connectionString, o => o.MigrationsAssembly("Schakel.Migrations.Sqlite"));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite or Postgres.");
        }
    }

    /// <summary>Applies pending migrations; the SQLite file and its folder are created when missing.</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while an import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:") return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
