using StackExchange.Redis;

namespace Gateway.Revocation;

/// <summary>
/// Revocations shared by every instance through Redis. Checks read the local view only (no Redis round trip per
/// request); a revocation is enforced here at once, then written to Redis, or queued while Redis is away for
/// <see cref="RedisRevocationSync"/> to write once it is back.
/// </summary>
internal sealed class RedisTokenRevocation(
    InMemoryTokenRevocation view,
    RedisRevocationStore store,
    IConnectionMultiplexer redis,
    PendingRevocations pending,
    ILogger<RedisTokenRevocation> logger) : ITokenRevocation
{
    public bool IsRevoked(string tokenId, string? sessionId, string userId, DateTimeOffset authenticatedAt) =>
        view.IsRevoked(tokenId, sessionId, userId, authenticatedAt);

    public DateTimeOffset? CutOff(string userId) => view.CutOff(userId);

    public Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        ApplyAsync(new RevocationEntry.Token(tokenId, expiresAt.ToUnixTimeSeconds()));

    public Task RevokeSessionAsync(string sessionId, DateTimeOffset endsAt, CancellationToken cancellationToken) =>
        ApplyAsync(new RevocationEntry.Session(sessionId, endsAt.ToUnixTimeSeconds()));

    public Task RevokeAllAsync(string userId, DateTimeOffset cutOff, CancellationToken cancellationToken) =>
        ApplyAsync(new RevocationEntry.User(userId, cutOff.ToUnixTimeSeconds()));

    // Not cancellable: a client hanging up after its logout was enforced here must not keep it from the other instances.
    private async Task ApplyAsync(RevocationEntry entry)
    {
        view.Apply(entry);
        var reason = "no connection";
        if (redis.IsConnected)
        {
            try
            {
                await store.WriteAsync(entry);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                reason = ex.GetType().Name;
            }
        }

        pending.Add(entry);
        RevocationLog.Queued(logger, reason, pending.Count);
    }
}
