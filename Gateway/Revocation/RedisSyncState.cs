namespace Gateway.Revocation;

/// <summary>Whether the local view matches Redis and, when not, since when and why: read by /readyz and the staleness limit.</summary>
internal sealed class RedisSyncState(TimeProvider time)
{
    private readonly Lock _lock = new();
    private volatile bool _inSync;
    private bool _everInSync;
    private DateTimeOffset _outOfSyncSince = time.GetUtcNow();
    private string _reason = "Redis has not been reached yet.";
    private long _generation;

    public bool InSync => _inSync;

    public Snapshot Read()
    {
        lock (_lock)
        {
            return new Snapshot(_inSync, _everInSync, _outOfSyncSince, _reason);
        }
    }

    /// <summary>Changes with every loss of sync: a reload that saw a loss begin while it ran must not claim to be in sync.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <returns>True when the view was in sync until now.</returns>
    public bool MarkOutOfSync(string reason)
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _generation);
            var wasInSync = _inSync;
            if (wasInSync)
            {
                _outOfSyncSince = time.GetUtcNow();
            }

            _inSync = false;
            _reason = reason;
            return wasInSync;
        }
    }

    /// <returns>True when the view was out of sync until now and no loss happened since <paramref name="generation"/>.</returns>
    public bool MarkInSync(long generation)
    {
        lock (_lock)
        {
            if (_inSync || generation != Generation)
            {
                return false;
            }

            _inSync = true;
            _everInSync = true;
            _reason = string.Empty;
            return true;
        }
    }

    /// <summary>
    /// Past the limit: out of sync for longer than <paramref name="limit"/>, or never in sync at all (a view that was never
    /// loaded knows no logout made elsewhere). No limit: never stale (fail open).
    /// </summary>
    public bool IsStale(TimeSpan? limit)
    {
        if (limit is not { } maximum || _inSync)
        {
            return false;
        }

        var state = Read();
        return !state.InSync && (!state.EverInSync || time.GetUtcNow() - state.OutOfSyncSince > maximum);
    }

    internal sealed record Snapshot(bool InSync, bool EverInSync, DateTimeOffset OutOfSyncSince, string Reason);
}
