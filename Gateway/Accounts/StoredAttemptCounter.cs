using System.Security.Cryptography;
using System.Text;

using Gateway.Storage;

namespace Gateway.Accounts;

/// <summary>
/// Attempt counts in the user store's database, for gateways without Redis: every instance sharing the store counts
/// together, as with <see cref="RedisAttemptCounter"/>. Keys are stored as their SHA-256, so no username is kept in
/// clear; ended windows are pruned every <see cref="PruneEvery"/> counts.
/// </summary>
internal sealed class StoredAttemptCounter(IAttemptStore store, TimeProvider time) : IAttemptCounter
{
    private const int PruneEvery = 1_000;

    private long _counted;

    public async ValueTask<AttemptCount> CountAsync(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _counted) % PruneEvery == 0)
        {
            await store.PruneAsync(now, CancellationToken.None);
        }

        var counted = await store.CountAsync(Hash(key), now, window, CancellationToken.None);
        return new AttemptCount(counted.Count, counted.WindowEnds - now);
    }

    public async ValueTask ClearAsync(string key) => await store.ClearAsync(Hash(key), CancellationToken.None);

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
