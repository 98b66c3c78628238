using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Users;

internal static class UserStoreExtensions
{
    public static IServiceCollection AddUserStore(this IServiceCollection services)
    {
        services.AddGatewaySection<UserOptions>(UserOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UserOptions>, UserOptionsValidator>());
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton<IUserStore, SqliteUserStore>();
        services.TryAddSingleton(provider => HashingThreads.For(
            provider.GetRequiredService<IOptions<UserOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<Accounts>();
        services.AddHostedService<PasswordHashingStartupNotice>();
        return services;
    }
}
