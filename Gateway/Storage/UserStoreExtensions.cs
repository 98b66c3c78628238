using Gateway.Accounts;
using Gateway.Hosting.Options;
using Gateway.Storage.PostgreSql;
using Gateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Storage;

internal static class UserStoreExtensions
{
    public static IServiceCollection AddUserStore(this IServiceCollection services)
    {
        services.AddGatewaySection<UserOptions>(UserOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UserOptions>, UserOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UserOptions>, UserStoreOptionsValidator>());
        services.TryAddStore<IUserStore, SqlUserStore>();
        services.AddHostedService<StoreStartup>();
        services.AddPostgreSqlKeyRing();
        services.TryAddSingleton(provider => HashingThreads.For(
            provider.GetRequiredService<IOptions<UserOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<UserAccounts>();
        services.AddHostedService<PasswordHashingStartupNotice>();
        return services;
    }

    /// <summary><typeparamref name="TService"/> as <typeparamref name="TStore"/>, over the one <see cref="StoreDatabase"/>.</summary>
    public static IServiceCollection TryAddStore<TService, TStore>(this IServiceCollection services)
        where TService : class
        where TStore : class, TService
    {
        services.TryAddSingleton(CreateDatabase);
        services.TryAddSingleton<TService, TStore>();
        return services;
    }

    // The database Gateway:Users:Store names, chosen when first resolved: only that database is ever opened.
    private static StoreDatabase CreateDatabase(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<UserOptions>>().Value;
        SqlDialect dialect = options.Store == UserStoreKind.PostgreSql
            // UserStoreOptionsValidator has checked the connection string is there and parses.
            ? new PostgreSqlDialect(options.ConnectionString!)
            : new SqliteDialect(provider.GetRequiredService<DataFolder>());
        return new StoreDatabase(dialect, provider.GetRequiredService<ILogger<StoreDatabase>>());
    }
}
