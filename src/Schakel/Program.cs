using System.CommandLine;
using Schakel;
using Schakel.Features.Accounts;
using Schakel.Features.Advisories;
using Schakel.Features.Api;
using Schakel.Features.Audit;
using Schakel.Features.CsafProvider;
using Schakel.Features.CsafSources;
using Schakel.Features.Federation;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.Taxii;
using Schakel.Features.ThreatIntel;
using Schakel.Features.ThreatIntel.Misp;
using Schakel.Features.Web;

// One executable: `schakel serve` runs the web host; the other verbs use the same services without it.
// `import csaf`, `import stix` and `import misp` sit under one `import` verb.
var import = ThreatIntelCommands.AddImportStix(AdvisoryCommands.Import());
import.Subcommands.Add(MispCommands.Import());
var root = new RootCommand("Schakel: the node software of the Dutch cyber resilience network (Cyberweerbaarheidsnetwerk).")
{
    Cli.ServeCommand(RunWebAsync),
    import,
    MispCommands.Export(),
    NetworkCommands.Create(),
    AccountCommands.User(),
    AccountCommands.Token(),
    AuditCommands.Create(),
    CsafCommands.Group(),
    TaxiiCommands.Group(),
};
return await Cli.InvokeAsync(root, args, RunWebAsync);

static async Task<int> RunWebAsync(string[] hostArgs, bool demo, CancellationToken ct)
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory });
    builder.WebHost.UseStaticWebAssets();
    if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:5080");
    if (demo) builder.Configuration["Demo:Seed"] = "true";
    builder.Services.AddSchakel(builder.Configuration);
    builder.Services.AddHostedService<StartupTasks>();
    builder.Services.AddWeb(builder.Configuration);
    builder.Services.AddApi();
    builder.Services.AddTaxii();

    var app = builder.Build();

    app.UseWeb();
    app.MapWeb();
    app.MapApi();
    app.MapCsafProvider();
    app.MapTaxii();
    await app.RunAsync(ct);
    return 0;
}

/// <summary>Entry point type, public for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
