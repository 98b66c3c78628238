using System.Security.Cryptography;
using System.Text;
using Gateway.Storage.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Accounts;

/// <summary>
/// Attempt counts shared by every instance through Redis: <c>{prefix}attempts:{sha256 of the key}</c>, so no username is
/// stored in clear, expiring with its window. While Redis cannot be reached each instance counts on its own
/// (<see cref="InMemoryAttemptCounter"/>): an outage never blocks a sign-in, it only loosens the limit.
/// </summary>
internal sealed class RedisAttemptCounter(
    IConnectionMultiplexer redis, IOptions<RedisOptions> options, InMemoryAttemptCounter local, ILogger<RedisAttemptCounter> logger)
    : IAttemptCounter
{
    // One step, so concurrent attempts on any instance each get their own count. The window is set only when the key
    // has none (PEXPIRE's NX of Redis 7, written so Redis 6 runs it too): it starts at the first attempt and later ones
    // never move it. KEYS[1] the key; ARGV[1] the window in milliseconds. Returns the count and the milliseconds left.
    internal const string CountScript = """
        local count = redis.call('INCR', KEYS[1])
        if redis.call('PTTL', KEYS[1]) < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return {count, redis.call('PTTL', KEYS[1])}
        """;

    private readonly string _keyStart = options.Value.KeyPrefix + "attempts:";
    private int _unreachable;

    public async ValueTask<AttemptCount> CountAsync(string key, TimeSpan window)
    {
        if (redis.IsConnected)
        {
            try
            {
                var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                    CountScript, [RedisKeyOf(key)], [(long)Math.Ceiling(window.TotalMilliseconds)]))!;
                Reachable();
                return new AttemptCount((long)result[0], TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1])));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Unreachable(ex);
            }
        }
        else
        {
            Unreachable(null);
        }

        return await local.CountAsync(key, window);
    }

    public async ValueTask ClearAsync(string key)
    {
        // The local count too: attempts counted here during an outage are cleared by the same success.
        await local.ClearAsync(key);
        if (!redis.IsConnected)
        {
            Unreachable(null);
            return;
        }

        try
        {
            await redis.GetDatabase().KeyDeleteAsync(RedisKeyOf(key));
            Reachable();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Unreachable(ex);
        }
    }

    internal RedisKey RedisKeyOf(string key) => _keyStart + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private void Unreachable(Exception? ex)
    {
        if (Interlocked.Exchange(ref _unreachable, 1) == 0)
        {
            AccountLimitLog.CountingLocally(logger, ex);
        }
    }

    private void Reachable()
    {
        if (Interlocked.Exchange(ref _unreachable, 0) == 1)
        {
            AccountLimitLog.CountingInRedisAgain(logger);
        }
    }
}
