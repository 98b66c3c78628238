using Gateway.Storage.Sqlite;

namespace Gateway.Storage;

/// <summary>Attempt counts in the gateway's SQLite file (see <see cref="SqliteDatabase"/>).</summary>
internal sealed class SqliteAttemptStore(SqliteDatabase database) : IAttemptStore
{
    public async Task<StoredAttempts> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement, so two instances counting at once each get their own count. SET reads the row as it was.
        command.CommandText =
            "INSERT INTO attempt_counts (key_hash, tries, window_ends) VALUES ($key, 1, $ends) " +
            "ON CONFLICT (key_hash) DO UPDATE SET " +
            "tries = CASE WHEN attempt_counts.window_ends <= $now THEN 1 ELSE attempt_counts.tries + 1 END, " +
            "window_ends = CASE WHEN attempt_counts.window_ends <= $now THEN $ends ELSE attempt_counts.window_ends END " +
            "RETURNING tries, window_ends";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$ends", (now + window).ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoredAttempts(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
    }

    public async Task ClearAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM attempt_counts WHERE key_hash = $key";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM attempt_counts WHERE window_ends <= $now";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
