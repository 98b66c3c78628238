using Gateway.Accounts;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Storage.PostgreSql;

internal static class PostgreSqlExtensions
{
    /// <summary>
    /// The PostgreSQL database, its start-up migration and, with <c>Gateway:Users:Store</c> PostgreSql, the data-protection
    /// key ring. Registered always and resolved only with that store (see <see cref="UserStoreExtensions.TryAddStore"/>).
    /// </summary>
    public static IServiceCollection AddPostgreSqlDatabase(this IServiceCollection services)
    {
        services.TryAddSingleton<PostgreSqlDatabase>();
        services.TryAddSingleton<PostgreSqlXmlRepository>();
        services.AddHostedService<PostgreSqlStartup>();

        // PostConfigure runs after every Configure, whichever extension registered the folder or Redis repository and
        // in whatever order: with the PostgreSQL store, the key ring is in the database.
        services.AddOptions<KeyManagementOptions>()
            .PostConfigure<IOptions<UserOptions>, IServiceProvider>((keys, users, provider) =>
            {
                if (users.Value.Store == UserStoreKind.PostgreSql)
                {
                    keys.XmlRepository = provider.GetRequiredService<PostgreSqlXmlRepository>();
                }
            });
        return services;
    }
}
