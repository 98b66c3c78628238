using Gateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Gateway.Storage;

/// <summary>Second factors in the gateway's SQLite file (see <see cref="SqliteDatabase"/>).</summary>
internal sealed class SqliteSecondFactorStore(SqliteDatabase database) : ISecondFactorStore
{
    public async Task<SecondFactorRecord?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT secret, pending_secret, last_step, " +
            "(SELECT COUNT(*) FROM recovery_codes WHERE user_id = $id) FROM second_factors WHERE user_id = $id";
        command.Parameters.AddWithValue("$id", userId);
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
    }

    public async Task SetPendingAsync(string userId, string protectedSecret, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO second_factors (user_id, pending_secret) VALUES ($id, $pending) " +
            "ON CONFLICT (user_id) DO UPDATE SET pending_secret = excluded.pending_secret";
        command.Parameters.AddWithValue("$id", userId);
        command.Parameters.AddWithValue("$pending", protectedSecret);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> ConfirmAsync(
        string userId, string pendingSecret, long step, IReadOnlyList<string> recoveryCodeHashes, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var activate = connection.CreateCommand();
        activate.Transaction = transaction;
        activate.CommandText =
            "UPDATE second_factors SET secret = pending_secret, pending_secret = NULL, last_step = $step, enrolled_at = $at " +
            "WHERE user_id = $id AND pending_secret = $pending";
        activate.Parameters.AddWithValue("$id", userId);
        activate.Parameters.AddWithValue("$pending", pendingSecret);
        activate.Parameters.AddWithValue("$step", step);
        activate.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        if (await activate.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await using var clear = connection.CreateCommand();
        clear.Transaction = transaction;
        clear.CommandText = "DELETE FROM recovery_codes WHERE user_id = $id";
        clear.Parameters.AddWithValue("$id", userId);
        await clear.ExecuteNonQueryAsync(cancellationToken);

        foreach (var hash in recoveryCodeHashes)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO recovery_codes (user_id, code_hash) VALUES ($id, $hash)";
            insert.Parameters.AddWithValue("$id", userId);
            insert.Parameters.AddWithValue("$hash", hash);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> TryUseStepAsync(string userId, long step, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE second_factors SET last_step = $step WHERE user_id = $id AND secret IS NOT NULL AND last_step < $step";
        command.Parameters.AddWithValue("$id", userId);
        command.Parameters.AddWithValue("$step", step);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> TryUseRecoveryCodeAsync(string userId, string codeHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM recovery_codes WHERE user_id = $id AND code_hash = $hash";
        command.Parameters.AddWithValue("$id", userId);
        command.Parameters.AddWithValue("$hash", codeHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RemoveAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "DELETE FROM recovery_codes WHERE user_id = $id; DELETE FROM second_factors WHERE user_id = $id RETURNING secret";
        command.Parameters.AddWithValue("$id", userId);
        var removed = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                removed |= !reader.IsDBNull(0);
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return removed;
    }
}
