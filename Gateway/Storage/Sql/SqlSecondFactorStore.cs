using Dapper;
using static Gateway.Storage.Sql.StoreCommands;

namespace Gateway.Storage.Sql;

/// <summary>Second factors in the gateway's database, apart from the users (see <see cref="ISecondFactorStore"/>).</summary>
internal sealed class SqlSecondFactorStore(StoreDatabase database) : ISecondFactorStore
{
    public async Task<SecondFactorRecord?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync<(string? Secret, string? Pending, long LastStep, long CodesLeft)>(
            "SELECT secret, pending_secret, last_step, (SELECT COUNT(*) FROM recovery_codes WHERE user_id = @userId) " +
            "FROM second_factors WHERE user_id = @userId",
            new { userId }, cancellationToken);
        return rows.Select(row => new SecondFactorRecord(row.Secret, row.Pending, row.LastStep, (int)row.CodesLeft))
            .SingleOrDefault();
    }

    public Task SetPendingAsync(string userId, string protectedSecret, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "INSERT INTO second_factors (user_id, pending_secret) VALUES (@userId, @protectedSecret) " +
            "ON CONFLICT (user_id) DO UPDATE SET pending_secret = excluded.pending_secret",
            new { userId, protectedSecret }, cancellationToken);

    public Task<bool> ConfirmAsync(
        string userId, string pendingSecret, long step, IReadOnlyList<string> recoveryCodeHashes, DateTimeOffset at,
        CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await connection.ExecuteAsync(Command(
                "UPDATE second_factors SET secret = pending_secret, pending_secret = NULL, last_step = @step, enrolled_at = @at " +
                "WHERE user_id = @userId AND pending_secret = @pendingSecret",
                new { userId, pendingSecret, step, at = at.ToUnixTimeMilliseconds() }, transaction, cancellationToken)) == 0)
            {
                return false;
            }

            await connection.ExecuteAsync(Command(
                "DELETE FROM recovery_codes WHERE user_id = @userId", new { userId }, transaction, cancellationToken));

            // Dapper runs the insert once per code.
            await connection.ExecuteAsync(Command(
                "INSERT INTO recovery_codes (user_id, code_hash) VALUES (@userId, @hash) ON CONFLICT DO NOTHING",
                recoveryCodeHashes.Select(hash => new { userId, hash }), transaction, cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    public async Task<bool> TryUseStepAsync(string userId, long step, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE second_factors SET last_step = @step WHERE user_id = @userId AND secret IS NOT NULL AND last_step < @step",
            new { userId, step }, cancellationToken) == 1;

    public async Task<bool> TryUseRecoveryCodeAsync(string userId, string codeHash, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "DELETE FROM recovery_codes WHERE user_id = @userId AND code_hash = @codeHash", new { userId, codeHash },
            cancellationToken) == 1;

    // The codes and the secret go together. True only when an active secret was forgotten.
    public Task<bool> RemoveAsync(string userId, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(Command(
                "DELETE FROM recovery_codes WHERE user_id = @userId", new { userId }, transaction, cancellationToken));
            var secret = await connection.ExecuteScalarAsync<string?>(Command(
                "DELETE FROM second_factors WHERE user_id = @userId RETURNING secret", new { userId }, transaction, cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return secret is not null;
        }, cancellationToken);
}
