using Microsoft.AspNetCore.DataProtection;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Advisories;
using Schakel.Features.Audit;
using Schakel.Features.CsafProvider;
using Schakel.Features.CsafSources;
using Schakel.Features.Federation;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Features.Tlp;

namespace Schakel;

/// <summary>The services every host of Schakel needs: the web host and the command-line verbs alike.</summary>
public static class SchakelServices
{
    /// <summary>Registers data, accounts and the sharing core (network, TLP authorisation, publishing, advisories).</summary>
    public static IServiceCollection AddSchakel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // Keys that protect stored secrets (a CSAF source's token) live with the node's data, so a restart, a new build
        // or the command line can still read what the web host wrote.
        services.AddDataProtection().SetApplicationName("Schakel")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(configuration["DataProtection:KeysFolder"] is { Length: > 0 } k ? k : "data/keys")));
        services.AddSchakelData(configuration);
        services.AddAccounts();
        services.AddScoped<NetworkService>();
        services.AddScoped<ItemAccess>();
        services.AddScoped<PublishingService>();
        services.AddScoped<DeliveryService>();
        services.AddScoped<RelayService>();
        services.AddScoped<ForwardingService>();
        services.AddScoped<ItemChangeService>();
        services.AddScoped<RelayQueries>();
        services.AddHttpContextAccessor();
        services.AddAudit();
        services.AddAdvisories(configuration);
        services.AddCsafProvider(configuration);
        services.AddCsafSources();
        services.AddThreatIntel();
        services.AddFederation();
        return services;
    }
}
