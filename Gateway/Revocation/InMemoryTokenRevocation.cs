using System.Collections.Concurrent;

namespace Gateway.Revocation;

/// <summary>Revocations held by this process only; entries leave once their token would have expired.</summary>
internal sealed class InMemoryTokenRevocation(TimeProvider time) : ITokenRevocation
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private long _nextPruneTicks;

    public int Count => _revoked.Count;

    public bool IsRevoked(string tokenId) => _revoked.ContainsKey(tokenId);

    public Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _revoked[tokenId] = expiresAt;
        PruneExpired();
        return Task.CompletedTask;
    }

    private void PruneExpired()
    {
        var now = time.GetUtcNow();
        var next = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneInterval).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (id, expiresAt) in _revoked)
        {
            if (expiresAt < now)
            {
                _revoked.TryRemove(id, out _);
            }
        }
    }
}
