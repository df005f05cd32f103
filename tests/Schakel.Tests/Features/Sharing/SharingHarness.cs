using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Audit;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel.Tests.Features.Sharing;

/// <summary>
/// Schakel's sharing services without the web host, on a private SQLite in-memory database (kept alive by an open
/// connection, migrated once). Each case empties the tables, builds its network and runs its steps, each in a fresh DI
/// scope like a request. The audit log writes to a second in-memory database: <see cref="AuditLog"/> appends through
/// its own connection while a relay runs inside the publishing transaction, which on one SQLite database would wait for
/// that transaction's write lock until the command timeout.
/// </summary>
public sealed class SharingHarness : IAsyncDisposable
{
    private readonly SqliteConnection keepAlive, auditKeepAlive;
    private readonly ServiceProvider services, auditServices;
    private readonly string[] tables;
    private static int caseCounter;

    private SharingHarness(SqliteConnection keepAlive, SqliteConnection auditKeepAlive, ServiceProvider services, ServiceProvider auditServices, string[] tables)
    {
        (this.keepAlive, this.auditKeepAlive, this.services, this.auditServices, this.tables) = (keepAlive, auditKeepAlive, services, auditServices, tables);
    }

    /// <summary>A harness on two fresh migrated in-memory databases.</summary>
    public static async Task<SharingHarness> CreateAsync()
    {
        var main = $"Data Source=schakel-prop-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var audit = $"Data Source=schakel-prop-audit-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keep = new SqliteConnection(main);
        var auditKeep = new SqliteConnection(audit);
        await keep.OpenAsync();
        await auditKeep.OpenAsync();
        var auditServices = Build(audit, null);
        var services = Build(main, auditServices);
        await auditServices.MigrateAsync();
        await services.MigrateAsync();
        await using var scope = services.CreateAsyncScope();
        var tables = scope.ServiceProvider.GetRequiredService<SchakelDbContext>().Model.GetEntityTypes()
            .Select(t => t.GetTableName()).OfType<string>().Distinct().ToArray();
        return new SharingHarness(keep, auditKeep, services, auditServices, tables);
    }

    private static ServiceProvider Build(string connectionString, ServiceProvider? audit)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Schakel"] = connectionString,
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSchakel(configuration);
        if (audit is not null)
        {
            collection.AddSingleton(sp => new AuditLog(audit.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IHttpContextAccessor>(), TimeProvider.System,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AuditLog>>()));
        }

        return collection.BuildServiceProvider();
    }

    /// <summary>Runs a case: empties the database, builds the network, applies the steps; returns what the services did.</summary>
    public async Task<CaseRun> RunAsync(SharingCase c, Func<SharingModel, Op, Step> resolve, SharingModel model)
    {
        await using (var cmd = keepAlive.CreateCommand())
        {
            cmd.CommandText = "PRAGMA foreign_keys=OFF; " + string.Concat(tables.Select(t => $"DELETE FROM \"{t}\"; ")) + "PRAGMA foreign_keys=ON;";
            await cmd.ExecuteNonQueryAsync();
        }

        var run = new CaseRun($"k{Interlocked.Increment(ref caseCounter)}-");
        await using (var scope = services.CreateAsyncScope())
        {
            await run.BuildNetworkAsync(scope.ServiceProvider.GetRequiredService<SchakelDbContext>(), c.Network);
        }

        foreach (var op in c.Ops)
        {
            var step = resolve(model, op);
            var expectRefused = model.Apply(step);
            await using var scope = services.CreateAsyncScope();
            var outcome = await run.ExecuteAsync(scope.ServiceProvider, c.Network, step);
            run.Trace.Add($"{step}: model {(expectRefused ? "refuses" : "allows")}, services {outcome ?? "allow"}");
            Outcomes.AddOrUpdate($"{step.Kind} {outcome ?? "done"}", 1, (_, n) => n + 1);
            if (expectRefused != (outcome is not null)) run.Differences.Add($"refusal differs for step {run.Trace.Count}: {run.Trace[^1]}");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            await run.CompareAsync(scope.ServiceProvider, c.Network, model);
        }

        return run;
    }

    /// <summary>How many steps of each kind were done or refused, over all cases (printed by the tests to show coverage).</summary>
    public static System.Collections.Concurrent.ConcurrentDictionary<string, int> Outcomes { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await auditServices.DisposeAsync();
        await keepAlive.DisposeAsync();
        await auditKeepAlive.DisposeAsync();
    }
}
