using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.SecondFactor;

/// <summary>
/// Counts wrong codes per account in a fixed window (<see cref="SecondFactorOptions.WrongCodeWindow"/>); at
/// <see cref="SecondFactorOptions.MaxWrongCodes"/> the second step is locked until the window ends. With 3 codes valid
/// at a time out of 10^6, 5 tries per 5 minutes leave a guesser far from any code (RFC 4226 section 7.3 asks for such
/// a throttle). Kept in memory: each instance counts its own attempts.
/// </summary>
internal sealed class WrongCodeLimit(IOptions<SecondFactorOptions> options, TimeProvider time)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <returns>How long the account stays locked, or null when it may try.</returns>
    public TimeSpan? LockedFor(string userId)
    {
        var now = time.GetUtcNow();
        if (_windows.TryGetValue(userId, out var window) && window.Ends > now && window.Count >= options.Value.MaxWrongCodes)
        {
            return window.Ends - now;
        }

        return null;
    }

    public void RecordWrong(string userId)
    {
        var now = time.GetUtcNow();
        if (_windows.Count > PruneAbove)
        {
            foreach (var (id, old) in _windows)
            {
                if (old.Ends <= now)
                {
                    _windows.TryRemove(id, out _);
                }
            }
        }

        _windows.AddOrUpdate(
            userId,
            _ => new Window(now + options.Value.WrongCodeWindow, 1),
            (_, window) => window.Ends <= now ? new Window(now + options.Value.WrongCodeWindow, 1) : window with { Count = window.Count + 1 });
    }

    public void Clear(string userId) => _windows.TryRemove(userId, out _);

    private sealed record Window(DateTimeOffset Ends, int Count);
}
