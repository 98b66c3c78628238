using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Audit;

internal static class AuditExtensions
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.TryAddStore<IAuditStore, SqliteAuditStore, PostgreSqlAuditStore>();
        services.TryAddSingleton<AuditTrail>();
        return services;
    }
}
