using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Storage.Sql;

internal static class PostgreSqlExtensions
{
    /// <summary>
    /// With <c>Gateway:Users:Store</c> PostgreSql, the data-protection key ring in the store database. Registered always
    /// and resolved only with that store.
    /// </summary>
    public static IServiceCollection AddPostgreSqlKeyRing(this IServiceCollection services)
    {
        services.TryAddSingleton<PostgreSqlXmlRepository>();

        // PostConfigure runs after every Configure, whichever extension registered the folder or Redis repository and
        // in whatever order: with the PostgreSQL store, the key ring is in the database.
        services.AddOptions<KeyManagementOptions>()
            .PostConfigure<IOptions<UserStoreOptions>, IServiceProvider>((keys, users, provider) =>
            {
                if (users.Value.Store == UserStoreKind.PostgreSql)
                {
                    keys.XmlRepository = provider.GetRequiredService<PostgreSqlXmlRepository>();
                }
            });
        return services;
    }
}
