using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Users;

internal static class UserStoreExtensions
{
    public static IServiceCollection AddUserStore(this IServiceCollection services)
    {
        services.AddGatewaySection<UserOptions>(UserOptions.Section);
        services.TryAddSingleton<IUserStore, SqliteUserStore>();
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<Accounts>();
        return services;
    }
}
