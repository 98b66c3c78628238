using Gateway.Accounts;
using Gateway.Storage.PostgreSql;
using Npgsql;

namespace Gateway.Storage;

/// <summary>
/// Users in PostgreSQL (see <see cref="PostgreSqlDatabase"/>), with the SQLite store's behaviour: the same columns,
/// usernames unique by their lower-case key, cut-offs in Unix milliseconds moved forward in one statement.
/// </summary>
internal sealed class PostgreSqlUserStore(PostgreSqlDatabase database) : IUserStore
{
    private const string Columns =
        "id, username, display_name, password_hash, created_at, tokens_valid_after, roles, disabled, last_login_at";

    // One statement: the row lock makes a concurrent writer re-read the new cut-off, so two cannot store the same one.
    private const string AdvanceCutOff = "tokens_valid_after = GREATEST(@atLeast, tokens_valid_after + 1000)";

    public Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        QuerySingleAsync("username_key = @key", UsernameRules.Normalize(username), cancellationToken);

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        QuerySingleAsync("id = @key", id, cancellationToken);

    public Task<bool> TryCreateAsync(User user, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            // Any unique conflict (the username key, or the id) writes nothing and says so.
            await using var command = new NpgsqlCommand(
                $"INSERT INTO users ({Columns}, username_key) " +
                "VALUES (@id, @username, @display, @hash, @created, @valid, @roles, @disabled, @lastLogin, @key) " +
                "ON CONFLICT DO NOTHING",
                connection);
            AddUser(command, user);
            command.Parameters.AddWithValue("disabled", user.Disabled);
            command.Parameters.AddWithValue("lastLogin", (object?)user.LastLoginAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("UPDATE users SET password_hash = @hash WHERE id = @id", connection);
            command.Parameters.AddWithValue("hash", passwordHash);
            command.Parameters.AddWithValue("id", id);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<DateTimeOffset> AdvanceTokensValidAfterAsync(
        string id, DateTimeOffset atLeast, CancellationToken cancellationToken) =>
        await UpdateWithCutOffAsync("", id, atLeast, [], cancellationToken) ?? atLeast;

    public Task<DateTimeOffset?> ChangePasswordAsync(
        string id, string passwordHash, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
        UpdateWithCutOffAsync("password_hash = @hash,", id, tokensValidAfterAtLeast, [("hash", passwordHash)], cancellationToken);

    public Task<DateTimeOffset?> SetRolesAsync(
        string id, IReadOnlyList<string> roles, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
        UpdateWithCutOffAsync(
            "roles = @roles,", id, tokensValidAfterAtLeast, [("roles", RoleRules.Join(RoleRules.Normalize(roles)))],
            cancellationToken);

    public Task<DateTimeOffset?> SetDisabledAsync(
        string id, bool disabled, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken)
    {
        if (disabled)
        {
            return UpdateWithCutOffAsync("disabled = true,", id, tokensValidAfterAtLeast, [], cancellationToken);
        }

        return database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "UPDATE users SET disabled = false WHERE id = @id RETURNING tokens_valid_after", connection);
            command.Parameters.AddWithValue("id", id);
            return await command.ExecuteScalarAsync(cancellationToken) is long stored
                ? DateTimeOffset.FromUnixTimeMilliseconds(stored)
                : (DateTimeOffset?)null;
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string id, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var delete = new NpgsqlCommand("DELETE FROM users WHERE id = @id", connection);
            delete.Parameters.AddWithValue("id", id);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }

            // The tombstone keeps the cut-off; the second factor goes with the user (the SQLite file does this by trigger).
            await using var tombstone = new NpgsqlCommand(
                """
                INSERT INTO deleted_users (id, tokens_valid_after) VALUES (@id, @valid)
                    ON CONFLICT (id) DO UPDATE SET tokens_valid_after = excluded.tokens_valid_after;
                DELETE FROM second_factors WHERE user_id = @id;
                DELETE FROM recovery_codes WHERE user_id = @id;
                """,
                connection);
            tombstone.Parameters.AddWithValue("id", id);
            tombstone.Parameters.AddWithValue("valid", tokensValidAfter.ToUnixTimeMilliseconds());
            await tombstone.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ImportOutcome>> ImportAsync(
        IReadOnlyList<User> users, string source, bool commitWhenTaken, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<ImportOutcome>>(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var outcomes = new List<ImportOutcome>(users.Count);
            foreach (var user in users)
            {
                outcomes.Add(await ImportOneAsync(connection, user, source, cancellationToken));
            }

            // Disposing the transaction without committing rolls every insert back.
            if (commitWhenTaken || !outcomes.Contains(ImportOutcome.UsernameTaken))
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return outcomes;
        }, cancellationToken);

    public Task RecordLoginAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("UPDATE users SET last_login_at = @at WHERE id = @id", connection);
            command.Parameters.AddWithValue("at", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("id", id);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<UserListing> ListAsync(string? query, int page, int pageSize, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            var match = string.IsNullOrWhiteSpace(query)
                ? "TRUE"
                : @"(username ILIKE @pattern ESCAPE '\' OR display_name ILIKE @pattern ESCAPE '\')";
            var pattern = string.IsNullOrWhiteSpace(query) ? null : "%" + EscapeLike(query.Trim()) + "%";

            await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM users WHERE {match}", connection);
            AddPattern(count, pattern);
            var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

            // COLLATE "C": byte order, as SQLite sorts, whatever locale the database was created with.
            await using var select = new NpgsqlCommand(
                $"SELECT {Columns} FROM users WHERE {match} ORDER BY username_key COLLATE \"C\" LIMIT @limit OFFSET @offset",
                connection);
            AddPattern(select, pattern);
            select.Parameters.AddWithValue("limit", pageSize);
            select.Parameters.AddWithValue("offset", (long)Math.Max(page, 0) * pageSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            var found = new List<User>();
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(Read(reader));
            }

            return new UserListing(found, total);
        }, cancellationToken);

    public Task<IReadOnlyList<(string UserId, DateTimeOffset TokensValidAfter)>> ListTokenCutOffsAsync(
        DateTimeOffset since, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<(string, DateTimeOffset)>>(async connection =>
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT id, tokens_valid_after FROM users WHERE tokens_valid_after > @since
                UNION ALL
                SELECT id, tokens_valid_after FROM deleted_users WHERE tokens_valid_after > @since
                """,
                connection);
            command.Parameters.AddWithValue("since", since.ToUnixTimeMilliseconds());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var cutOffs = new List<(string, DateTimeOffset)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                cutOffs.Add((reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
            }

            return cutOffs;
        }, cancellationToken);

    /// <summary>
    /// Inserts unless the key is held; when it is, says by whom. ON CONFLICT waits for a registration of the same name
    /// still in flight, so a name taken meanwhile is reported taken, never inserted twice.
    /// </summary>
    private static async Task<ImportOutcome> ImportOneAsync(
        NpgsqlConnection connection, User user, string source, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO users ({Columns}, username_key, imported_from) " +
                "VALUES (@id, @username, @display, @hash, @created, @valid, @roles, false, NULL, @key, @source) " +
                "ON CONFLICT (username_key) DO NOTHING",
                connection);
            AddUser(insert, user);
            insert.Parameters.AddWithValue("source", source);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return ImportOutcome.Added;
            }

            await using var lookup = new NpgsqlCommand(
                "SELECT imported_from IS NOT NULL FROM users WHERE username_key = @key", connection);
            lookup.Parameters.AddWithValue("key", UsernameRules.Normalize(user.Username));
            if (await lookup.ExecuteScalarAsync(cancellationToken) is bool imported)
            {
                return imported ? ImportOutcome.AlreadyImported : ImportOutcome.UsernameTaken;
            }

            // The holder was deleted between the two statements: the name is free again, so try the insert once more.
        }
    }

    private static void AddUser(NpgsqlCommand command, User user)
    {
        command.Parameters.AddWithValue("id", user.Id);
        command.Parameters.AddWithValue("username", user.Username);
        command.Parameters.AddWithValue("display", user.DisplayName);
        command.Parameters.AddWithValue("hash", user.PasswordHash);
        command.Parameters.AddWithValue("created", user.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("valid", user.TokensValidAfter.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("roles", RoleRules.Join(RoleRules.Normalize(user.Roles)));
        command.Parameters.AddWithValue("key", UsernameRules.Normalize(user.Username));
    }

    private static void AddPattern(NpgsqlCommand command, string? pattern)
    {
        if (pattern is not null)
        {
            command.Parameters.AddWithValue("pattern", pattern);
        }
    }

    // ILIKE's default escape is the backslash too; usernames are ASCII, so its case folding is the same as SQLite's LIKE.
    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private Task<DateTimeOffset?> UpdateWithCutOffAsync(
        string set,
        string id,
        DateTimeOffset atLeast,
        IReadOnlyList<(string Name, object Value)> parameters,
        CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"UPDATE users SET {set} {AdvanceCutOff} WHERE id = @id RETURNING tokens_valid_after", connection);
            command.Parameters.AddWithValue("atLeast", atLeast.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("id", id);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return await command.ExecuteScalarAsync(cancellationToken) is long stored
                ? DateTimeOffset.FromUnixTimeMilliseconds(stored)
                : (DateTimeOffset?)null;
        }, cancellationToken);

    private Task<User?> QuerySingleAsync(string where, string key, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM users WHERE {where}", connection);
            command.Parameters.AddWithValue("key", key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }, cancellationToken);

    private static User Read(NpgsqlDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)))
        {
            Roles = RoleRules.Split(reader.GetString(6)),
            Disabled = reader.GetBoolean(7),
            LastLoginAt = reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
        };
}
