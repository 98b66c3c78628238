namespace Gateway.Storage.Sql;

/// <summary>Attempt counts in the gateway's database, shared by every instance on it; times in Unix milliseconds.</summary>
internal sealed class SqlAttemptStore(StoreDatabase database) : IAttemptStore
{
    // One statement, so two instances counting at once each get their own count: the upsert locks the row (PostgreSQL)
    // or the database (SQLite), and SET reads the row as it was.
    private const string Count =
        "INSERT INTO attempt_counts (key_hash, tries, window_ends) VALUES (@key, 1, @ends) " +
        "ON CONFLICT (key_hash) DO UPDATE SET " +
        "tries = CASE WHEN attempt_counts.window_ends <= @now THEN 1 ELSE attempt_counts.tries + 1 END, " +
        "window_ends = CASE WHEN attempt_counts.window_ends <= @now THEN @ends ELSE attempt_counts.window_ends END " +
        "RETURNING tries, window_ends";

    public async Task<StoredAttempts> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync<(long Tries, long WindowEnds)>(
            Count,
            new { key, now = now.ToUnixTimeMilliseconds(), ends = (now + window).ToUnixTimeMilliseconds() },
            cancellationToken);
        var (tries, windowEnds) = rows.Single();
        return new StoredAttempts(tries, DateTimeOffset.FromUnixTimeMilliseconds(windowEnds));
    }

    public Task ClearAsync(string key, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM attempt_counts WHERE key_hash = @key", new { key }, cancellationToken);

    public Task PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "DELETE FROM attempt_counts WHERE window_ends <= @now", new { now = now.ToUnixTimeMilliseconds() }, cancellationToken);
}
