using Schakel.Data;
using Schakel.Features.Network;

namespace Schakel;

/// <summary>
/// Migrates the database and, with <c>Demo:Seed=true</c> (<c>serve --demo</c>), seeds the demo network — before any
/// request is served, also under a test host.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, IConfiguration configuration) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await services.MigrateAsync(cancellationToken);
        if (configuration.GetValue<bool>("Demo:Seed")) await DemoNetwork.SeedAsync(services, Console.Out, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
