using System.Collections.Concurrent;

namespace Gateway.Accounts;

/// <summary>
/// Attempt counts of this instance only. Bounded: at <see cref="MaxKeys"/> keys, the expired windows are dropped and, if
/// that is not enough, those ending soonest, down to nine tenths of the bound.
/// </summary>
internal sealed class InMemoryAttemptCounter(TimeProvider time) : IAttemptCounter
{
    public const int MaxKeys = 100_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _pruning = new();

    public int Count => _windows.Count;

    public ValueTask<AttemptCount> CountAsync(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        if (_windows.Count >= MaxKeys)
        {
            Prune(now);
        }

        var counted = _windows.AddOrUpdate(
            key,
            _ => new Window(now + window, 1),
            (_, current) => current.Ends <= now ? new Window(now + window, 1) : current with { Count = current.Count + 1 });
        return ValueTask.FromResult(new AttemptCount(counted.Count, counted.Ends - now));
    }

    public ValueTask ClearAsync(string key)
    {
        _windows.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    private void Prune(DateTimeOffset now)
    {
        if (!_pruning.TryEnter())
        {
            return;
        }

        try
        {
            foreach (var (key, window) in _windows)
            {
                if (window.Ends <= now)
                {
                    _windows.TryRemove(key, out _);
                }
            }

            var excess = _windows.Count - (MaxKeys / 10 * 9);
            if (excess > 0)
            {
                foreach (var (key, _) in _windows.OrderBy(entry => entry.Value.Ends).Take(excess).ToList())
                {
                    _windows.TryRemove(key, out _);
                }
            }
        }
        finally
        {
            _pruning.Exit();
        }
    }

    private sealed record Window(DateTimeOffset Ends, long Count);
}
