using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Administration;

internal static class AdminExtensions
{
    public static IServiceCollection AddUserAdministration(this IServiceCollection services)
    {
        services.TryAddStore<ISecondFactorStore, SqlSecondFactorStore>();
        services.TryAddSingleton<UserAdministration>();
        return services;
    }
}
