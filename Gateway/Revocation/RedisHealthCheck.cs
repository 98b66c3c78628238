using System.Globalization;
using Gateway.Storage.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Revocation;

/// <summary>
/// Readiness of the shared revocation store: Healthy in sync with Redis; Degraded while Redis is away and the local view
/// is trusted (fail open); Unhealthy once Gateway:Redis:MaxStaleness is exceeded and protected routes answer 503.
/// </summary>
internal sealed class RedisHealthCheck(
    IConnectionMultiplexer redis,
    RedisSyncState state,
    PendingRevocations pending,
    InMemoryTokenRevocation view,
    IOptions<RedisOptions> options) : IHealthCheck
{
    public const string Name = "redis";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = state.Read();
        var data = new Dictionary<string, object>
        {
            ["revokedTokens"] = view.Count,
            ["userCutOffs"] = view.CutOffCount,
            ["queuedWrites"] = pending.Count,
            ["connected"] = redis.IsConnected,
        };
        if (snapshot.InSync)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Revocations are in sync with Redis.", data));
        }

        var since = snapshot.EverInSync
            ? $"since {snapshot.OutOfSyncSince.ToString("u", CultureInfo.InvariantCulture)}"
            : "since start-up (never reached)";
        var reason = $"Out of sync with Redis {since}: {snapshot.Reason}.";
        var limit = options.Value.MaxStaleness;
        if (state.IsStale(limit))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"{reason} That is past Gateway:Redis:MaxStaleness ({limit}), so protected routes answer 503.", data: data));
        }

        return Task.FromResult(HealthCheckResult.Degraded(
            $"{reason} Requests are checked against this instance's view; {pending.Count} revocations wait to be written.",
            data: data));
    }
}
