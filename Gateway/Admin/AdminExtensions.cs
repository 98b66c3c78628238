using Gateway.SecondFactor;
using Gateway.Users;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Admin;

internal static class AdminExtensions
{
    public static IServiceCollection AddUserAdministration(this IServiceCollection services)
    {
        services.TryAddStore<ISecondFactorStore, SqliteSecondFactorStore, PostgreSqlSecondFactorStore>();
        services.TryAddSingleton<UserAdministration>();
        services.TryAddSingleton<Endpoints.AdminPageView>();
        return services;
    }
}
