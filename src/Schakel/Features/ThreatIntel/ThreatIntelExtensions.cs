namespace Schakel.Features.ThreatIntel;

/// <summary>Registration of the threat-intelligence feature (STIX 2.1, TAXII 2.1, MISP).</summary>
public static class ThreatIntelExtensions
{
    public static IServiceCollection AddThreatIntel(this IServiceCollection services)
    {
        services.AddOptions<ThreatIntelOptions>().BindConfiguration("ThreatIntel").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StixObjectChecks>();
        services.AddScoped<StixVersionStore>();
        services.AddScoped<ThreatIntelImporter>();
        services.AddScoped<ItemStixObjects>();
        return services;
    }
}
