using System.Collections.Concurrent;

using Gateway.Tokens;

namespace Gateway.Revocation;

/// <summary>
/// Revocations held by this process: the whole store without Redis, and the local view every request is checked against
/// with it. Entries leave once no token they end could still be accepted.
/// </summary>
internal sealed class InMemoryTokenRevocation(TimeProvider time, RevocationExpiry expiry) : ITokenRevocation
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, long> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _cutOffs = new(StringComparer.Ordinal);
    private long _nextPruneTicks;

    public int Count => _revoked.Count;

    public int CutOffCount => _cutOffs.Count;

    public int SessionCount => _sessions.Count;

    /// <summary>Raised after every <see cref="Apply"/>, on the applying thread: handlers must only take note.</summary>
    public event Action? Applied;

    public bool IsRevoked(string tokenId, string? sessionId, string userId, DateTimeOffset authenticatedAt) =>
        _revoked.ContainsKey(tokenId)
        || (sessionId is not null && _sessions.ContainsKey(sessionId))
        || (_cutOffs.TryGetValue(userId, out var cutOff) && TokenCutOff.Ends(cutOff, authenticatedAt.ToUnixTimeSeconds()));

    public DateTimeOffset? CutOff(string userId) =>
        _cutOffs.TryGetValue(userId, out var cutOff) ? DateTimeOffset.FromUnixTimeSeconds(cutOff) : null;

    public Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        Apply(new RevocationEntry.Token(tokenId, expiresAt.ToUnixTimeSeconds()));
        return Task.CompletedTask;
    }

    public Task RevokeSessionAsync(string sessionId, DateTimeOffset endsAt, CancellationToken cancellationToken)
    {
        Apply(new RevocationEntry.Session(sessionId, endsAt.ToUnixTimeSeconds()));
        return Task.CompletedTask;
    }

    public Task RevokeAllAsync(string userId, DateTimeOffset cutOff, CancellationToken cancellationToken)
    {
        Apply(new RevocationEntry.User(userId, cutOff.ToUnixTimeSeconds()));
        return Task.CompletedTask;
    }

    /// <summary>Adds an entry; applying one twice, or an older cut-off after a newer one, changes nothing.</summary>
    public void Apply(RevocationEntry entry)
    {
        switch (entry)
        {
            case RevocationEntry.Token token:
                _revoked.AddOrUpdate(token.TokenId, token.ExpiresAt, (_, known) => Math.Max(known, token.ExpiresAt));
                break;
            case RevocationEntry.Session session:
                _sessions.AddOrUpdate(session.SessionId, session.EndsAt, (_, known) => Math.Max(known, session.EndsAt));
                break;
            case RevocationEntry.User user:
                _cutOffs.AddOrUpdate(user.UserId, user.CutOff, (_, known) => Math.Max(known, user.CutOff));
                break;
        }

        PruneExpired();
        Applied?.Invoke();
    }

    /// <summary>Every entry still in force, to write back to a Redis that lost them.</summary>
    public IEnumerable<RevocationEntry> Entries()
    {
        foreach (var (id, expiresAt) in _revoked)
        {
            yield return new RevocationEntry.Token(id, expiresAt);
        }

        foreach (var (id, endsAt) in _sessions)
        {
            yield return new RevocationEntry.Session(id, endsAt);
        }

        foreach (var (id, cutOff) in _cutOffs)
        {
            yield return new RevocationEntry.User(id, cutOff);
        }
    }

    private void PruneExpired()
    {
        var now = time.GetUtcNow();
        var next = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneInterval).UtcTicks, next) != next)
        {
            return;
        }

        var seconds = now.ToUnixTimeSeconds();
        foreach (var (id, expiresAt) in _revoked)
        {
            if (expiry.KeepUntil(new RevocationEntry.Token(id, expiresAt)) < seconds)
            {
                _revoked.TryRemove(KeyValuePair.Create(id, expiresAt));
            }
        }

        foreach (var (id, endsAt) in _sessions)
        {
            if (expiry.KeepUntil(new RevocationEntry.Session(id, endsAt)) < seconds)
            {
                _sessions.TryRemove(KeyValuePair.Create(id, endsAt));
            }
        }

        foreach (var (id, cutOff) in _cutOffs)
        {
            if (expiry.KeepUntil(new RevocationEntry.User(id, cutOff)) < seconds)
            {
                _cutOffs.TryRemove(KeyValuePair.Create(id, cutOff));
            }
        }
    }
}
