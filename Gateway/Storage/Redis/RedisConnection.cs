using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Storage.Redis;

/// <summary>
/// The gateway's one Redis connection, shared by everything that talks to Redis for the life of the process. StackExchange.Redis
/// multiplexes every command and the pub/sub subscription over it and reconnects on its own.
/// </summary>
internal static class RedisConnection
{
    public static IServiceCollection AddRedisConnection(this IServiceCollection services)
    {
        services.TryAddSingleton<IConnectionMultiplexer>(Connect);
        return services;
    }

    private static ConnectionMultiplexer Connect(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<RedisOptions>>().Value;
        var configuration = ConfigurationOptions.Parse(options.Configuration!);

        // Start, and keep running, without Redis: the multiplexer reconnects in the background.
        configuration.AbortOnConnectFail = false;

        // While disconnected a command fails at once instead of waiting in a backlog, so a logout is queued, not delayed.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "auth-gateway";

        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisConnection).FullName!);
        var endPoints = string.Join(", ", configuration.EndPoints.Select(EndPointCollection.ToString));
        RedisLog.Connecting(logger, endPoints, options.KeyPrefix);

        // Returns once the first attempt succeeded or timed out (connectTimeout): never throws for an unreachable server.
        return ConnectionMultiplexer.Connect(configuration);
    }
}
