namespace Schakel.Features.ThreatIntel;

/// <summary>Registration of the threat-intelligence feature (STIX 2.1, TAXII 2.1, MISP).</summary>
public static class ThreatIntelExtensions
{
    public static IServiceCollection AddThreatIntel(this IServiceCollection services)
    {
        services.AddOptions<ThreatIntelOptions>().BindConfiguration("ThreatIntel").ValidateDataAnnotations().ValidateOnStart();
        // One validator for the process: its compiled schemas are loaded once and it is thread-safe.
        services.AddSingleton(_ => Schakel.Stix.Validation.StixValidator.Default);
        services.AddScoped<StixVersionStore>();
        services.AddScoped<ThreatIntelImporter>();
        services.AddScoped<ItemStixObjects>();
        services.AddScoped<Misp.MispImportService>();
        services.AddScoped<Misp.MispExportService>();
        return services;
    }
}
