using Gateway.Storage.PostgreSql;
using Npgsql;

namespace Gateway.Storage;

/// <summary>Second factors in PostgreSQL (see <see cref="SqliteSecondFactorStore"/> for the SQLite twin).</summary>
internal sealed class PostgreSqlSecondFactorStore(PostgreSqlDatabase database) : ISecondFactorStore
{
    public Task<SecondFactorRecord?> FindAsync(string userId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT secret, pending_secret, last_step, " +
                "(SELECT COUNT(*) FROM recovery_codes WHERE user_id = @id)::integer FROM second_factors WHERE user_id = @id",
                connection);
            command.Parameters.AddWithValue("id", userId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new SecondFactorRecord(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetInt64(2),
                reader.GetInt32(3));
        }, cancellationToken);

    public Task SetPendingAsync(string userId, string protectedSecret, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO second_factors (user_id, pending_secret) VALUES (@id, @pending) " +
                "ON CONFLICT (user_id) DO UPDATE SET pending_secret = excluded.pending_secret",
                connection);
            command.Parameters.AddWithValue("id", userId);
            command.Parameters.AddWithValue("pending", protectedSecret);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<bool> ConfirmAsync(
        string userId, string pendingSecret, long step, IReadOnlyList<string> recoveryCodeHashes, DateTimeOffset at,
        CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var activate = new NpgsqlCommand(
                "UPDATE second_factors SET secret = pending_secret, pending_secret = NULL, last_step = @step, enrolled_at = @at " +
                "WHERE user_id = @id AND pending_secret = @pending",
                connection);
            activate.Parameters.AddWithValue("id", userId);
            activate.Parameters.AddWithValue("pending", pendingSecret);
            activate.Parameters.AddWithValue("step", step);
            activate.Parameters.AddWithValue("at", at.ToUnixTimeMilliseconds());
            if (await activate.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }

            await using var replace = new NpgsqlCommand(
                "DELETE FROM recovery_codes WHERE user_id = @id; " +
                "INSERT INTO recovery_codes (user_id, code_hash) SELECT @id, unnest(@hashes) ON CONFLICT DO NOTHING",
                connection);
            replace.Parameters.AddWithValue("id", userId);
            replace.Parameters.AddWithValue("hashes", recoveryCodeHashes.ToArray());
            await replace.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> TryUseStepAsync(string userId, long step, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "UPDATE second_factors SET last_step = @step WHERE user_id = @id AND secret IS NOT NULL AND last_step < @step",
                connection);
            command.Parameters.AddWithValue("id", userId);
            command.Parameters.AddWithValue("step", step);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task<bool> TryUseRecoveryCodeAsync(string userId, string codeHash, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "DELETE FROM recovery_codes WHERE user_id = @id AND code_hash = @hash", connection);
            command.Parameters.AddWithValue("id", userId);
            command.Parameters.AddWithValue("hash", codeHash);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task<bool> RemoveAsync(string userId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            // One statement: the codes and the secret go together. True only when an active secret was forgotten.
            await using var command = new NpgsqlCommand(
                "WITH codes AS (DELETE FROM recovery_codes WHERE user_id = @id), " +
                "removed AS (DELETE FROM second_factors WHERE user_id = @id RETURNING secret) " +
                "SELECT COUNT(*) FILTER (WHERE secret IS NOT NULL) > 0 FROM removed",
                connection);
            command.Parameters.AddWithValue("id", userId);
            return await command.ExecuteScalarAsync(cancellationToken) is true;
        }, cancellationToken);
}
