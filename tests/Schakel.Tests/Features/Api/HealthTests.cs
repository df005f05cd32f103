using System.Net;
using Microsoft.Data.Sqlite;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Api;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_DatabaseReachable_200ThenGone_503()
    {
        using var factory = new SchakelFactory();
        var client = factory.CreateClient();
        var ok = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("ok", await ok.Content.ReadAsStringAsync());

        // The database file disappears under the running node: SQLite opens a new empty file, without Schakel's tables.
        var path = new SqliteConnectionStringBuilder(factory.ConnectionString).DataSource;
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);

        var gone = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
    }
}
