using System.Globalization;
using Gateway.Hosting.Options;
using Microsoft.Data.Sqlite;

namespace Gateway.Storage.Sqlite;

/// <summary>
/// The gateway's SQLite file in the data folder: created on first run and brought to the current schema by numbered
/// migrations, each applied once (inside one immediate transaction, so replicas sharing the file cannot both apply it).
/// </summary>
internal sealed class SqliteDatabase
{
    public const string FileName = "users.db";

    // Index i takes the schema from user_version i to i + 1.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS users (
            id TEXT PRIMARY KEY,
            username TEXT NOT NULL,
            username_key TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            tokens_valid_after INTEGER NOT NULL DEFAULT 0
        );
        """,
        """
        ALTER TABLE users ADD COLUMN roles TEXT NOT NULL DEFAULT '';
        ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN last_login_at INTEGER;
        CREATE TABLE deleted_users (
            id TEXT PRIMARY KEY,
            tokens_valid_after INTEGER NOT NULL
        );
        CREATE TABLE audit_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            event TEXT NOT NULL,
            actor TEXT,
            target TEXT,
            address TEXT,
            detail TEXT
        );
        CREATE INDEX audit_events_at ON audit_events (at);
        """,
        """
        ALTER TABLE users ADD COLUMN imported_from TEXT;
        CREATE INDEX users_tokens_valid_after ON users (tokens_valid_after);
        """,
        """
        CREATE TABLE second_factors (
            user_id TEXT PRIMARY KEY,
            secret TEXT,
            pending_secret TEXT,
            last_step INTEGER NOT NULL DEFAULT -1,
            enrolled_at INTEGER
        );
        CREATE TABLE recovery_codes (
            user_id TEXT NOT NULL,
            code_hash TEXT NOT NULL,
            PRIMARY KEY (user_id, code_hash)
        );
        CREATE TRIGGER users_deleted_second_factor AFTER DELETE ON users BEGIN
            DELETE FROM second_factors WHERE user_id = old.id;
            DELETE FROM recovery_codes WHERE user_id = old.id;
        END;
        """,
        """
        CREATE TABLE attempt_counts (
            key_hash TEXT PRIMARY KEY,
            tries INTEGER NOT NULL,
            window_ends INTEGER NOT NULL
        );
        CREATE INDEX attempt_counts_window_ends ON attempt_counts (window_ends);
        """,
    ];

    private readonly string _connectionString;

    public SqliteDatabase(DataFolder dataFolder)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = dataFolder.File(FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        Migrate();
    }

    public static int SchemaVersion => Migrations.Length;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private void Migrate()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");

        // BEGIN IMMEDIATE takes the write lock before reading the version: a replica starting at the same moment waits,
        // then finds the migration applied.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        for (var next = version; next < Migrations.Length; next++)
        {
            Execute(connection, Migrations[next], transaction);
        }

        if (version < Migrations.Length)
        {
            Execute(connection, $"PRAGMA user_version = {Migrations.Length}", transaction);
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}
