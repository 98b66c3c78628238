using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Audit;

internal static class AuditExtensions
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.TryAddSingleton<AuditTrail>();
        return services;
    }
}
