using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Advisories;
using Schakel.Features.Audit;
using Schakel.Features.CsafProvider;
using Schakel.Features.CsafSources;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel;

/// <summary>The services every host of Schakel needs: the web host and the command-line verbs alike.</summary>
public static class SchakelServices
{
    /// <summary>Registers data, accounts and the sharing core (network, TLP authorisation, publishing, advisories).</summary>
    public static IServiceCollection AddSchakel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
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
        return services;
    }
}
