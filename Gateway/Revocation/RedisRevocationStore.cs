using StackExchange.Redis;

namespace Gateway.Revocation;

/// <summary>
/// The revocation keys in Redis, over the shared connection: writes one (announcing it on the channel) and reads them all.
/// Each key expires when its revocation stops mattering, so nothing grows forever. Failures throw; callers decide.
/// </summary>
internal sealed class RedisRevocationStore(
    IConnectionMultiplexer redis, RedisKeys keys, RevocationExpiry expiry, TimeProvider time)
{
    private const int PageSize = 500;

    // Sets the key (only ever to a later value: cut-offs move forward) and announces it in one step, so an instance
    // never finds the key without having been sent the message, or the reverse.
    // KEYS[1] the key; ARGV: value, TTL in seconds, channel, message.
    private const string WriteScript = """
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tonumber(ARGV[1]) > current then
          redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
        end
        redis.call('PUBLISH', ARGV[3], ARGV[4])
        return 1
        """;

    /// <returns>False when the entry no longer matters and was not written.</returns>
    public async Task<bool> WriteAsync(RevocationEntry entry)
    {
        var ttl = expiry.KeepUntil(entry) - time.GetUtcNow().ToUnixTimeSeconds();
        if (ttl <= 0)
        {
            return false;
        }

        await redis.GetDatabase().ScriptEvaluateAsync(
            WriteScript,
            [keys.Key(entry)],
            [
                RedisKeys.Value(entry),
                ttl,
                keys.Channel.ToString(),
                RedisKeys.ToMessage(entry),
            ]);
        return true;
    }

    /// <summary>Writes the entries a page at a time (pipelined within a page).</summary>
    /// <returns>How many were written.</returns>
    public async Task<int> WriteAllAsync(IEnumerable<RevocationEntry> entries)
    {
        var written = 0;
        foreach (var page in entries.Chunk(PageSize))
        {
            var results = await Task.WhenAll(page.Select(WriteAsync));
            written += results.Count(result => result);
        }

        return written;
    }

    /// <summary>Every revocation key on every primary (SCAN, never KEYS, so Redis is not blocked).</summary>
    public async Task<List<RevocationEntry>> LoadAllAsync()
    {
        var database = redis.GetDatabase();
        var entries = new List<RevocationEntry>();
        foreach (var server in redis.GetServers())
        {
            if (!server.IsConnected || server.IsReplica)
            {
                continue;
            }

            var page = new List<RedisKey>(PageSize);
            await foreach (var key in server.KeysAsync(database.Database, keys.Pattern, PageSize))
            {
                page.Add(key);
                if (page.Count == PageSize)
                {
                    await ReadPageAsync(database, page, entries);
                    page.Clear();
                }
            }

            await ReadPageAsync(database, page, entries);
        }

        return entries;
    }

    private async Task ReadPageAsync(IDatabase database, List<RedisKey> page, List<RevocationEntry> entries)
    {
        // Pipelined single GETs rather than MGET: in a cluster the keys of a page live in different slots.
        var values = await Task.WhenAll(page.Select(key => database.StringGetAsync(key)));
        for (var i = 0; i < page.Count; i++)
        {
            if (keys.FromKey(page[i].ToString(), values[i]) is { } entry)
            {
                entries.Add(entry);
            }
        }
    }
}
