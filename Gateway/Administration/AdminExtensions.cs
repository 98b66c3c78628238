using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Administration;

internal static class AdminExtensions
{
    public static IServiceCollection AddUserAdministration(this IServiceCollection services)
    {
        services.TryAddSingleton<UserAdministration>();
        return services;
    }
}
