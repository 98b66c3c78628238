using Gateway.Configuration;
using Microsoft.Data.Sqlite;

namespace Gateway.Users;

/// <summary>Users in one SQLite file in the data folder, created on first run.</summary>
internal sealed class SqliteUserStore : IUserStore
{
    public const string FileName = "users.db";

    // SQLITE_CONSTRAINT_UNIQUE, https://www.sqlite.org/rescode.html#constraint_unique
    private const int UniqueConstraintFailed = 2067;

    private const string Columns = "id, username, display_name, password_hash, created_at, tokens_valid_after";

    // One SQL expression so replicas sharing the file cannot both read the old cut-off and write the same new one.
    private const string AdvanceCutOff = "tokens_valid_after = MAX($atLeast, tokens_valid_after + 1000)";

    private readonly string _connectionString;

    public SqliteUserStore(DataFolder dataFolder)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = dataFolder.File(FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        CreateSchema();
    }

    public Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        QuerySingleAsync("username_key = $key", UsernameRules.Normalize(username), cancellationToken);

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        QuerySingleAsync("id = $key", id, cancellationToken);

    public async Task<bool> TryCreateAsync(User user, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO users ({Columns}, username_key) VALUES ($id, $username, $display, $hash, $created, $valid, $key)";
        command.Parameters.AddWithValue("$id", user.Id);
        command.Parameters.AddWithValue("$username", user.Username);
        command.Parameters.AddWithValue("$display", user.DisplayName);
        command.Parameters.AddWithValue("$hash", user.PasswordHash);
        command.Parameters.AddWithValue("$created", user.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$valid", user.TokensValidAfter.ToUnixTimeMilliseconds());
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET password_hash = $hash WHERE id = $id";
        command.Parameters.AddWithValue("$hash", passwordHash);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DateTimeOffset> AdvanceTokensValidAfterAsync(
        string id, DateTimeOffset atLeast, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE users SET {AdvanceCutOff} WHERE id = $id RETURNING tokens_valid_after";
        command.Parameters.AddWithValue("$atLeast", atLeast.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is long stored
            ? DateTimeOffset.FromUnixTimeMilliseconds(stored)
            : atLeast;
    }

    public async Task<DateTimeOffset?> ChangePasswordAsync(
        string id, string passwordHash, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"UPDATE users SET password_hash = $hash, {AdvanceCutOff} WHERE id = $id RETURNING tokens_valid_after";
        command.Parameters.AddWithValue("$hash", passwordHash);
        command.Parameters.AddWithValue("$atLeast", tokensValidAfterAtLeast.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is long stored
            ? DateTimeOffset.FromUnixTimeMilliseconds(stored)
            : null;
    }

    public async Task<IReadOnlyList<(string UserId, DateTimeOffset TokensValidAfter)>> ListTokenCutOffsAsync(
        DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, tokens_valid_after FROM users WHERE tokens_valid_after > $since";
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cutOffs = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cutOffs.Add((reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        }

        return cutOffs;
    }

    private async Task<User?> QuerySingleAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE {where}";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new User(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private void CreateSchema()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL,
                username_key TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                tokens_valid_after INTEGER NOT NULL DEFAULT 0
            );
            PRAGMA user_version = 1;
            """;
        command.ExecuteNonQuery();
    }
}
