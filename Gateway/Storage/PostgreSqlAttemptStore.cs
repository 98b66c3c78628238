using Gateway.Storage.PostgreSql;
using Npgsql;

namespace Gateway.Storage;

/// <summary>Attempt counts in PostgreSQL (see <see cref="SqliteAttemptStore"/> for the SQLite twin).</summary>
internal sealed class PostgreSqlAttemptStore(PostgreSqlDatabase database) : IAttemptStore
{
    public Task<StoredAttempts> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            // ON CONFLICT DO UPDATE locks the row: concurrent attempts on any instance each get their own count.
            await using var command = new NpgsqlCommand(
                "INSERT INTO attempt_counts (key_hash, tries, window_ends) VALUES (@key, 1, @ends) " +
                "ON CONFLICT (key_hash) DO UPDATE SET " +
                "tries = CASE WHEN attempt_counts.window_ends <= @now THEN 1 ELSE attempt_counts.tries + 1 END, " +
                "window_ends = CASE WHEN attempt_counts.window_ends <= @now THEN @ends ELSE attempt_counts.window_ends END " +
                "RETURNING tries, window_ends",
                connection);
            command.Parameters.AddWithValue("key", key);
            command.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("ends", (now + window).ToUnixTimeMilliseconds());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new StoredAttempts(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
        }, cancellationToken);

    public Task ClearAsync(string key, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM attempt_counts WHERE key_hash = @key", connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task PruneAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM attempt_counts WHERE window_ends <= @now", connection);
            command.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
