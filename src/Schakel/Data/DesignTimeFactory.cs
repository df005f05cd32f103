using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Schakel.Data;

/// <summary>
/// Used by <c>dotnet ef migrations add</c> only: picks the provider from <c>SCHAKEL_MIGRATIONS_PROVIDER</c>
/// (Sqlite or Postgres) so that each provider's migrations assembly gets its own migrations.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SchakelDbContext>
{
    public SchakelDbContext CreateDbContext(string[] args)
    {
        var provider = Environment.GetEnvironmentVariable("SCHAKEL_MIGRATIONS_PROVIDER") ?? "Sqlite";
        var options = new DbContextOptionsBuilder<SchakelDbContext>();
        DataExtensions.Configure(options, provider, provider == "Postgres" ? "Host=127.0.0.1;Database=design" : "Data Source=:memory:");
        return new SchakelDbContext(options.Options);
    }
}
