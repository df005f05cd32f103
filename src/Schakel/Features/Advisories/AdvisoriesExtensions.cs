namespace Schakel.Features.Advisories;

/// <summary>Registration of the advisory (CSAF) feature.</summary>
public static class AdvisoriesExtensions
{
    public static IServiceCollection AddAdvisories(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdvisoryOptions>().BindConfiguration("Advisories").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AdvisoryImporter>();
        // One validator for the process: its schema, catalogues and spell checker are loaded once and it is thread-safe.
        services.AddSingleton(_ => Schakel.Csaf.Validation.CsafValidator.Default);
        services.AddScoped<Authoring.AdvisoryAuthoring>();
        return services;
    }
}
