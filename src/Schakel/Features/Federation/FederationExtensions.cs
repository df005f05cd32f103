using System.ComponentModel.DataAnnotations;

namespace Schakel.Features.Federation;

/// <summary>Options of section <c>Federation</c>.</summary>
public sealed class FederationOptions
{
    /// <summary>Run the subscriptions in the web host.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Seconds between checks for subscriptions that are due.</summary>
    [Range(1, 86400)]
    public int PollSeconds { get; set; } = 30;

    /// <summary>Timeout of one HTTP request to a TAXII server, in seconds.</summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 60;

    /// <summary>Objects asked for per page (<c>limit</c>); the server may send fewer.</summary>
    [Range(1, 100000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>Longest wait after failed runs, in minutes (the wait doubles per failure from the interval up to this).</summary>
    [Range(1, 7 * 24 * 60)]
    public int MaxBackoffMinutes { get; set; } = 6 * 60;

    /// <summary>
    /// Hours between reconciles of a subscription against the source's manifest (TAXII 2.1 section 5.3; see
    /// <see cref="TaxiiReconciler"/>): after a good pull the runner reconciles when the last one is older than this. Default 24.
    /// </summary>
    [Range(1, 365 * 24)]
    public int ReconcileHours { get; set; } = 24;
}

/// <summary>Registration of the TAXII client side: pulls, subscriptions and their worker, pushes.</summary>
public static class FederationExtensions
{
    public const string HttpClientName = "taxii-client";

    public static IServiceCollection AddFederation(this IServiceCollection services)
    {
        services.AddOptions<FederationOptions>().BindConfiguration("Federation").ValidateDataAnnotations().ValidateOnStart();
        // Redirects are followed by TaxiiClient itself, only on the server's origin, so that credentials never leave it.
        services.AddHttpClient(HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddScoped<FederatedItemChanges>();
        services.AddScoped<TaxiiPuller>();
        services.AddScoped<TaxiiSubscriptionService>();
        services.AddScoped<TaxiiSubscriptionRunner>();
        services.AddScoped<TaxiiPush>();
        services.AddScoped<ReconcileChanges>();
        services.AddScoped<TaxiiReconciler>();
        services.AddScoped<ThreatIntelReissue>();
        services.AddHostedService<TaxiiSubscriptionWorker>();
        return services;
    }
}
