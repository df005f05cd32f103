using System.ComponentModel.DataAnnotations;

namespace Schakel.Features.CsafSources;

/// <summary>Options of section <c>CsafSources</c>.</summary>
public sealed class CsafSourceOptions
{
    /// <summary>Run the scheduled sources in the web host.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Seconds between checks for sources that are due.</summary>
    [Range(1, 86400)]
    public int PollSeconds { get; set; } = 60;

    /// <summary>Timeout of one HTTP request to a provider, in seconds.</summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 60;

    /// <summary>Follow URLs and redirects off a provider's origin (each reported as a warning).</summary>
    public bool AllowOtherOrigins { get; set; }
}

/// <summary>Registration of the CSAF downloader and scheduled sources.</summary>
public static class CsafSourcesExtensions
{
    public const string HttpClientName = "csaf-downloader";

    public static IServiceCollection AddCsafSources(this IServiceCollection services)
    {
        services.AddOptions<CsafSourceOptions>().BindConfiguration("CsafSources").ValidateDataAnnotations().ValidateOnStart();
        // Redirects are followed by the downloader itself, hop by hop, so that one leaving the provider's origin is seen.
        services.AddHttpClient(HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Schakel-CSAF-downloader/1.0"))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddScoped<CsafSourceRunner>();
        services.AddScoped<CsafSourceService>();
        services.AddHostedService<CsafSourceWorker>();
        return services;
    }
}
