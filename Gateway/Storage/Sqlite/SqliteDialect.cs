using System.Data.Common;
using Gateway.Hosting.Options;
using Gateway.Storage.Sql;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Gateway.Storage.Sqlite;

/// <summary>The gateway's SQLite file in the data folder, <c>users.db</c>: created on first use, shared by replicas on one folder.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public const string FileName = DataFolder.UsersDatabase;

    private readonly string _connectionString;

    public SqliteDialect(DataFolder dataFolder) => _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = dataFolder.File(FileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    public override string Name => "SQLite";

    public override string Greatest => "MAX";

    // Case-insensitive for ASCII, which is all a username holds.
    public override string LikeIgnoringCase => "LIKE";

    public override string ByteOrder => "COLLATE BINARY";

    public override IReadOnlyList<string> Migrations => SqliteMigrations.All;

    public override string CreateSchemaMigrations => """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        )
        """;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // The journal mode cannot change inside a transaction; WAL stays set in the file once set.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");

        // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is taken before the version is read, so a replica
        // starting at the same moment waits, then finds the migrations applied.
        return await connection.BeginTransactionAsync(cancellationToken);
    }

    // Before schema_migrations, migration n had been applied exactly when n <= PRAGMA user_version.
    public override Task<int> LegacyVersionAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "PRAGMA user_version", transaction: transaction, cancellationToken: cancellationToken));

    // A file: there is no server to be down, and no outage to wait out.
    public override bool IsUnreachable(Exception exception) => false;
}
