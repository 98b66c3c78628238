using Gateway.Hosting.Health;
using Gateway.Hosting.Options;
using Gateway.Storage.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Revocation;

internal static class RevocationExtensions
{
    /// <summary>
    /// In memory when Gateway:Redis:Configuration is unset; otherwise shared through Redis, checked against a local view
    /// that pub/sub keeps current. Either way users' cut-offs are loaded from the user store at start-up.
    /// </summary>
    public static IServiceCollection AddTokenRevocation(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<RevocationExpiry>();
        services.TryAddSingleton<InMemoryTokenRevocation>();
        services.TryAddSingleton<SignOutEverywhere>();
        services.AddHostedService<StoredCutOffs>();
        services.AddHostedService<StoredCutOffsRefresh>();

        var redis = configuration[$"{GatewayOptions.SectionName}:{RedisOptions.Section}:{nameof(RedisOptions.Configuration)}"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<ITokenRevocation>(provider => provider.GetRequiredService<InMemoryTokenRevocation>());
            services.AddHostedService<RevocationStartupNotice>();
            return services;
        }

        services.AddRedisConnection();
        services.TryAddSingleton<RedisKeys>();
        services.TryAddSingleton<RedisRevocationStore>();
        services.TryAddSingleton<PendingRevocations>();
        services.TryAddSingleton<RedisSyncState>();
        services.TryAddSingleton<ITokenRevocation, RedisTokenRevocation>();
        services.AddHostedService<RedisRevocationSync>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>(RedisHealthCheck.Name, tags: [HealthExtensions.ReadinessTag]);
        return services;
    }
}
