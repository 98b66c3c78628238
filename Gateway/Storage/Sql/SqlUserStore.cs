using Dapper;
using static Gateway.Storage.Sql.StoreCommands;

namespace Gateway.Storage.Sql;

/// <summary>Users in the gateway's database, SQLite or PostgreSQL (see <see cref="SqlDialect"/>), in <see cref="UserRow"/>s.</summary>
internal sealed class SqlUserStore(StoreDatabase database) : IUserStore
{
    private readonly SqlDialect _sql = database.Dialect;

    public Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        FindAsync("username_key = @key", UsernameRules.Normalize(username), cancellationToken);

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        FindAsync("id = @key", id, cancellationToken);

    // Any unique conflict (the username key, or the id) writes nothing and says so.
    public async Task<bool> TryCreateAsync(User user, CancellationToken cancellationToken) =>
        await database.ExecuteAsync($"{UserRow.Insert} ON CONFLICT DO NOTHING", UserRow.From(user), cancellationToken) == 1;

    public Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE users SET password_hash = @passwordHash WHERE id = @id", new { id, passwordHash }, cancellationToken);

    public async Task<DateTimeOffset> AdvanceTokensValidAfterAsync(
        string id, DateTimeOffset atLeast, CancellationToken cancellationToken) =>
        await UpdateWithCutOffAsync("", id, atLeast, null, cancellationToken) ?? atLeast;

    public Task<DateTimeOffset?> ChangePasswordAsync(
        string id, string passwordHash, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
        UpdateWithCutOffAsync("password_hash = @value,", id, tokensValidAfterAtLeast, passwordHash, cancellationToken);

    public Task<DateTimeOffset?> SetRolesAsync(
        string id, IReadOnlyList<string> roles, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
        UpdateWithCutOffAsync(
            "roles = @value,", id, tokensValidAfterAtLeast, RoleRules.Join(RoleRules.Normalize(roles)), cancellationToken);

    public async Task<DateTimeOffset?> SetDisabledAsync(
        string id, bool disabled, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
        disabled
            ? await UpdateWithCutOffAsync("disabled = TRUE,", id, tokensValidAfterAtLeast, null, cancellationToken)
            : ToCutOff(await database.ScalarAsync<long?>(
                "UPDATE users SET disabled = FALSE WHERE id = @id RETURNING tokens_valid_after", new { id }, cancellationToken));

    public Task<bool> DeleteAsync(string id, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var parameters = new { id, valid = tokensValidAfter.ToUnixTimeMilliseconds() };
            if (await connection.ExecuteAsync(Command("DELETE FROM users WHERE id = @id", parameters, transaction, cancellationToken)) == 0)
            {
                return false;
            }

            // The tombstone keeps the cut-off; the second factor goes with the user.
            await connection.ExecuteAsync(Command(
                """
                INSERT INTO deleted_users (id, tokens_valid_after) VALUES (@id, @valid)
                    ON CONFLICT (id) DO UPDATE SET tokens_valid_after = excluded.tokens_valid_after;
                DELETE FROM second_factors WHERE user_id = @id;
                DELETE FROM recovery_codes WHERE user_id = @id;
                """,
                parameters, transaction, cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    public Task RecordLoginAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "UPDATE users SET last_login_at = @at WHERE id = @id", new { id, at = at.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task<UserListing> ListAsync(string? query, int page, int pageSize, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var pattern = string.IsNullOrWhiteSpace(query) ? null : "%" + EscapeLike(query.Trim()) + "%";
            var where = pattern is null
                ? ""
                : $@"WHERE username {_sql.LikeIgnoringCase} @pattern ESCAPE '\' OR display_name {_sql.LikeIgnoringCase} @pattern ESCAPE '\'";
            var parameters = new { pattern, limit = pageSize, offset = (long)Math.Max(page, 0) * pageSize };
            var total = await connection.ExecuteScalarAsync<int>(
                Command($"SELECT COUNT(*) FROM users {where}", parameters, null, cancellationToken));
            var rows = await connection.QueryAsync<UserRow>(Command(
                $"{UserRow.Select} {where} ORDER BY username_key {_sql.ByteOrder} LIMIT @limit OFFSET @offset",
                parameters, null, cancellationToken));
            return new UserListing([.. rows.Select(row => row.ToUser())], total);
        }, cancellationToken);

    public async Task<IReadOnlyList<(string UserId, DateTimeOffset TokensValidAfter)>> ListTokenCutOffsAsync(
        DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync<(string Id, long ValidAfter)>(
            """
            SELECT id, tokens_valid_after FROM users WHERE tokens_valid_after > @since
            UNION ALL
            SELECT id, tokens_valid_after FROM deleted_users WHERE tokens_valid_after > @since
            """,
            new { since = since.ToUnixTimeMilliseconds() }, cancellationToken);
        return [.. rows.Select(row => (row.Id, UserRow.FromUnix(row.ValidAfter)))];
    }

    public Task<IReadOnlyList<ImportOutcome>> ImportAsync(
        IReadOnlyList<User> users, string source, bool commitWhenTaken, CancellationToken cancellationToken) =>
        UserImport.RunAsync(database, users, source, commitWhenTaken, cancellationToken);

    // The backslash is the escape character for LIKE and ILIKE alike.
    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    // One statement, so two writers (replicas on one database) cannot both read the old cut-off and store the same new one.
    private async Task<DateTimeOffset?> UpdateWithCutOffAsync(
        string set, string id, DateTimeOffset atLeast, string? value, CancellationToken cancellationToken) =>
        ToCutOff(await database.ScalarAsync<long?>(
            $"UPDATE users SET {set} tokens_valid_after = {_sql.Greatest}(@atLeast, tokens_valid_after + 1000) " +
            "WHERE id = @id RETURNING tokens_valid_after",
            new { id, atLeast = atLeast.ToUnixTimeMilliseconds(), value }, cancellationToken));

    private async Task<User?> FindAsync(string where, string key, CancellationToken cancellationToken) =>
        (await database.QueryAsync<UserRow>($"{UserRow.Select} WHERE {where}", new { key }, cancellationToken))
            .SingleOrDefault()?.ToUser();

    private static DateTimeOffset? ToCutOff(long? stored) => stored is { } at ? UserRow.FromUnix(at) : null;
}
