using Gateway.Accounts;
using Gateway.Storage.PostgreSql;
using Gateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Storage;

internal static class UserStoreExtensions
{
    public static IServiceCollection AddUserStore(this IServiceCollection services)
    {
        services.TryAddSingleton<SqliteDatabase>();
        services.AddPostgreSqlDatabase();
        services.TryAddStore<IUserStore, SqliteUserStore, PostgreSqlUserStore>();
        services.TryAddSingleton(provider => HashingThreads.For(
            provider.GetRequiredService<IOptions<UserOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<UserAccounts>();
        services.AddHostedService<PasswordHashingStartupNotice>();
        return services;
    }

    /// <summary>
    /// <typeparamref name="TService"/> as <typeparamref name="TSqlite"/> or <typeparamref name="TPostgreSql"/>, as
    /// <c>Gateway:Users:Store</c> says; chosen when first resolved, so only the chosen store's database is ever opened.
    /// </summary>
    public static IServiceCollection TryAddStore<TService, TSqlite, TPostgreSql>(this IServiceCollection services)
        where TService : class
        where TSqlite : class, TService
        where TPostgreSql : class, TService
    {
        services.TryAddSingleton<TSqlite>();
        services.TryAddSingleton<TPostgreSql>();
        services.TryAddSingleton<TService>(provider =>
            provider.GetRequiredService<IOptions<UserOptions>>().Value.Store == UserStoreKind.PostgreSql
                ? provider.GetRequiredService<TPostgreSql>()
                : provider.GetRequiredService<TSqlite>());
        return services;
    }
}
