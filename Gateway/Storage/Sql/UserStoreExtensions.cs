using Gateway.Audit;
using Gateway.Hosting.Health;
using Gateway.Hosting.Options;
using Gateway.Storage.PostgreSql;
using Gateway.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Storage.Sql;

internal static class UserStoreExtensions
{
    public static IServiceCollection AddUserStore(this IServiceCollection services)
    {
        services.TryAddStore<IUserStore, SqlUserStore>();
        services.TryAddStore<ISecondFactorStore, SqlSecondFactorStore>();
        services.TryAddStore<IAuditStore, SqlAuditStore>();
        services.TryAddStore<IAttemptStore, SqlAttemptStore>();
        services.AddHostedService<StoreStartup>();
        services.AddHealthChecks().AddCheck<UserStoreHealthCheck>(UserStoreHealthCheck.Name, tags: [HealthExtensions.ReadinessTag]);
        services.AddPostgreSqlKeyRing();
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
        var options = provider.GetRequiredService<IOptions<UserStoreOptions>>().Value;
        SqlDialect dialect = options.Store == UserStoreKind.PostgreSql
            // UserStoreOptionsValidator has checked the connection string is there and parses.
            ? new PostgreSqlDialect(options.ConnectionString!)
            : new SqliteDialect(provider.GetRequiredService<DataFolder>());
        return new StoreDatabase(dialect, provider.GetRequiredService<ILogger<StoreDatabase>>());
    }
}
