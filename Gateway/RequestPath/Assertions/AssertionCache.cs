using System.Collections.Concurrent;

namespace Gateway.RequestPath.Assertions;

/// <summary>
/// Signed assertions by (token jti, cluster) until shortly before they expire, so a browser's stream of requests costs
/// one signature per token and backend. Bounded: when full, stale entries go, and if that frees nothing everything does;
/// a flood of distinct tokens then costs a signature each, as without a cache, and never unbounded memory.
/// </summary>
internal sealed class AssertionCache(int capacity)
{
    private readonly ConcurrentDictionary<(string TokenId, string Audience), Entry> _entries = new();

    public int Count => _entries.Count;

    public bool TryGet(string tokenId, string audience, DateTimeOffset now, out string assertion)
    {
        if (_entries.TryGetValue((tokenId, audience), out var entry) && now.UtcTicks < entry.ReuseUntilTicks)
        {
            assertion = entry.Assertion;
            return true;
        }

        assertion = "";
        return false;
    }

    public void Add(string tokenId, string audience, string assertion, DateTimeOffset reuseUntil, DateTimeOffset now)
    {
        // Only on a miss, at most once per token and backend per assertion lifetime: Count's cost does not matter here.
        if (_entries.Count >= capacity)
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.ReuseUntilTicks <= now.UtcTicks)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[(tokenId, audience)] = new Entry(assertion, reuseUntil.UtcTicks);
    }

    private sealed record Entry(string Assertion, long ReuseUntilTicks);
}
