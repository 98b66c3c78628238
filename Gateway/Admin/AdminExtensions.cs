using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Admin;

internal static class AdminExtensions
{
    public static IServiceCollection AddUserAdministration(this IServiceCollection services)
    {
        services.TryAddSingleton<SecondFactor.ISecondFactorStore, SecondFactor.SqliteSecondFactorStore>();
        services.TryAddSingleton<UserAdministration>();
        services.TryAddSingleton<Endpoints.AdminPageView>();
        return services;
    }
}
