using Gateway.Hosting.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Audit;

internal static class AuditExtensions
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddGatewaySection<AuditOptions>(AuditOptions.Section);
        services.TryAddSingleton<AuditTrail>();
        return services;
    }
}
