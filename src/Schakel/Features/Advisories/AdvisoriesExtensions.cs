namespace Schakel.Features.Advisories;

/// <summary>Registration of the advisory (CSAF) feature.</summary>
public static class AdvisoriesExtensions
{
    public static IServiceCollection AddAdvisories(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdvisoryOptions>().BindConfiguration("Advisories").ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AdvisoryImporter>();
        services.AddScoped<Authoring.AdvisoryAuthoring>();
        return services;
    }
}
