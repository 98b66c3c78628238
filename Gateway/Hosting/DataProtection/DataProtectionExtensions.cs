using Gateway.Hosting.Options;
using Gateway.Storage;
using Gateway.Storage.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Hosting.DataProtection;

internal static class DataProtectionExtensions
{
    /// <summary>The list under Gateway:Redis:KeyPrefix that holds the key ring when it lives in Redis.</summary>
    public const string RedisKeyName = "data-protection-keys";

    /// <summary>Where the key ring lives with these settings, in the words of docs/postgresql-and-instances.md.</summary>
    public static string KeyRingLocation(UserStoreOptions users, RedisOptions redis) =>
        users.Store == UserStoreKind.PostgreSql ? "the PostgreSQL table data_protection_keys"
        : redis.Enabled ? $"the Redis list {redis.KeyPrefix}{RedisKeyName}"
        : "the data folder's keys/";

    /// <summary>
    /// The data-protection key ring, which seals antiforgery tokens, second-step challenges and TOTP secrets, kept where
    /// every instance finds it: with Gateway:Users:Store PostgreSql in the database (that store configures it); with
    /// SQLite and Gateway:Redis:Configuration in Redis, over the gateway's one connection; otherwise in the data folder,
    /// which only instances sharing that folder share.
    /// </summary>
    public static IServiceCollection AddGatewayDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("auth-gateway");
        if (!string.IsNullOrWhiteSpace(
            configuration[$"{GatewayOptions.SectionName}:{RedisOptions.Section}:{nameof(RedisOptions.Configuration)}"]))
        {
            services.AddRedisConnection();
        }

        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<UserStoreOptions>, IOptions<RedisOptions>, IServiceProvider>((keys, users, redis, provider) =>
            {
                if (users.Value.Store == UserStoreKind.PostgreSql)
                {
                    return;
                }

                keys.XmlRepository = redis.Value.Enabled
                    ? new RedisXmlRepository(
                        () => provider.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), redis.Value.KeyPrefix + RedisKeyName)
                    : new OwnerOnlyXmlRepository(provider.GetRequiredService<DataFolder>().Subfolder("keys"));
            });
        return services;
    }
}
