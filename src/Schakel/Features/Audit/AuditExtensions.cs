namespace Schakel.Features.Audit;

/// <summary>Registers the audit log: the appender (one per process), its shutdown flush, the scope and the verifier.</summary>
public static class AuditExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        // Without a host (command-line verbs) hosted services never start; AuditLog then writes before returning.
        services.AddHostedService<AuditLogFlusher>();
        services.AddScoped<AuditScope>();
        services.AddScoped<AuditVerifier>();
        return services;
    }
}
