using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Schakel.Features.Advisories;
using Schakel.Features.CsafSources;
using Schakel.Features.Sharing;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.CsafSources;

/// <summary>A scheduled CSAF source: a run by the worker, a restart, a network error in the middle; no duplicates, no gaps.</summary>
public sealed class CsafSourceTests
{
    [DataFact]
    public async Task Worker_RunRestartAndNetworkError_ImportsEveryDocumentOnceWithoutGaps()
    {
        await using var provider = await StaticProvider.StartAsync();
        var docs = CsafDownloadTests.BuildCisaTree(provider);
        var ordered = docs.OrderBy(d => d.Released).ToList();
        using var factory = new SchakelFactory();
        var id = await factory.WithDbAsync(async (_, sp) =>
        {
            var (sourceId, problems) = await sp.GetRequiredService<CsafSourceService>().AddAsync(
                new CsafSourceInput(provider.BaseUrl.Authority, "ncsc", ["network"], Tlp.Clear, 60, null), CancellationToken.None);
            Assert.Empty(problems);
            return sourceId!.Value;
        });
        var worker = factory.Services.GetServices<IHostedService>().OfType<CsafSourceWorker>().Single();

        // A network error in the middle: the fourth-oldest document answers 503. The run stops there; the cursor stays
        // before it, so nothing after it is skipped.
        var broken = ordered[3].Name;
        provider.Fail = p => p.Value!.EndsWith(broken, StringComparison.Ordinal);
        Assert.Equal(1, await worker.RunDueAsync(CancellationToken.None));
        var afterError = await LoadAsync(factory, id);
        Assert.False(afterError.LastRunOk);
        Assert.Equal(ordered[2].Released, afterError.Cursor);
        Assert.Equal(3, await CountAsync(factory));

        // Not due again until its interval has passed; a restart (a new scope, a new run) carries on from the database.
        Assert.Equal(0, await worker.RunDueAsync(CancellationToken.None));
        provider.Fail = null;
        await factory.WithDbAsync(async (db, _) => await db.Set<CsafSource>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastRunAt, (DateTimeOffset?)null)));
        Assert.Equal(1, await worker.RunDueAsync(CancellationToken.None));
        var done = await LoadAsync(factory, id);
        Assert.True(done.LastRunOk, done.LastResult);
        Assert.Equal(ordered[^1].Released, done.Cursor);
        Assert.Equal(docs.Count, await CountAsync(factory));
        Assert.Empty(done.Failures);

        // Published to the network as the source says.
        var published = await factory.WithDbAsync(async (db, _) => await db.Items.CountAsync(i => i.Advisory != null && i.Status == ItemStatus.Published));
        Assert.Equal(docs.Count, published);
    }

    [DataFact]
    public async Task Runner_FailedDocument_IsKeptAndRetriedUntilItImports()
    {
        await using var provider = await StaticProvider.StartAsync();
        var docs = CsafDownloadTests.BuildCisaTree(provider);
        var victim = docs[0];
        var path = provider.PathOf($"csaf/white/2024/{victim.Name}");
        File.Move(path, path + ".away");
        using var factory = new SchakelFactory();
        var id = await factory.WithDbAsync(async (_, sp) => (await sp.GetRequiredService<CsafSourceService>().AddAsync(
            new CsafSourceInput(provider.Prefix + "/.well-known/csaf/provider-metadata.json", "ncsc", [], Tlp.Clear, 60, null), CancellationToken.None)).Id!.Value);

        await RunAsync(factory, id);
        var first = await LoadAsync(factory, id);
        var failure = Assert.Single(first.Failures);
        Assert.Equal("Missing", failure.Kind);
        Assert.Equal(docs.Max(d => d.Released), first.Cursor);

        File.Move(path + ".away", path);
        await RunAsync(factory, id);
        var second = await LoadAsync(factory, id);
        Assert.Empty(second.Failures);
        Assert.Equal(docs.Count, await CountAsync(factory));
    }

    private static Task RunAsync(SchakelFactory factory, int id) =>
        factory.WithDbAsync(async (_, sp) => await sp.GetRequiredService<CsafSourceRunner>().RunAsync(id, CancellationToken.None));

    private static Task<CsafSource> LoadAsync(SchakelFactory factory, int id) =>
        factory.WithDbAsync(async (db, _) => await db.Set<CsafSource>().AsNoTracking().Include(s => s.Failures).SingleAsync(s => s.Id == id));

    private static Task<int> CountAsync(SchakelFactory factory) =>
        factory.WithDbAsync(async (db, _) => await db.Advisories.CountAsync(a => a.SourceUrl != null));
}
