using Gateway.Accounts;
using Gateway.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Gateway.Storage;

/// <summary>Users in the gateway's SQLite file (see <see cref="SqliteDatabase"/>).</summary>
internal sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    public const string FileName = SqliteDatabase.FileName;

    // SQLITE_CONSTRAINT_UNIQUE, https://www.sqlite.org/rescode.html#constraint_unique
    private const int UniqueConstraintFailed = 2067;

    private const string Columns =
        "id, username, display_name, password_hash, created_at, tokens_valid_after, roles, disabled, last_login_at";

    // One SQL expression so replicas sharing the file cannot both read the old cut-off and write the same new one.
    private const string AdvanceCutOff = "tokens_valid_after = MAX($atLeast, tokens_valid_after + 1000)";

    public Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        QuerySingleAsync("username_key = $key", UsernameRules.Normalize(username), cancellationToken);

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        QuerySingleAsync("id = $key", id, cancellationToken);

    public async Task<bool> TryCreateAsync(User user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO users ({Columns}, username_key) " +
            "VALUES ($id, $username, $display, $hash, $created, $valid, $roles, $disabled, $lastLogin, $key)";
        command.Parameters.AddWithValue("$id", user.Id);
        command.Parameters.AddWithValue("$username", user.Username);
        command.Parameters.AddWithValue("$display", user.DisplayName);
        command.Parameters.AddWithValue("$hash", user.PasswordHash);
        command.Parameters.AddWithValue("$created", user.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$valid", user.TokensValidAfter.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$roles", RoleRules.Join(RoleRules.Normalize(user.Roles)));
        command.Parameters.AddWithValue("$disabled", user.Disabled ? 1 : 0);
        command.Parameters.AddWithValue("$lastLogin", (object?)user.LastLoginAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$key", UsernameRules.Normalize(user.Username));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == UniqueConstraintFailed)
        {
            return false;
        }
    }

    public async Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET password_hash = $hash WHERE id = $id";
        command.Parameters.AddWithValue("$hash", passwordHash);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DateTimeOffset> AdvanceTokensValidAfterAsync(
        string id, DateTimeOffset atLeast, CancellationToken cancellationToken) =>
        await UpdateWithCutOffAsync("", id, atLeast, [], cancellationToken) ?? atLeast;

    public Task<DateTimeOffset?> ChangePasswordAsync(
        string id, string passwordHash, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
        UpdateWithCutOffAsync("password_hash = $hash,", id, tokensValidAfterAtLeast, [("$hash", passwordHash)], cancellationToken);

    public Task<DateTimeOffset?> SetRolesAsync(
        string id, IReadOnlyList<string> roles, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
        UpdateWithCutOffAsync(
            "roles = $roles,", id, tokensValidAfterAtLeast, [("$roles", RoleRules.Join(RoleRules.Normalize(roles)))],
            cancellationToken);

    public async Task<DateTimeOffset?> SetDisabledAsync(
        string id, bool disabled, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken)
    {
        if (disabled)
        {
            return await UpdateWithCutOffAsync("disabled = 1,", id, tokensValidAfterAtLeast, [], cancellationToken);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET disabled = 0 WHERE id = $id RETURNING tokens_valid_after";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is long stored
            ? DateTimeOffset.FromUnixTimeMilliseconds(stored)
            : null;
    }

    public async Task<bool> DeleteAsync(string id, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM users WHERE id = $id";
        delete.Parameters.AddWithValue("$id", id);
        if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await using var tombstone = connection.CreateCommand();
        tombstone.Transaction = transaction;
        tombstone.CommandText = "INSERT OR REPLACE INTO deleted_users (id, tokens_valid_after) VALUES ($id, $valid)";
        tombstone.Parameters.AddWithValue("$id", id);
        tombstone.Parameters.AddWithValue("$valid", tokensValidAfter.ToUnixTimeMilliseconds());
        await tombstone.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ImportOutcome>> ImportAsync(
        IReadOnlyList<User> users, string source, bool commitWhenTaken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // Immediate: the write lock is held from the first lookup, so a registration cannot slip in between lookup and insert.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var lookup = connection.CreateCommand();
        lookup.Transaction = transaction;
        lookup.CommandText = "SELECT imported_from IS NOT NULL FROM users WHERE username_key = $key";
        var key = lookup.Parameters.Add("$key", SqliteType.Text);

        var outcomes = new List<ImportOutcome>(users.Count);
        foreach (var user in users)
        {
            key.Value = UsernameRules.Normalize(user.Username);
            var existing = await lookup.ExecuteScalarAsync(cancellationToken);
            if (existing is long imported)
            {
                outcomes.Add(imported != 0 ? ImportOutcome.AlreadyImported : ImportOutcome.UsernameTaken);
                continue;
            }

            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                $"INSERT INTO users ({Columns}, username_key, imported_from) " +
                "VALUES ($id, $username, $display, $hash, $created, $valid, $roles, 0, NULL, $key, $source)";
            insert.Parameters.AddWithValue("$id", user.Id);
            insert.Parameters.AddWithValue("$username", user.Username);
            insert.Parameters.AddWithValue("$display", user.DisplayName);
            insert.Parameters.AddWithValue("$hash", user.PasswordHash);
            insert.Parameters.AddWithValue("$created", user.CreatedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$valid", user.TokensValidAfter.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$roles", RoleRules.Join(RoleRules.Normalize(user.Roles)));
            insert.Parameters.AddWithValue("$key", UsernameRules.Normalize(user.Username));
            insert.Parameters.AddWithValue("$source", source);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            outcomes.Add(ImportOutcome.Added);
        }

        if (commitWhenTaken || !outcomes.Contains(ImportOutcome.UsernameTaken))
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return outcomes;
    }

    public async Task RecordLoginAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET last_login_at = $at WHERE id = $id";
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<UserListing> ListAsync(string? query, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        const string Match = "($pattern IS NULL OR username LIKE $pattern ESCAPE '\\' OR display_name LIKE $pattern ESCAPE '\\')";
        object pattern = string.IsNullOrWhiteSpace(query) ? DBNull.Value : "%" + EscapeLike(query.Trim()) + "%";

        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM users WHERE {Match}";
        count.Parameters.AddWithValue("$pattern", pattern);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM users WHERE {Match} ORDER BY username_key LIMIT $limit OFFSET $offset";
        select.Parameters.AddWithValue("$pattern", pattern);
        select.Parameters.AddWithValue("$limit", pageSize);
        select.Parameters.AddWithValue("$offset", (long)Math.Max(page, 0) * pageSize);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var users = new List<User>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(Read(reader));
        }

        return new UserListing(users, total);
    }

    public async Task<IReadOnlyList<(string UserId, DateTimeOffset TokensValidAfter)>> ListTokenCutOffsAsync(
        DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, tokens_valid_after FROM users WHERE tokens_valid_after > $since
            UNION ALL
            SELECT id, tokens_valid_after FROM deleted_users WHERE tokens_valid_after > $since
            """;
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cutOffs = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cutOffs.Add((reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        }

        return cutOffs;
    }

    // LIKE is case-insensitive for ASCII in SQLite, which is all a username holds.
    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private async Task<DateTimeOffset?> UpdateWithCutOffAsync(
        string set,
        string id,
        DateTimeOffset atLeast,
        IReadOnlyList<(string Name, object Value)> parameters,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE users SET {set} {AdvanceCutOff} WHERE id = $id RETURNING tokens_valid_after";
        command.Parameters.AddWithValue("$atLeast", atLeast.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", id);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(cancellationToken) is long stored
            ? DateTimeOffset.FromUnixTimeMilliseconds(stored)
            : null;
    }

    private async Task<User?> QuerySingleAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE {where}";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static User Read(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)))
        {
            Roles = RoleRules.Split(reader.GetString(6)),
            Disabled = reader.GetInt64(7) != 0,
            LastLoginAt = reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
        };
}
